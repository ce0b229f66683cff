import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { eventsOfCases, type CaseEventRecord, type EventColumn } from '../warehouse/queries/case-list.js';

/** A column set's loader key, made once per set (the events resolver hands every case of a page the same set). */
const keys = new WeakMap<ReadonlySet<EventColumn>, string>();
function keyOf(columns: ReadonlySet<EventColumn>): string {
  let key = keys.get(columns);
  if (key === undefined) {
    key = [...columns].sort().join(',');
    keys.set(columns, key);
  }
  return key;
}

/**
 * The events of every case on a page in one statement, reading only the columns asked (all when none are given).
 * One loader per set of columns: a case's events read without a column are never handed to a field that needs it.
 */
export function createCaseEventLoader(db: Kysely<Database>) {
  const loaders = new Map<string, DataLoader<number, CaseEventRecord[]>>();
  return {
    caseEvents(columns?: ReadonlySet<EventColumn>): DataLoader<number, CaseEventRecord[]> {
      const key = columns ? keyOf(columns) : '*';
      let loader = loaders.get(key);
      if (!loader) {
        loader = new DataLoader<number, CaseEventRecord[]>(async (caseIds) => {
          const rows = await eventsOfCases(db, caseIds, columns).execute();
          const byCase = new Map<number, CaseEventRecord[]>();
          for (const row of rows) {
            const events = byCase.get(row.case_id);
            if (events) events.push(row);
            else byCase.set(row.case_id, [row]);
          }
          return caseIds.map((id) => byCase.get(id) ?? []);
        });
        loaders.set(key, loader);
      }
      return loader;
    },
  };
}

export type CaseEventLoaders = ReturnType<typeof createCaseEventLoader>;
