import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../warehouse/cases/load-cases.js';
import { LOAD_CONNECTIONS } from '../warehouse/ingest/ingest-deliveries.js';
import { connectWarehouse, type WarehouseConnection } from '../warehouse/database/connect.js';
import { ensureDatabase } from '../warehouse/database/database-target.js';
import { bootEmbeddedPostgres, databaseUrl, freePort, type EmbeddedCluster } from '../warehouse/database/embedded-postgres.js';
import { readGeneration } from '../warehouse/database/generation.js';
import { ensureReaderRole, readerUrl } from '../warehouse/database/reader-role.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';
import { apiConnection, type ApiConnection } from './support/api-connection.js';
import { reloadFigure } from './support/figure-reload.js';
import { spawnEntryPoint, type SpawnedProcess } from './support/spawned-process.js';
import { startStreamingReplica, type StreamingReplica } from './support/streaming-replica.js';
import { waitFor } from './support/wait-for.js';

const ADMIN_KEY = 'read-replica-admin-key-0123';
const DATABASE = 'warehouse';
/** Case facts small enough to copy and reload in seconds: a reload with another seed changes every case row. */
const CASE_SCALE = 0.002;
/** Case rows (admin role: no disclosure control), which a case reload with another seed changes. */
const CASES_QUERY = '{ cases(first: 2) { nodes { caseId receivedDate processingDays } } }';

let parent: string | undefined;
let primary: EmbeddedCluster | undefined;
let owner: WarehouseConnection | undefined;
let replica: StreamingReplica | undefined;
let api: SpawnedProcess | undefined;
let connection: ApiConnection | undefined;

/**
 * What one request saw: the replica's generation and the cache's invalidation count just before it, the answer, and
 * whether the cache served it.
 */
interface Observation<T> {
  replicaGeneration: bigint;
  invalidations: number;
  answer: T;
  hit: boolean;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} did not start`);
  return value;
}

/** Runs one statement on the replica's warehouse database as the superuser. */
const onReplica = <R extends pg.QueryResultRow>(text: string) => need(replica, 'the replica').query<R>(text, DATABASE);

const replicaGeneration = async () => BigInt((await onReplica<{ g: string }>('select generation::text as g from warehouse_generation'))[0]?.g ?? '0');

/** Sets recovery_min_apply_delay on the running replica and waits until it reports the new value. */
async function delayReplay(delay: string): Promise<void> {
  const r = need(replica, 'the replica');
  await r.query(`alter system set recovery_min_apply_delay = '${delay}'`);
  // A reload signal: the startup process re-reads the delay even while it waits on a commit.
  await r.query('select pg_reload_conf()');
  await waitFor(
    `recovery_min_apply_delay = ${delay}`,
    async () => (await r.query<{ d: string }>("select current_setting('recovery_min_apply_delay') as d"))[0]?.d === delay,
  );
}

/** Where the primary's WAL is now (after a commit: the position the replica must reach to have it). */
async function primaryLsn(): Promise<string> {
  const { rows } = await need(owner, 'the primary').pool.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
  return rows[0]?.lsn ?? '0/0';
}

/** Reloads the figure on the primary (a load: bumps the generation and NOTIFYs in its transaction). */
async function reloadFigureOnPrimary(value: number): Promise<{ generation: bigint; lsn: string }> {
  const db = need(owner, 'the primary').db;
  await reloadFigure(db, value);
  return { generation: BigInt(await readGeneration(db)), lsn: await primaryLsn() };
}

/** One request with the replica's generation read before it and the cache's hit counter read around it. */
async function observe<T>(ask: (c: ApiConnection) => Promise<T>): Promise<Observation<T>> {
  const c = need(connection, 'the API');
  const generation = await replicaGeneration();
  const invalidations = await c.metric('result_cache_invalidations_total');
  const hitsBefore = await c.metric('result_cache_hits_total');
  const answer = await ask(c);
  return { replicaGeneration: generation, invalidations, answer, hit: (await c.metric('result_cache_hits_total')) > hitsBefore };
}

const figure = (c: ApiConnection) => c.figure();
const caseRows = (c: ApiConnection) => c.ask(CASES_QUERY, ADMIN_KEY);

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'warehouse-replica-'));
  // As root, PostgreSQL runs as `postgres`, which must enter this folder (global-postgres.ts does the same).
  await chmod(parent, 0o755);
  // A primary of its own: a base backup of the suite's shared cluster would copy every test file's database.
  primary = await bootEmbeddedPostgres({ dataDirectory: path.join(parent, 'primary') });
  await ensureDatabase(primary.url, DATABASE);
  owner = connectWarehouse(databaseUrl(primary.url, DATABASE), { maxConnections: LOAD_CONNECTIONS });
  await prepareWarehouse(owner.db, { caseScale: CASE_SCALE });
  // With READER_DATABASE_URL the server creates no role: the administrator does, on the primary, and it replicates.
  const readerPassword = await ensureReaderRole(owner.db, 'read-replica-test-secret');
  replica = await startStreamingReplica(primary, { dataDirectory: path.join(parent, 'replica') });
  const port = await freePort();
  api = spawnEntryPoint('server/main.ts', [], {
    DATABASE_URL: databaseUrl(primary.url, DATABASE),
    READER_DATABASE_URL: readerUrl(replica.url(DATABASE), readerPassword),
    PORT: String(port),
    NODE_ENV: 'production',
    CASE_SCALE: '0',
    LOG_LEVEL: 'info',
    WORKERS: '1',
    RATE_LIMIT_PER_MINUTE: '0',
    API_KEYS: `${ADMIN_KEY}:admin`,
  });
  await api.waitForOutput('GraphQL API at');
  connection = apiConnection(`http://127.0.0.1:${port}/graphql`, ADMIN_KEY);
  // Two warehouse preparations (here and the server's own at start), a copy and two starts: on a busy machine, minutes.
}, 240_000);

