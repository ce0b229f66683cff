import type { Kysely } from 'kysely';
import type { Database } from '../database/tables.js';
import { CASE_TYPES } from './case-types.js';
import { AGENCIES, APPROPRIATIONS, FEE_ACTIVITIES, NATIONALITIES, REGIONS, SEXES } from './code-names.js';
import { DOCUMENTS } from './documents.js';
import { SEGMENT_LIMITS } from './segment-limits.js';

/** Upserts the named dimension members; idempotent, so every start may run it. */
export async function loadReferenceDimensions(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('dim_document')
      .values([...DOCUMENTS])
      .onConflict((oc) =>
        oc.column('document').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          publisher: eb.ref('excluded.publisher'),
          edition_year: eb.ref('excluded.edition_year'),
          description: eb.ref('excluded.description'),
        })),
      )
      .execute();
    await trx
      .insertInto('dim_case_type')
      .values([...CASE_TYPES])
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name_sv: eb.ref('excluded.name_sv'),
          name_en: eb.ref('excluded.name_en'),
          statutory_limit_days: eb.ref('excluded.statutory_limit_days'),
        })),
      )
      .execute();
    for (const [table, rows] of [
      ['dim_sex', SEXES],
      ['dim_region', REGIONS],
      ['dim_agency', AGENCIES],
      ['dim_fee_activity', FEE_ACTIVITIES],
      ['dim_nationality', NATIONALITIES],
    ] as const) {
      await trx
        .insertInto(table)
        .values([...rows])
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name_sv: eb.ref('excluded.name_sv'),
            name_en: eb.ref('excluded.name_en'),
          })),
        )
        .execute();
    }
    await trx
      .insertInto('dim_segment_limit')
      .values([...SEGMENT_LIMITS])
      .onConflict((oc) =>
        oc.columns(['case_type', 'segment']).doUpdateSet((eb) => ({
          limit_days: eb.ref('excluded.limit_days'),
          document: eb.ref('excluded.document'),
          line: eb.ref('excluded.line'),
          quote: eb.ref('excluded.quote'),
        })),
      )
      .execute();
    await trx
      .insertInto('dim_appropriation')
      .values([...APPROPRIATIONS])
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name_sv: eb.ref('excluded.name_sv'),
          expenditure_area: eb.ref('excluded.expenditure_area'),
        })),
      )
      .execute();
  });
}
