import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWarehouse, type WarehouseConnection } from '../warehouse/database/connect.js';
import { lockTables } from './support/table-lock.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const STATEMENT_TIMEOUT_MS = 1_000;

let database: TestDatabase;
let tight: WarehouseConnection;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  tight = connectWarehouse(database.url, { statementTimeoutMs: STATEMENT_TIMEOUT_MS });
  server = await startTestServer(tight.db, { production: true });
});
afterAll(async () => {
  await server?.close();
  await tight?.close();
  await database?.drop();
});

describe('statement timeout', () => {
  it('cancels a statement that runs too long and answers TIMEOUT without SQL text', { timeout: 120_000 }, async () => {
    // The test holds the case facts: the grouping's statement waits on them for as long as the test likes, so only the
    // statement timeout can end it, however fast or slow the machine.
    const lock = await lockTables(database.url, ['cases.case_fact']);
    try {
      const answer = server.graphql('{ metric(name: P90_PROCESSING_DAYS, by: [NATIONALITY, MONTH], first: 1000) { totalCount } }');
      // Without the timeout it would wait for the lock; 60 s is 60 times the timeout, to absorb a slow machine.
      const outcome = await Promise.race([answer, sleep(60_000, 'still waiting' as const, { ref: false })]);
      if (outcome === 'still waiting') expect.fail(`not cancelled 60 s into a ${STATEMENT_TIMEOUT_MS} ms statement timeout`);
      expect(outcome.body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(JSON.stringify(outcome.body)).not.toMatch(/select|statement timeout|canceling/i);
      // Cancelled, not left running: nothing waits on the facts any more.
      expect(await lock.waiting()).toEqual([]);
    } finally {
      await lock.release();
    }
  });
});
