import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseLoadInfo, loadCases, type CaseLoadInfo } from '../warehouse/cases/load-cases.js';
import { lockTables } from './support/table-lock.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
let before: CaseLoadInfo;
let beforeCount: number;

async function caseCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from cases.case_fact`.execute(database.db);
  return rows[0]?.n ?? -1;
}

async function stagingExists(): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select exists (select 1 from pg_namespace where nspname = 'cases_staging') as present`.execute(
    database.db,
  );
  return rows[0]?.present ?? false;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const info = await caseLoadInfo(database.db);
  if (!info) throw new Error('the template has no case load');
  before = info;
  beforeCount = await caseCount();
});
afterAll(async () => {
  await database?.drop();
});

describe('atomic case loads', () => {
  it('keeps the previous cases and checksum when a load fails part-way', { timeout: 60_000 }, async () => {
    await expect(loadCases(database.db, { scale: 0.05, seed: 3, quiet: true, failBeforePublish: true })).rejects.toThrow(
      /injected failure before publishing/,
    );
    expect(await caseLoadInfo(database.db)).toEqual(before);
    expect(await caseCount()).toBe(beforeCount);
    expect(await stagingExists()).toBe(false);
  });

  it('rejects bad input before touching anything', async () => {
    await expect(loadCases(database.url, { scale: -1, quiet: true })).rejects.toThrow(/scale/);
    await expect(loadCases(database.url, { scale: 1, seed: 1.5, quiet: true })).rejects.toThrow(/seed/);
    expect(await caseLoadInfo(database.db)).toEqual(before);
  });

  it('keeps the previous cases when the CLI is killed mid-load, and the next load recovers', { timeout: 180_000 }, async () => {
    // The test holds the current facts (a share lock, as a long read would): the load validates its deliveries and, in
    // its publishing transaction, builds the new facts, then its swap waits to drop the old tables. The CLI is killed
    // there, its work done but for the commit.
    const lock = await lockTables(database.url, ['cases.case_fact'], 'access share');
    // node with tsx's loader in-process (not `npx tsx`, which would leave a grandchild running after the kill).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('warehouse', 'cases', 'load-cases.cli.ts'), '--scale', '0.05', '--seed', '5', '--quiet'],
      {
        cwd: path.resolve(import.meta.dirname, '..'),
        env: { ...process.env, DATABASE_URL: database.url },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const swap = await Promise.race([
        lock.untilSomeoneWaits(150_000),
        exited.then((code) => Promise.reject(new Error(`the load exited (${code}) before its swap: ${stderr}`))),
      ]);
      expect(swap.query).toMatch(/drop schema/);
      // Its deliveries are validated and waiting to publish in that same transaction.
      expect((await lock.query<{ n: number }>(`select count(*)::int as n from ingest.delivery where status = 'validating'`)).rows[0]?.n).toBe(3);
      // Mid-load, the current cases are still there to query.
      expect((await lock.query<{ n: number }>('select count(*)::int as n from cases.case_fact')).rows[0]?.n).toBe(beforeCount);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
      await exited;
      // The swap's backend, its client gone, rolls back once it gets the lock.
      await lock.release();
    }
    expect(await caseLoadInfo(database.db)).toEqual(before);
    expect(await caseCount()).toBe(beforeCount);

    // The killed load's deliveries are marked interrupted by the next load, which succeeds.
    const next = await loadCases(database.url, { scale: 0.01, seed: 11, quiet: true });
    expect((await caseLoadInfo(database.db))?.checksum).toBe(next.checksum);
    expect(await caseCount()).toBe(next.caseRows);
    expect(await stagingExists()).toBe(false);
    const { rows } = await sql<{ status: string; n: number }>`
      select status, count(*)::int as n from ingest.delivery where extract_id > 1 group by status order by status`.execute(database.db);
    // The three of the load that failed part-way (first test) and the three of the killed one; then the three published.
    expect(rows).toEqual([
      { status: 'interrupted', n: 6 },
      { status: 'published', n: 3 },
    ]);
  });
});
