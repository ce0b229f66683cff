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
async function ask(): Promise<{ ok: boolean; code?: string; ms: number }> {
  const started = performance.now();
  const { body } = await server.graphql<{ feeActivities: unknown[] }>(QUERY);
  return {
    ok: !body.errors && (body.data?.feeActivities.length ?? 0) > 0,
    code: body.errors?.[0]?.extensions?.code,
    ms: performance.now() - started,
  };
}

describe('losing the database', () => {
  it('answers SERVICE_UNAVAILABLE while it is down, fails readiness, and recovers by itself within 5 s of its return', async () => {
    expect((await ask()).ok).toBe(true);
    await cluster.stop();
    const during: { ok: boolean; code?: string; ms: number }[] = [];
    for (let i = 0; i < 10; i += 1) during.push(await ask());
    expect(during.every((r) => !r.ok && r.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(Math.max(...during.map((r) => r.ms))).toBeLessThan(6_000);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(503);
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);

    cluster = await boot();
    const back = performance.now();
    let recovered: number | null = null;
    while (performance.now() - back < 10_000) {
      if ((await ask()).ok) {
        recovered = performance.now() - back;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recovered).not.toBeNull();
    expect(recovered as number).toBeLessThan(5_000);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
  });
});
