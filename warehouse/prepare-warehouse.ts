import type { Kysely } from 'kysely';
import type { Database } from './database/tables.js';
import { migrateToLatest } from './database/migrate.js';
import { loadReferenceDimensions } from './reference/load-reference.js';
import { loadPublishedFigures, type FigureLoadReport } from './published/load-figures.js';

export interface PrepareReport {
  migrationsApplied: string[];
  figures: FigureLoadReport;
}

/**
 * Everything a start needs before serving: the latest schema, the named dimensions, and the curated published
 * figures (only files that changed since the last load).
 */
export async function prepareWarehouse(db: Kysely<Database>): Promise<PrepareReport> {
  const migrationsApplied = await migrateToLatest(db);
  await loadReferenceDimensions(db);
  const figures = await loadPublishedFigures(db);
  return { migrationsApplied, figures };
}
