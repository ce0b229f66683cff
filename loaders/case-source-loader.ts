import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { sourcesOfCases, type CaseSourceRecord } from '../warehouse/queries/case-sources.js';

/** The source records of every case on a page in one statement. */
export function createCaseSourceLoader(db: Kysely<Database>) {
  return {
    caseSources: new DataLoader<number, CaseSourceRecord[]>(async (caseIds) => {
      const { rows } = await db.executeQuery(sourcesOfCases(db, caseIds));
      const byCase = new Map<number, CaseSourceRecord[]>();
      for (const row of rows) byCase.set(Number(row.case_id), [...(byCase.get(Number(row.case_id)) ?? []), row]);
      return caseIds.map((id) => byCase.get(id) ?? []);
    }),
  };
}

export type CaseSourceLoaders = ReturnType<typeof createCaseSourceLoader>;
