import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { pxGet } from './pxweb/pxweb-client.js';
import { reloadFigure } from './support/figure-reload.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const ANALYST_KEY = 'pxweb-cache-analyst-key-0123';
const ADMIN_KEY = 'pxweb-cache-admin-key-0123456';
let database: TestDatabase;
let server: TestServer;
/** The server's log lines, as JSON. */
const lines: Record<string, unknown>[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database.db, {
    access: readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst,${ADMIN_KEY}:admin` }),
    resultCache: { maxBytes: 8 * 1024 * 1024, listenUrl: database.url, heartbeatMs: 200 },
    logger: pino({ level: 'info' }, logStream),
  });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const PATH = '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=2024M01,2024M02&valueCodes[nationality]=*';

async function counter(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { 'x-api-key': ADMIN_KEY } })).text();
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 'NaN');
}

async function until(check: () => Promise<boolean>, deadlineMs = 20_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the PxWeb face shares the result cache, keyed and invalidated like GraphQL', () => {
  test('a repeated request (any parameter-name case) is a hit with the same bytes; roles never share an entry; a load invalidates', async () => {
    const first = await pxGet(server.url, PATH);
    const hits = await counter('result_cache_hits_total');
    const again = await pxGet(server.url, PATH.replace('valueCodes[ContentsCode]', 'VALUECODES[ContentsCode]'));
    expect(again.text).toBe(first.text);
    expect(await counter('result_cache_hits_total')).toBe(hits + 1);
    const analyst = await pxGet(server.url, PATH, { 'x-api-key': ANALYST_KEY });
    expect(analyst.text).not.toBe(first.text);
    expect(await counter('result_cache_hits_total')).toBe(hits + 1);

    const invalidations = await counter('result_cache_invalidations_total');
    await reloadFigure(database.db, 4242);
    await until(async () => (await counter('result_cache_invalidations_total')) > invalidations);
    const misses = await counter('result_cache_misses_total');
    await until(async () => {
      await pxGet(server.url, PATH);
      return (await counter('result_cache_misses_total')) > misses;
    });
  });

  test('each request is one log line (id, operation, role, duration, statements; never the selection) and counted on /metrics', async () => {
    await pxGet(server.url, '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[sex]=female', { 'x-request-id': 'pxweb-log-probe' });
    const line = lines.find((l) => l.requestId === 'pxweb-log-probe');
    expect(line).toMatchObject({ msg: 'pxweb request', operation: 'pxweb:data', role: 'public', status: 200, outcome: 'ok' });
    expect(line?.sqlStatements).toEqual(expect.any(Number));
    expect(JSON.stringify(line)).not.toContain('female');
    const text = await (await fetch(`${server.url}/metrics`, { headers: { 'x-api-key': ADMIN_KEY } })).text();
    expect(text).toMatch(/graphql_requests_total\{operation="pxweb:data",outcome="ok"\} [1-9]/);
  });
});