afterAll(async () => {
  connection?.close();
  await api?.stop();
  await owner?.close();
  await replica?.stop();
  await primary?.stop();
  if (parent) await rm(parent, { recursive: true, force: true });
});

describe('an API instance reading from a streaming replica and listening on the primary', () => {
  it('serves nothing from its cache while the replica holds a reload back, and caches again once it applied it', { timeout: 120_000 }, async () => {
    const c = need(connection, 'the API');
    // The API's queries run on the replica as the read-only role, its one listener on the primary.
    const [reader] = await onReplica<{ n: number }>(`select count(*)::int as n from pg_stat_activity where usename = 'warehouse_reader'`);
    expect(reader?.n).toBeGreaterThan(0);
    const listeners = await need(owner, 'the primary').pool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where application_name = 'migration-warehouse-cache-listener'`,
    );
    expect(listeners.rows[0]?.n).toBe(1);

    const first = await reloadFigureOnPrimary(1000);
    await c.servesFromCache(1000);
    expect(await replicaGeneration()).toBe(first.generation);

    // Hold the replica: a commit from now on is applied an hour after it was made, unless the delay is lifted.
    await delayReplay('1h');
    const invalidations = await c.metric('result_cache_invalidations_total');
    const second = await reloadFigureOnPrimary(2000);
    // The reload's WAL reaches the replica (received, not applied), and its NOTIFY reaches the API from the primary.
    await waitFor('the replica to receive the reload', async () => {
      const [row] = await onReplica<{ received: boolean }>(`select pg_last_wal_receive_lsn() >= '${second.lsn}'::pg_lsn as received`);
      return row?.received;
    });
    await waitFor('the notification', async () => (await c.metric('result_cache_invalidations_total')) > invalidations);

    // Announced but not applied: every answer is the replica's (1000), computed without the cache, and none is kept.
    const hits = await c.metric('result_cache_hits_total');
    const bypassed = await c.metric('result_cache_bypassed_total');
    for (let i = 0; i < 5; i++) expect(await observe(figure)).toMatchObject({ replicaGeneration: first.generation, answer: [1000], hit: false });
    expect(await c.metric('result_cache_hits_total')).toBe(hits);
    expect(await c.metric('result_cache_bypassed_total')).toBe(bypassed + 5);
    expect(await c.metric('result_cache_bytes')).toBe(0);
    const [held] = await onReplica<{ behind: boolean }>(`select pg_last_wal_replay_lsn() < '${second.lsn}'::pg_lsn as behind`);
    expect(held?.behind).toBe(true);

    // Lift the delay: the replica applies the reload, and the cache trusts itself again and fills with 2000.
    await delayReplay('0');
    const afterLift: Observation<number[]>[] = [];
    await waitFor('2000 from the cache', async () => {
      const seen = await observe(figure);
      afterLift.push(seen);
      return seen.hit && seen.answer[0] === 2000;
    });
    expect(await replicaGeneration()).toBe(second.generation);
    for (const seen of afterLift) if (seen.hit) expect(seen.answer).toEqual([2000]);
    expect(await observe(figure)).toMatchObject({ replicaGeneration: second.generation, answer: [2000], hit: true });
  });

  it('after a case reload on a replica that lags 2 s, never serves from its cache case rows older than the replica', {
    timeout: 120_000,
  }, async () => {
    const db = need(owner, 'the primary').db;
    // A replica that always lags a little, as a busy one might: each commit is applied 2 s after it was made.
    await delayReplay('2s');
    const before = BigInt(await readGeneration(db));
    await waitFor('the replica at the current generation', async () => (await replicaGeneration()) === before);
    const old = await waitFor('the case rows from the cache', async () => {
      const seen = await observe(caseRows);
      return seen.hit && seen.answer.startsWith('{"data":') && seen.answer;
    });

    // The case load `npm run load` runs: the agencies' next full extracts, ingested and swapped in on the primary.
    const invalidations = await need(connection, 'the API').metric('result_cache_invalidations_total');
    await loadCases(db, { scale: CASE_SCALE, seed: 2, quiet: true });
    const reloaded = BigInt(await readGeneration(db));
    expect(reloaded).toBeGreaterThan(before);
    let current: string | undefined;
    await waitFor('new case rows from the cache', async () => {
      const next = await observe(caseRows);
      if (next.hit && next.answer === old) {
        // The old rows from the cache: only while the replica still had them and before the reload was announced.
        expect(next.replicaGeneration).toBeLessThan(reloaded);
        expect(next.invalidations).toBe(invalidations);
      }
      current = next.answer;
      return next.hit && next.answer !== old;
    });
    expect(current).toMatch(/^\{"data":\{"cases":\{"nodes":\[\{/);
    expect(await observe(caseRows)).toMatchObject({ replicaGeneration: reloaded, answer: current, hit: true });
  });
});
