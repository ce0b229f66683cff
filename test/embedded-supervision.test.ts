import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterStatePath, readClusterState, readPostmasterPid } from '../warehouse/database/cluster-state.js';
import { databaseUrl, freePort } from '../warehouse/database/embedded-postgres.js';
import { spawnEntryPoint, type SpawnedProcess } from './support/spawned-process.js';

/**
 * The default set-up as an admin runs it: `npm start` on an embedded PostgreSQL of its own (a data directory under a
 * fresh temporary folder), with `npm run load` beside it, and the postmaster killed with SIGKILL as the kernel's
 * out-of-memory killer would.
 */
let parent: string;
let dataDirectory: string;
const ADMIN_KEY = 'admin-key-for-supervision-test';
let server: SpawnedProcess | undefined;
let serverUrl: string;

const SERVER_SCRIPT = 'server/main.ts';
const LOAD_SCRIPT = 'warehouse/cases/load-cases.cli.ts';

async function startServer(giveUpS: number): Promise<SpawnedProcess> {
  const port = await freePort();
  serverUrl = `http://127.0.0.1:${port}`;
  const child = spawnEntryPoint(SERVER_SCRIPT, [], {
    PGDATA_DIR: dataDirectory,
    PORT: String(port),
    CASE_SCALE: '0.01',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    EMBEDDED_RESTART_GIVEUP_S: String(giveUpS),
    RATE_LIMIT_PER_MINUTE: '0',
    API_KEYS: `${ADMIN_KEY}:admin`,
  });
  await child.waitForOutput('GraphQL API at');
  return child;
}

function runLoad(scale: number, seed: number): SpawnedProcess {
  return spawnEntryPoint(LOAD_SCRIPT, ['--scale', String(scale), '--seed', String(seed), '--quiet'], { PGDATA_DIR: dataDirectory });
}

/** The cluster's owner connection to the warehouse database, from the state file the server wrote. */
async function withWarehouse<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const state = await readClusterState(dataDirectory);
  if (!state) throw new Error('no cluster state file');
  const client = new pg.Client({ connectionString: databaseUrl(state.postgres.url, 'warehouse') });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const loadChecksum = () =>
  withWarehouse(async (c) => (await c.query<{ checksum: string }>('select checksum from cases.load_info')).rows[0]?.checksum);

// A published figure (fee coverage), and a metric computed from the case facts.
const QUERIES = [
  '{ feeActivities(codes: ["citizenship"]) { years { year revenue cost coverageRatio } } }',
  '{ metric(name: RECEIVED, by: [YEAR]) { rows { year value } } }',
];

interface Answer {
  ok: boolean;
  code?: string;
  body: string;
}

