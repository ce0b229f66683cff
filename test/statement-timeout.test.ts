import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWarehouse, type WarehouseConnection } from '../warehouse/database/connect.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let tight: WarehouseConnection;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  // A pool whose statements the database cancels after 5 ms: any real grouping over the case facts exceeds it.
  tight = connectWarehouse(database.url, { statementTimeoutMs: 5 });
  server = await startTestServer(tight.db, { production: true });
});
afterAll(async () => {
  await server?.close();
  await tight?.close();
  await database?.drop();
});

describe('statement timeout', () => {
  it('cancels a statement that runs too long and answers TIMEOUT without SQL text', async () => {
    const { body } = await server.graphql('{ metric(name: P90_PROCESSING_DAYS, by: [NATIONALITY, MONTH], first: 1000) { totalCount } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(JSON.stringify(body)).not.toMatch(/select|statement timeout|canceling/i);
  });
});
