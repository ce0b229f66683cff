import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';
import { loadStandInCases, STAND_IN_CHECKSUM } from './stand-in-cases.js';

/** Where the case facts of a run came from, and how many there are. */
export interface CaseDataReport {
  scale: number;
  source: 'generator (prepareWarehouse caseScale)' | 'generator (loadCases)' | 'bench stand-in';
  cases: number;
  events: number;
  seconds: number;
}

/** prepareWarehouse as it will be once the generator lands: `prepareWarehouse(db, { caseScale })`. */
type PrepareWithScale = (db: Kysely<Database>, options?: { caseScale?: number }) => ReturnType<typeof prepareWarehouse>;
/** The generator's loader as announced (warehouse/cases/load-cases.ts); checked at run time before use. */
type LoadCases = (db: Kysely<Database>, options: { scale: number }) => Promise<unknown>;

async function loadedScale(db: Kysely<Database>): Promise<{ scale: number | null; checksum: string | null; cases: number; events: number }> {
  const { rows } = await sql<{ scale: number | null; checksum: string | null; cases: number; events: number }>`
    select (select scale from cases.load_info order by loaded_at desc limit 1) as scale,
           (select checksum from cases.load_info order by loaded_at desc limit 1) as checksum,
           (select count(*) from cases.case_fact)::int as cases,
           (select count(*) from cases.case_event)::int as events`.execute(db);
  return rows[0] ?? { scale: null, checksum: null, cases: 0, events: 0 };
}

/** The generator's loader module, if it exists in this checkout (it is being written concurrently). */
async function generatorLoader(projectRoot: string): Promise<LoadCases | null> {
  const source = path.join(projectRoot, 'warehouse/cases/load-cases.ts');
  if (!existsSync(source)) return null;
  // A computed specifier: the module may not exist when this file is type-checked.
  const loaded: Record<string, unknown> = await import(pathToFileURL(source).href);
  const candidate = loaded.loadCases;
  return typeof candidate === 'function' ? (candidate as LoadCases) : null;
}

/**
 * Fills `cases` at a scale: with the real generator when this checkout has it (through `prepareWarehouse(db,
 * { caseScale })`, else its `loadCases`), otherwise with the clearly-labelled bench stand-in. `events` false skips
 * the stand-in's event rows (the scale curve reads only the rollups; events cost most of the loading time).
 */
export async function loadCaseData(db: Kysely<Database>, projectRoot: string, scale: number, options: { events: boolean }): Promise<CaseDataReport> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  await (prepareWarehouse as PrepareWithScale)(db, { caseScale: scale });
  let state = await loadedScale(db);
  if (state.cases > 0 && state.scale === scale && state.checksum !== STAND_IN_CHECKSUM) {
    return { scale, source: 'generator (prepareWarehouse caseScale)', cases: state.cases, events: state.events, seconds: seconds() };
  }
  const loadCases = await generatorLoader(projectRoot);
  if (loadCases) {
    await loadCases(db, { scale });
    state = await loadedScale(db);
    if (state.cases > 0) return { scale, source: 'generator (loadCases)', cases: state.cases, events: state.events, seconds: seconds() };
  }
  const standIn = await loadStandInCases(db, scale, options);
  return { scale, source: 'bench stand-in', cases: standIn.cases, events: standIn.events, seconds: seconds() };
}
