import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';

/** The years a published measure has figures for (one statement for every measure a request asks about). */
export function createMeasureYearLoader(db: Kysely<Database>) {
  return {
    measureYears: new DataLoader<string, number[]>(async (measures) => {
      const rows = await db
        .selectFrom('fact_figure')
        .select(['measure', 'year'])
        .distinct()
        .where('measure', 'in', [...measures])
        .where('year', 'is not', null)
        .orderBy('year')
        .execute();
      return measures.map((m) => rows.filter((r) => r.measure === m).map((r) => r.year as number));
    }),
  };
}

export type MeasureYearLoaders = ReturnType<typeof createMeasureYearLoader>;