async function ask(query: string): Promise<Answer> {
  try {
    const response = await fetch(`${serverUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await response.text();
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
    return { ok: response.status === 200 && !parsed.errors, code: parsed.errors?.[0]?.extensions?.code, body };
  } catch (error) {
    return { ok: false, code: `no answer: ${error instanceof Error ? error.message : String(error)}`, body: '' };
  }
}

const answersNow = () => Promise.all(QUERIES.map(async (query) => (await ask(query)).body));

async function status(route: string): Promise<number> {
  try {
    return (await fetch(`${serverUrl}${route}`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

async function metric(name: string): Promise<number> {
  // /metrics answers admin keys only.
  const text = await (await fetch(`${serverUrl}/metrics`, { headers: { 'x-api-key': ADMIN_KEY } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

/** Kills the postmaster named in postmaster.pid, as an out-of-memory kill would. */
async function killPostmaster(): Promise<number> {
  const postmaster = await readPostmasterPid(dataDirectory);
  if (!postmaster) throw new Error('no postmaster.pid');
  process.kill(postmaster.pid, 'SIGKILL');
  return postmaster.pid;
}

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'warehouse-supervision-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter this folder.
  await chmod(parent, 0o755);
  dataDirectory = path.join(parent, 'data');
  server = await startServer(30);
}, 180_000);

afterAll(async () => {
  await chmod(dataDirectory, 0o700).catch(() => undefined);
  await server?.stop();
  await rm(parent, { recursive: true, force: true });
});

describe('the embedded PostgreSQL under supervision', () => {
  let before: string[];

  it('comes back by itself after its postmaster is killed, with the same answers, counted on /metrics', async () => {
    before = await answersNow();
    expect(before.every((body) => body.includes('"data"') && !body.includes('"errors"'))).toBe(true);
    const state = await readClusterState(dataDirectory);
    expect(state?.owner).toMatchObject({ pid: server?.pid, role: 'server', httpUrl: serverUrl });

    // The restart is held while the test looks: PostgreSQL cannot read its data directory until it is given back, so
    // every attempt fails, however fast this machine would otherwise bring it back.
    await chmod(dataDirectory, 0o000);
    const killed = await killPostmaster();
    expect(state?.postgres.pid).toBe(killed);
    await server?.waitForOutput('embedded PostgreSQL restart attempt 1 failed', 60_000);
    // While down: refused with a code, not ready, still alive.
    const answer = await ask(QUERIES[1] as string);
    expect(answer.code, answer.body).toBe('SERVICE_UNAVAILABLE');
    expect(await status('/health/ready')).toBe(503);
    expect(await status('/health/live')).toBe(200);
    expect(await metric('embedded_postgres_up')).toBe(0);

    await chmod(dataDirectory, 0o700);
    await server?.waitForOutput('embedded PostgreSQL is back after', 60_000);
    const deadline = Date.now() + 60_000;
    while (!(await ask(QUERIES[1] as string)).ok) {
      if (Date.now() > deadline) throw new Error(`no right answer within 60 s of the restart:\n${server?.stdout().slice(-3000)}`);
      await sleep(100);
    }
    expect(await answersNow()).toEqual(before);
    expect(await status('/health/ready')).toBe(200);
    expect(await metric('embedded_postgres_up')).toBe(1);
    expect(await metric('embedded_postgres_crashes_total')).toBe(1);
    expect(await metric('embedded_postgres_restarts_total')).toBe(1);
    expect(await metric('embedded_postgres_restart_attempts_total')).toBeGreaterThanOrEqual(2);
    expect(await metric('embedded_postgres_downtime_seconds_total')).toBeGreaterThan(0);
    const log = server?.stdout() ?? '';
    expect(log).toContain('embedded PostgreSQL exited unexpectedly (SIGKILL); restarting it');
    expect(log).toContain('restarting embedded PostgreSQL (attempt 1)');
    expect(log).toMatch(/"err":".*Permission denied.*"msg":"embedded PostgreSQL restart attempt 1 failed"/);
    expect(log).toMatch(/embedded PostgreSQL is back after \d+\.\d s/);
    // The state file names the new postmaster.
    expect((await readClusterState(dataDirectory))?.postgres.pid).toBe((await readPostmasterPid(dataDirectory))?.pid);
  }, 180_000);

  it('refuses a second server on the same data directory in one line naming the first', async () => {
    const second = spawnEntryPoint(SERVER_SCRIPT, [], { PGDATA_DIR: dataDirectory, PORT: String(await freePort()), NODE_ENV: 'production' });
    expect(await second.exited).toBe(1);
    const lines = second.stderr().trim().split('\n');
    expect(lines, second.stderr()).toHaveLength(1);
    expect(lines[0]).toContain(`is in use by the migration-warehouse server pid ${server?.pid} at ${serverUrl}`);
    expect(second.stdout()).toBe('');
    expect(await answersNow()).toEqual(before);
  }, 60_000);

  let reloadedChecksum: string | undefined;

  it('reloads with `npm run load` while serving: no request fails, and the server answers the new cases at once', async () => {
    const checksum = await loadChecksum();
    const load = runLoad(0.02, 7);
    const failures: Answer[] = [];
    let requests = 0;
    const client = async () => {
      while (load.running()) {
        for (const query of QUERIES) {
          const answer = await ask(query);
          requests += 1;
          if (!answer.ok) failures.push(answer);
        }
      }
    };
    await Promise.all([client(), client()]);
    expect(await load.exited, load.stderr()).toBe(0);
    expect(load.stderr()).toContain(`using the embedded PostgreSQL already running on data directory ${dataDirectory}`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(10);

    reloadedChecksum = await loadChecksum();
    expect(reloadedChecksum).not.toBe(checksum);
    expect(load.stderr()).toContain(`checksum ${reloadedChecksum}`);
    const after = await answersNow();
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    before = after;
  }, 120_000);

  it('keeps the previous warehouse when the postmaster is killed during `npm run load`', async () => {
    // The load is under way once its deliveries are being validated (the publishing transaction is not visible).
    const validating = () =>
      withWarehouse(
        async (c) =>
          (await c.query<{ present: boolean }>(`select exists (select 1 from ingest.delivery where status = 'validating') as present`)).rows[0]
            ?.present,
      );
    const load = runLoad(0.3, 9);
    const deadline = Date.now() + 60_000;
    while (!(await validating())) {
      if (Date.now() > deadline || !load.running()) throw new Error(`the load never started: ${load.stderr()}`);
      await sleep(100);
    }
    // Held mid-load (SIGSTOP) while its database dies, so that it cannot finish first on a fast machine.
    process.kill(load.pid, 'SIGSTOP');
    expect(load.running()).toBe(true);
    await killPostmaster();
    process.kill(load.pid, 'SIGCONT');

    expect(await load.exited).toBe(1);
    expect(load.stderr()).toContain('load failed, the current warehouse is unchanged');
    expect(load.stderr()).not.toMatch(/^\s+at /m);

    const backBy = Date.now() + 60_000;
    while ((await status('/health/ready')) !== 200 && Date.now() < backBy) await sleep(100);
    expect(await status('/health/ready')).toBe(200);
    expect(await loadChecksum()).toBe(reloadedChecksum);
    expect(await answersNow()).toEqual(before);
    expect(await metric('embedded_postgres_restarts_total')).toBe(2);
  }, 120_000);

  it('gives up when PostgreSQL cannot be restarted: liveness fails and the process exits with the reason', async () => {
    expect(await server?.stop('SIGTERM')).toBe(0);
    expect(await readClusterState(dataDirectory)).toBeNull();
    server = await startServer(2);
    const postmaster = await readPostmasterPid(dataDirectory);
    // PostgreSQL (as the `postgres` user, or as the owner) can no longer read its data directory.
    await chmod(dataDirectory, 0o000);
    process.kill(postmaster?.pid ?? 0, 'SIGKILL');
    // What the server recorded, not a probe that must land inside its one-second linger: it said it gave up, then
    // exited with status 1 (liveness during the linger is covered where the supervisor runs in process).
    expect(await server.exited).toBe(1);
    const stderr = server.stderr();
    expect(stderr).toMatch(/embedded PostgreSQL on .+ could not be restarted within 2 s \(\d+ attempts; last: .*Permission denied/);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(server.stdout()).toContain('"level":60');
    await chmod(dataDirectory, 0o700);
    expect(await readClusterState(dataDirectory)).toBeNull();
    expect(clusterStatePath(dataDirectory)).toBe(path.join(parent, 'data.owner.json'));
  }, 60_000);
});
