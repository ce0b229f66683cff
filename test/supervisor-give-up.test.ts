import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthRouter } from '../server/health-route.js';
import { superviseCluster, type ClusterSupervisor } from '../warehouse/database/cluster-supervisor.js';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { bootEmbeddedPostgres, type EmbeddedCluster } from '../warehouse/database/embedded-postgres.js';

/**
 * The give-up path in one process, where the test can look at liveness after the supervisor has given up for as long
 * as it likes (the server itself exits one second later, too soon for a probe on a busy machine to be sure of it).
 */
let parent: string;
let cluster: EmbeddedCluster;
let supervisor: ClusterSupervisor;
const reasons: string[] = [];
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'warehouse-give-up-'));
  await chmod(parent, 0o755);
  cluster = await bootEmbeddedPostgres({ dataDirectory: path.join(parent, 'data') });
  supervisor = superviseCluster(cluster, { giveUpMs: 2_000, log: silent, onGiveUp: (reason) => reasons.push(reason) });
}, 120_000);

afterAll(async () => {
  supervisor?.stop();
  await chmod(path.join(parent, 'data'), 0o700).catch(() => undefined);
  await cluster?.stop();
  await rm(parent, { recursive: true, force: true });
});

describe('a supervisor that cannot bring PostgreSQL back', () => {
  it('gives up once, with the reason, and liveness then answers 503', async () => {
    const warehouse = connectWarehouse(cluster.url);
    const app = express().use(healthRouter(warehouse.db, supervisor));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      await chmod(path.join(parent, 'data'), 0o000);
      process.kill(cluster.pid(), 'SIGKILL');
      const deadline = Date.now() + 60_000;
      while (supervisor.status() !== 'failed') {
        if (Date.now() > deadline) throw new Error(`the supervisor did not give up within 60 s (status ${supervisor.status()})`);
        await sleep(100);
      }
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toMatch(/could not be restarted within 2 s \(\d+ attempts; last: .*Permission denied/);
      const live = await fetch(`${url}/health/live`);
      expect(live.status).toBe(503);
      expect(await live.json()).toMatchObject({ status: 'failed', database: 'embedded PostgreSQL could not be restarted' });
      expect((await fetch(`${url}/health/ready`)).status).toBe(503);
    } finally {
      server.close();
      await warehouse.close();
    }
  }, 120_000);
});
