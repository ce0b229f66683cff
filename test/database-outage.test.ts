import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDatabase } from '../warehouse/database/database-target.js';
import { connectWarehouse, type WarehouseConnection } from '../warehouse/database/connect.js';
import { bootEmbeddedPostgres, databaseUrl, freePort, type EmbeddedCluster } from '../warehouse/database/embedded-postgres.js';
import { migrateToLatest } from '../warehouse/database/migrate.js';
import { loadPublishedFigures } from '../warehouse/published/load-figures.js';
import { loadReferenceDimensions } from '../warehouse/reference/load-reference.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { waitFor } from './support/wait-for.js';

// A cluster of its own, so that stopping it does not disturb the other test files.
let parent: string;
let port: number;
let cluster: EmbeddedCluster;
let warehouse: WarehouseConnection;
let server: TestServer;
const boot = () => bootEmbeddedPostgres({ dataDirectory: path.join(parent, 'data'), port });

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'warehouse-outage-'));
  await chmod(parent, 0o755);
  port = await freePort();
  cluster = await boot();
  await ensureDatabase(cluster.url, 'outage');
  warehouse = connectWarehouse(databaseUrl(cluster.url, 'outage'), { statementTimeoutMs: 2_000 });
  await migrateToLatest(warehouse.db);
  await loadReferenceDimensions(warehouse.db);
  await loadPublishedFigures(warehouse.db);
  server = await startTestServer(warehouse.db, { production: true });
});
afterAll(async () => {
  await server?.close();
  await warehouse?.close();
  await cluster?.stop();
  await rm(parent, { recursive: true, force: true });
});

const QUERY = '{ feeActivities(codes: ["citizenship"]) { years { year coverageRatio } } }';
async function ask(): Promise<{ ok: boolean; code?: string }> {
  const { body } = await server.graphql<{ feeActivities: unknown[] }>(QUERY);
  return { ok: !body.errors && (body.data?.feeActivities.length ?? 0) > 0, code: body.errors?.[0]?.extensions?.code };
}

describe('losing the database', () => {
  it('answers SERVICE_UNAVAILABLE while it is down, fails readiness, and recovers by itself once it is back', { timeout: 180_000 }, async () => {
    expect((await ask()).ok).toBe(true);
    await cluster.stop();
    // Each request is answered (none hangs: the test would time out) with the outage's code.
    const during: { ok: boolean; code?: string }[] = [];
    for (let i = 0; i < 10; i += 1) during.push(await ask());
    expect(during).toEqual(Array.from({ length: 10 }, () => ({ ok: false, code: 'SERVICE_UNAVAILABLE' })));
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(503);
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);

    // Back: the same server, untouched, answers again (its pool opens fresh connections) and is ready again.
    cluster = await boot();
    await waitFor('an answer after the database came back', async () => (await ask()).ok);
    await waitFor('readiness after the database came back', async () => (await fetch(`${server.url}/health/ready`)).status === 200);
  });
});
