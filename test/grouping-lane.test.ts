import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockTables } from './support/table-lock.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { waitFor } from './support/wait-for.js';

let database: TestDatabase;
let server: TestServer;
let metricsUrl: string;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database.db, { concurrency: 4, groupingConcurrency: 1, largeGroupingRows: 50, queueMax: 1, metricsPort: 0 });
  metricsUrl = `http://127.0.0.1:${await server.listenMetrics()}/metrics`;
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const gauge = async (queue: 'graphql' | 'grouping', state: 'active' | 'queued') =>
  Number(
    new RegExp(`^admission_requests\\{queue="${queue}",state="${state}"\\} (\\d+)$`, 'm').exec(await (await fetch(metricsUrl)).text())?.[1] ??
      Number.NaN,
  );

/** Large (months × sexes × channels: hundreds of rows) and small groupings of the case facts, and a published one. */
const LARGE = (year: number) => `{ metric(name: RECEIVED, by: [MONTH, SEX, CHANNEL], where: { year: [${year}] }, first: 5) { totalCount } }`;
const SMALL = '{ metric(name: RECEIVED, by: [SEX], where: { year: [2023] }) { totalCount } }';
const PUBLISHED = '{ metric(name: FEE_COVERAGE_RATIO, by: [YEAR]) { totalCount } }';

describe('large metric groupings take turns (GROUPING_CONCURRENCY, LARGE_GROUPING_ROWS)', () => {
  it('computes one large grouping at a time inside the operations’ turns, refuses one past the queue, and lets the rest run', {
    timeout: 120_000,
  }, async () => {
    // The members the estimate reads are not locked: only the facts and rollups the groupings read.
    const tables = await database.pool.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'cases' and tablename <> 'dimension_member' order by 1`,
    );
    const lock = await lockTables(
      database.url,
      tables.rows.map((r) => r.name),
    );
    try {
      const first = server.graphql<{ metric: { totalCount: number } }>(LARGE(2023));
      await lock.untilSomeoneWaits();
      const second = server.graphql<{ metric: { totalCount: number } }>(LARGE(2024));
      await waitFor('the second large grouping to wait for its turn', async () => (await gauge('grouping', 'queued')) === 1);
      // Both operations hold an operation slot; only the first grouping runs (waits on the lock).
      expect(await gauge('graphql', 'active')).toBe(2);
      expect(await gauge('grouping', 'active')).toBe(1);
      expect((await lock.waiting()).length).toBe(1);

      const refused = await server.graphql(LARGE(2022));
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      // A grouping that is not large does not wait for the lane (it waits on the lock like any statement would).
      const small = server.graphql<{ metric: { totalCount: number } }>(SMALL);
      await waitFor('the small grouping to reach the database', async () => (await lock.waiting()).length === 2);
      expect(await gauge('grouping', 'queued')).toBe(1);
      const published = await server.graphql<{ metric: { totalCount: number } }>(PUBLISHED);
      expect(published.body.data?.metric.totalCount).toBeGreaterThan(0);

      await lock.release();
      const answers = await Promise.all([first, second, small]);
      for (const answer of answers) expect(answer.body.data?.metric.totalCount).toBeGreaterThan(0);
      expect([await gauge('grouping', 'active'), await gauge('grouping', 'queued')]).toEqual([0, 0]);
    } finally {
      await lock.release();
    }
  });
});
