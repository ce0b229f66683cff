import { sql, type Kysely } from 'kysely';
import { loadCases } from '../warehouse/cases/load-cases.js';
import type { Database } from '../warehouse/database/tables.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';

/** How many case facts a run holds, at which scale, and how long loading them took. */
export interface CaseDataReport {
  scale: number;
  cases: number;
  events: number;
  seconds: number;
}

async function loadedScale(db: Kysely<Database>): Promise<{ scale: number | null; cases: number; events: number }> {
  const { rows } = await sql<{ scale: number | null; cases: number; events: number }>`
    select (select scale from cases.load_info order by loaded_at desc limit 1) as scale,
           (select count(*) from cases.case_fact)::int as cases,
           (select count(*) from cases.case_event)::int as events`.execute(db);
  return rows[0] ?? { scale: null, cases: 0, events: 0 };
}

/**
 * Brings the bench database to the warehouse with the generated case facts at `scale`: a first call prepares it
 * (migrations, figures, cases at that scale); a later call at another scale reloads the cases (the generator's
 * atomic swap).
 */
export async function loadCaseData(db: Kysely<Database>, scale: number): Promise<CaseDataReport> {
  const started = Date.now();
  await prepareWarehouse(db, { caseScale: scale });
  let state = await loadedScale(db);
  if (state.scale !== scale) {
    await loadCases(db, { scale, quiet: true });
    state = await loadedScale(db);
  }
  return { scale, cases: state.cases, events: state.events, seconds: (Date.now() - started) / 1000 };
}
