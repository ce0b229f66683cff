import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { bootEmbeddedPostgres, databaseUrl } from '../../warehouse/database/embedded-postgres.js';
import { connectWarehouse } from '../../warehouse/database/connect.js';
import { prepareWarehouse } from '../../warehouse/prepare-warehouse.js';
import { ensureDatabase } from '../../warehouse/database/database-target.js';
import { TEMPLATE_DATABASE } from '../support/test-database.js';

/** Scale of the case facts in the template database every test file clones. */
export const TEST_CASE_SCALE = 0.02;

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run, in a fresh data directory, with a template database that is migrated and
 * loaded once; each test file clones it (CREATE DATABASE … TEMPLATE), so files run in parallel without sharing state.
 */
export default async function setup(project: TestProject) {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'warehouse-test-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter this folder.
  await chmod(parent, 0o755);
  const cluster = await bootEmbeddedPostgres({ dataDirectory: path.join(parent, 'data') });
  await ensureDatabase(cluster.url, TEMPLATE_DATABASE);
  const warehouse = connectWarehouse(databaseUrl(cluster.url, TEMPLATE_DATABASE));
  // Case facts at 2 % of the national volume (about 40 000 cases): enough for queries, seconds to load. The
  // calibration itself is checked at scale 1 in memory (test/case-calibration.test.ts).
  const report = await prepareWarehouse(warehouse.db, { caseScale: TEST_CASE_SCALE });
  await warehouse.close();
  if (report.figures.rejected.length > 0) {
    throw new Error(`curated figures rejected: ${report.figures.rejected.map((e) => `${e.file}:${e.line} ${e.message}`).join('; ')}`);
  }
  project.provide('pgServerUrl', cluster.url);
  return async () => {
    await cluster.stop();
    await rm(parent, { recursive: true, force: true });
  };
}
