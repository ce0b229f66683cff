import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessConfig } from '../server/api-keys.js';
import { readAccessConfig } from '../server/api-keys.js';
import { RELOADED_FIGURE_QUERY, reloadFigure } from './support/figure-reload.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { DEADLINE_MS, waitFor } from './support/wait-for.js';

const ANALYST_KEY = 'result-cache-analyst-key-0123';
const ADMIN_KEY = 'result-cache-admin-key-0123456';
const access: AccessConfig = readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst,${ADMIN_KEY}:admin` });

let database: TestDatabase;
let cached: TestServer;
let uncached: TestServer;
let small: TestServer;
const SMALL_BYTES = 64 * 1024;

beforeAll(async () => {
  database = await createTestDatabase();
  [cached, uncached, small] = await Promise.all([
    startTestServer(database.db, { access, resultCache: { maxBytes: 8 * 1024 * 1024, listenUrl: database.url, heartbeatMs: 200 } }),
    startTestServer(database.db, { access }),
    // No periodic check within a test's time: only a notification (or a reconnect) drops its entries.
    startTestServer(database.db, { access, resultCache: { maxBytes: SMALL_BYTES, listenUrl: database.url, heartbeatMs: 3_600_000 } }),
  ]);
});
afterAll(async () => {
  await Promise.all([cached?.close(), uncached?.close(), small?.close()]);
  await database?.drop();
});

/** The raw answer, bytes and headers, as a client receives it. */
async function post(server: TestServer, query: string, options: { key?: string; variables?: Record<string, unknown> } = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.key ? { 'x-api-key': options.key } : {}) },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** One counter or gauge of the server's /metrics. */
async function metric(server: TestServer, name: string): Promise<number> {
  // /metrics answers admin keys only.
  const text = await (await fetch(`${server.url}/metrics`, { headers: { 'x-api-key': ADMIN_KEY } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

const figureValue = async (server: TestServer) => {
  const { text } = await post(server, RELOADED_FIGURE_QUERY);
  return (JSON.parse(text) as { data: { publishedFigures: { nodes: { value: number }[] } } }).data.publishedFigures.nodes.map((n) => n.value);
};

/**
 * A reload reaches a process as a notification, a round trip after the commit: the process may answer from its old
 * entry until then, never after. So: wait (generously: the machine may be slow) until the new value comes from the
 * cache, and from then on only it.
 */
async function settlesTo(server: TestServer, value: number): Promise<void> {
  await waitFor(`${value} from the cache`, async () => {
    const hits = await metric(server, 'result_cache_hits_total');
    const answer = await figureValue(server);
    return answer.length === 1 && answer[0] === value && (await metric(server, 'result_cache_hits_total')) > hits;
  });
  for (let i = 0; i < 3; i++) expect(await figureValue(server)).toEqual([value]);
}

/** The backend of the cache's LISTEN connection on this test's database. */
async function listenerPids(): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database() and application_name = 'migration-warehouse-cache-listener'`.execute(database.db);
  return rows.map((r) => r.pid);
}

const METRIC = `query Rate($year: [Int!]) { metric(name: APPROVAL_RATE, by: [YEAR, SEX], where: { caseType: [ASYLUM], year: $year }) {
  rows { year sex value suppressed } } }`;

