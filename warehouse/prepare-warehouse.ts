import type { Kysely } from 'kysely';
import type { Database } from './database/tables.js';
import { migrateToLatest } from './database/migrate.js';
import { loadReferenceDimensions } from './reference/load-reference.js';
import { loadPublishedFigures, type FigureLoadReport } from './published/load-figures.js';
import { caseLoadInfo, loadCases, type LoadCasesResult } from './cases/load-cases.js';
import { defaultCaseScale } from './cases/default-case-scale.js';
import { refreshBiViews } from './bi/metric-views.js';
import { loadCodeMaps } from './ingest/code-maps.js';

export interface PrepareReport {
  migrationsApplied: string[];
  figures: FigureLoadReport;
  /** The case-level load this start made, or null when cases were already loaded (or caseScale is 0). */
  cases: LoadCasesResult | null;
  /** The views of the `bi` schema (warehouse/bi/metric-views.ts). */
  biViews: string[];
}

export interface PrepareOptions {
  /** Scale of the case-level facts loaded when none are loaded yet; 0 skips them. Default: CASE_SCALE or 1. */
  caseScale?: number;
}

/**
 * Everything a start needs before serving: the latest schema, the named dimensions, the curated published
 * figures (only files that changed since the last load), and — the first time — the case-level facts calibrated
 * to those figures; then the `bi` views over them.
 */
export async function prepareWarehouse(db: Kysely<Database>, options: PrepareOptions = {}): Promise<PrepareReport> {
  const migrationsApplied = await migrateToLatest(db);
  await loadReferenceDimensions(db);
  const figures = await loadPublishedFigures(db);
  // The agencies' code maps come with the figures: a delivery is mapped by the maps the repository holds now.
  await loadCodeMaps(db);
  const caseScale = options.caseScale ?? defaultCaseScale();
  const cases = caseScale > 0 && (await caseLoadInfo(db)) === null ? await loadCases(db, { scale: caseScale }) : null;
  // The BI views follow the catalogue of the code that starts (it may have changed since they were made).
  const biViews = await refreshBiViews(db);
  return { migrationsApplied, figures, cases, biViews };
}
