import type { Kysely } from 'kysely';
import type { AppropriationRecord, CaseTypeRecord, CodeNameRecord, Database } from '../database/tables.js';
import { rememberForGeneration } from '../database/generation-memo.js';

// The reference lists change only with a load: each is remembered per warehouse generation (generation-memo.ts).

export function listCaseTypes(db: Kysely<Database>, codes?: readonly string[]): Promise<readonly CaseTypeRecord[]> {
  return rememberForGeneration(db, `case-types:${codes?.join(',') ?? ''}`, () => {
    let query = db.selectFrom('dim_case_type').selectAll().orderBy('code');
    if (codes && codes.length > 0) query = query.where('code', 'in', codes);
    return query.execute();
  });
}

/** Fee activities that have published figures, in the order of the fee table. */
export function listFeeActivities(db: Kysely<Database>): Promise<readonly CodeNameRecord[]> {
  return rememberForGeneration(db, 'fee-activities', () => readFeeActivities(db));
}

function readFeeActivities(db: Kysely<Database>): Promise<CodeNameRecord[]> {
  return db
    .selectFrom('dim_fee_activity')
    .selectAll()
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('fact_figure').select('fact_figure.figure_id').whereRef('fact_figure.fee_activity', '=', 'dim_fee_activity.code')),
    )
    .orderBy('code')
    .execute();
}

/** Appropriations that have published budget figures. */
export function listAppropriations(db: Kysely<Database>, expenditureArea?: number): Promise<readonly AppropriationRecord[]> {
  return rememberForGeneration(db, `appropriations:${expenditureArea ?? ''}`, () => readAppropriations(db, expenditureArea));
}

function readAppropriations(db: Kysely<Database>, expenditureArea?: number): Promise<AppropriationRecord[]> {
  let query = db
    .selectFrom('dim_appropriation')
    .selectAll()
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('fact_figure')
          .select('fact_figure.figure_id')
          .whereRef('fact_figure.appropriation', '=', 'dim_appropriation.code')
          .where('fact_figure.area', '=', 'budget'),
      ),
    )
    .orderBy('code');
  if (expenditureArea !== undefined) query = query.where('expenditure_area', '=', expenditureArea);
  return query.execute();
}