describe('result cache', () => {
  it('answers a repeated question byte for byte as computing it does, for public and analyst, never sharing their entries', async () => {
    const hitsBefore = await metric(cached, 'result_cache_hits_total');
    for (const key of [undefined, ANALYST_KEY]) {
      const computed = await post(uncached, METRIC, { key, variables: { year: [2023, 2024] } });
      const first = await post(cached, METRIC, { key, variables: { year: [2023, 2024] } });
      const second = await post(cached, METRIC, { key, variables: { year: [2023, 2024] } });
      expect(computed.status).toBe(200);
      expect(JSON.parse(computed.text)).not.toHaveProperty('errors');
      expect(first).toEqual(computed);
      expect(second).toEqual(computed);
    }
    expect(await metric(cached, 'result_cache_hits_total')).toBe(hitsBefore + 2);
    // Public answers withhold small cells, analyst answers do not: the role is part of the key.
    const asPublic = await post(cached, METRIC, { variables: { year: [2023, 2024] } });
    const asAnalyst = await post(cached, METRIC, { key: ANALYST_KEY, variables: { year: [2023, 2024] } });
    expect(asPublic.text).toBe((await post(uncached, METRIC, { variables: { year: [2023, 2024] } })).text);
    expect(asAnalyst.text).toBe((await post(uncached, METRIC, { key: ANALYST_KEY, variables: { year: [2023, 2024] } })).text);
  });

  it('keys the normalised operation: whitespace and variable order do not make a new entry', async () => {
    const query = '{ feeActivities(codes: ["citizenship"]) { code years { year coverageRatio } } }';
    await post(cached, query);
    const hits = await metric(cached, 'result_cache_hits_total');
    const spaced = await post(cached, `\n  ${query.replace(/ /g, '   ')}  # a comment\n`);
    expect(await metric(cached, 'result_cache_hits_total')).toBe(hits + 1);
    expect(spaced.text).toBe((await post(uncached, query)).text);
  });

  it('never keeps errors or partial answers', async () => {
    // Refused while executing (an unknown nationality), so the answer carries errors and null data.
    const refused = '{ metric(name: RECEIVED, where: { nationality: ["XX"] }) { totalCount } }';
    const hits = await metric(cached, 'result_cache_hits_total');
    const first = await post(cached, refused);
    const second = await post(cached, refused);
    expect(JSON.parse(first.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // The same answer computed again; outside production its stack trace may differ (a document's second run goes
    // through graphql-jit, whose frames are not graphql-js's).
    const withoutStacks = (text: string) => text.replace(/,"stacktrace":\[[^\]]*\]/g, '');
    expect(withoutStacks(second.text)).toBe(withoutStacks(first.text));
    const bad = await post(cached, METRIC, { variables: { year: ['x'] } });
    expect(JSON.parse(bad.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await post(cached, METRIC, { variables: { year: ['x'] } });
    expect(await metric(cached, 'result_cache_hits_total')).toBe(hits);
  });

  it('drops its entries when the figures are reloaded', async () => {
    await reloadFigure(database.db, 1200);
    await settlesTo(cached, 1200);
    await settlesTo(small, 1200);
    const hits = await metric(cached, 'result_cache_hits_total');
    await reloadFigure(database.db, 1300);
    await settlesTo(cached, 1300);
    await settlesTo(small, 1300);
    expect(await metric(cached, 'result_cache_hits_total')).toBeGreaterThan(hits); // 1300 came from the cache too
  });

  it('never serves a stale answer after losing its LISTEN connection, and serves from the cache again once it has re-checked', async () => {
    await reloadFigure(database.db, 1400);
    await settlesTo(cached, 1400);
    const [pid] = await listenerPids();
    expect(pid).toBeDefined();
    // Every listener on this database goes (both cached servers): the reload's notification reaches no one.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'migration-warehouse-cache-listener'`.execute(database.db);
    await expect.poll(async () => (await listenerPids()).includes(pid as number), { timeout: DEADLINE_MS }).toBe(false);
    await reloadFigure(database.db, 1500);
    // No notification will come: only the lost connection (and, once back, the generation check) stands between
    // the old entry and the client.
    await settlesTo(cached, 1500);
    await settlesTo(small, 1500);
    // Reconnected, it re-read the generation and dropped the entry it held from before the reload.
    await expect.poll(async () => (await listenerPids()).length, { timeout: DEADLINE_MS }).toBe(2);
    const hits = await metric(cached, 'result_cache_hits_total');
    expect(await figureValue(cached)).toEqual([1500]);
    await expect
      .poll(
        async () => {
          await figureValue(cached);
          return metric(cached, 'result_cache_hits_total');
        },
        { timeout: DEADLINE_MS },
      )
      .toBeGreaterThan(hits);
    expect(await figureValue(cached)).toEqual([1500]);
  });

  it('stays within its byte bound, evicting the least recently used', async () => {
    const page = 'query Page($year: [Int!]) { publishedFigures(first: 40, where: { year: $year }) { nodes { id value unit quote document line } } }';
    for (const year of [2018, 2019, 2020, 2021, 2022, 2023, 2024]) {
      for (const area of ['case_flow', 'fee', 'budget', 'return', 'open_balance']) {
        const q = page.replace('where: { year: $year }', `where: { year: $year, area: ["${area}"] }`);
        const answer = await post(small, q, { variables: { year: [year] } });
        expect(answer.status).toBe(200);
        expect(await metric(small, 'result_cache_bytes')).toBeLessThanOrEqual(SMALL_BYTES);
      }
    }
    expect(await metric(small, 'result_cache_evictions_total')).toBeGreaterThan(0);
    expect(await metric(small, 'result_cache_bytes')).toBeGreaterThan(SMALL_BYTES / 4);
  });

  it('serves a repeated CSV export from the same cache, byte for byte', async () => {
    const url = (server: TestServer) =>
      `${server.url}/export/metric.csv?name=received&by=YEAR,SEX&where=${encodeURIComponent('{"caseType":["ASYLUM"]}')}`;
    const computed = await (await fetch(url(uncached))).text();
    const first = await fetch(url(cached));
    expect(await first.text()).toBe(computed);
    const hits = await metric(cached, 'result_cache_hits_total');
    const second = await fetch(url(cached));
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.headers.get('x-total-count')).toBe(first.headers.get('x-total-count'));
    expect(await second.text()).toBe(computed);
    expect(await metric(cached, 'result_cache_hits_total')).toBe(hits + 1);
  });
});
