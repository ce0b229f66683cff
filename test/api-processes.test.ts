import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../warehouse/database/embedded-postgres.js';
import { RELOADED_FIGURE_QUERY, reloadFigure } from './support/figure-reload.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const root = path.resolve(import.meta.dirname, '..');

interface ApiProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

let database: TestDatabase;
const processes: ApiProcess[] = [];

const ADMIN_KEY = 'api-processes-admin-key-0123';

/** `npm start`'s entry point over the test database, with its result cache on (the default) and WORKERS processes. */
async function startApi(workers: number): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      READER_DATABASE_URL: database.url,
      PORT: String(port),
      NODE_ENV: 'production',
      CASE_SCALE: '0',
      LOG_LEVEL: 'info',
      WORKERS: String(workers),
      RATE_LIMIT_PER_MINUTE: '0',
      API_KEYS: `${ADMIN_KEY}:admin`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const api = { child, url: `http://127.0.0.1:${port}/graphql`, output: () => output };
  processes.push(api);
  const deadline = Date.now() + 90_000;
  while (!output.includes('GraphQL API at') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!output.includes('GraphQL API at')) throw new Error(`API did not start:\n${output.slice(-2000)}`);
  return api;
}

async function figureValue(api: ApiProcess): Promise<number[]> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: RELOADED_FIGURE_QUERY }),
  });
  const body = (await response.json()) as { data: { publishedFigures: { nodes: { value: number }[] } } };
  return body.data.publishedFigures.nodes.map((n) => n.value);
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(
    processes.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null) return resolve();
          p.child.once('exit', () => resolve());
          p.child.kill('SIGTERM');
        }),
    ),
  );
  await database?.drop();
});

describe('API processes over one database', () => {
  it('all answer the new value at once after a figure reload', { timeout: 120_000 }, async () => {
    // Two API instances over one database (as behind a load balancer), the first itself two processes (WORKERS=2).
    const [clustered, single] = await Promise.all([startApi(2), startApi(1)]);
    // After the starts: a start's own figure load drops curated files it does not have, such as this one.
    await reloadFigure(database.db, 2100);
    await new Promise((r) => setTimeout(r, 50));
    // Its children: two API workers running main.ts (tsx's esbuild service is a child too).
    const children = execFileSync('ps', ['--ppid', String(clustered.child.pid), '-o', 'args='])
      .toString()
      .trim()
      .split('\n');
    expect(children.filter((args) => args.includes('server/main.ts'))).toHaveLength(2);

    // Each process fills its cache (the cluster's primary hands connections round robin to its two workers).
    for (let i = 0; i < 4; i++) expect(await figureValue(clustered)).toEqual([2100]);
    for (let i = 0; i < 2; i++) expect(await figureValue(single)).toEqual([2100]);

    await reloadFigure(database.db, 2200);
    // The notification arrives a round trip after the commit (milliseconds; a second at most on this shared
    // machine); from then on no process answers from its old entry.
    const answers = async () => [...(await Promise.all([1, 2, 3, 4].map(() => figureValue(clustered)))), await figureValue(single)].flat();
    await expect.poll(answers, { timeout: 1_000, interval: 5 }).toEqual([2200, 2200, 2200, 2200, 2200]);
    for (let i = 0; i < 4; i++) expect(await figureValue(clustered)).toEqual([2200]);
    for (let i = 0; i < 2; i++) expect(await figureValue(single)).toEqual([2200]);

    for (const api of [clustered, single]) {
      const metrics = await (await fetch(api.url.replace('/graphql', '/metrics'), { headers: { 'x-api-key': ADMIN_KEY } })).text();
      expect(metrics).toMatch(/^result_cache_hits_total [1-9]/m);
    }
  });
});
