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
 * Vacuums the case tables after a load, so that the measurements that follow do not share the machine with
 * autovacuum: a fresh load of millions of rows sets it off (inserts count since PostgreSQL 13) in the middle of the
 * next minutes' runs, and a scale-10 curve measured under it is a curve of the vacuum, not of the data's size.
 */
async function vacuumCaseTables(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'cases' and c.relkind = 'r' order by 1`.execute(db);
  for (const { name } of rows) await sql.raw(`vacuum (analyze) ${name}`).execute(db);
}

/**
 * Brings the bench database to the warehouse with the generated case facts at `scale`: a first call prepares it
 * (migrations, figures, cases at that scale); a later call at another scale reloads the cases (the generator's
 * atomic swap). Either way the case tables are vacuumed before it returns.
 */
export async function loadCaseData(db: Kysely<Database>, scale: number): Promise<CaseDataReport> {
  const started = Date.now();
  await prepareWarehouse(db, { caseScale: scale });
  let state = await loadedScale(db);
  if (state.scale !== scale) {
    await loadCases(db, { scale, quiet: true });
    state = await loadedScale(db);
  }
  await vacuumCaseTables(db);
  return { scale, cases: state.cases, events: state.events, seconds: (Date.now() - started) / 1000 };
}
