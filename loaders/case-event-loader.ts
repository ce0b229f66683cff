import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { eventsOfCases, type CaseEventRecord } from '../warehouse/queries/case-list.js';

/** The events of every case on a page in one statement. */
export function createCaseEventLoader(db: Kysely<Database>) {
  return {
    caseEvents: new DataLoader<number, CaseEventRecord[]>(async (caseIds) => {
      const rows = await eventsOfCases(db, caseIds).execute();
      const byCase = new Map<number, CaseEventRecord[]>();
      for (const row of rows) {
        const events = byCase.get(row.case_id);
        if (events) events.push(row);
        else byCase.set(row.case_id, [row]);
      }
      return caseIds.map((id) => byCase.get(id) ?? []);
    }),
  };
}

export type CaseEventLoaders = ReturnType<typeof createCaseEventLoader>;
