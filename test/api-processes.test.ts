import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../warehouse/database/embedded-postgres.js';
import { apiConnection } from './support/api-connection.js';
import { RELOADED_FIGURE_QUERY, reloadFigure } from './support/figure-reload.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { DEADLINE_MS } from './support/wait-for.js';

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
  it('all answer the new value after a figure reload', { timeout: 240_000 }, async () => {
    // Two API instances over one database (as behind a load balancer), the first itself two processes (WORKERS=2).
    const [clustered, single] = await Promise.all([startApi(2), startApi(1)]);
    // Its children: two API workers running main.ts (tsx's esbuild service is a child too).
    const children = execFileSync('ps', ['--ppid', String(clustered.child.pid), '-o', 'args='])
      .toString()
      .trim()
      .split('\n');
    expect(children.filter((args) => args.includes('server/main.ts'))).toHaveLength(2);
    // Each of the three serving processes listens for reloads on a connection of its own.
    await expect
      .poll(
        async () =>
          (
            await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and application_name = 'migration-warehouse-cache-listener'`.execute(database.db)
          ).rows[0]?.n,
        { timeout: DEADLINE_MS },
      )
      .toBe(3);

    // After the starts: a start's own figure load drops curated files it does not have, such as this one.
    await reloadFigure(database.db, 2100);
    // Each process holds the figure in its cache: two connections to the cluster (the primary hands them to its workers in turn), one to the other.
    const connections = [clustered, clustered, single].map((api) => apiConnection(api.url, ADMIN_KEY));
    try {
      for (const connection of connections) await connection.servesFromCache(2100);

      await reloadFigure(database.db, 2200);
      // The notification reaches each process a round trip after the commit (waited for generously: the machine may
      // be slow; result-cache.test.ts shows the notification alone drops entries); from then on no process answers
      // from its old entry, and each caches the new one.
      const answers = async () => [...(await Promise.all([1, 2, 3, 4].map(() => figureValue(clustered)))), await figureValue(single)].flat();
      await expect.poll(answers, { timeout: DEADLINE_MS, interval: 20 }).toEqual([2200, 2200, 2200, 2200, 2200]);
      for (const connection of connections) {
        for (let i = 0; i < 2; i++) expect(await connection.figure()).toEqual([2200]);
        await connection.servesFromCache(2200);
      }
      for (let i = 0; i < 4; i++) expect(await figureValue(clustered)).toEqual([2200]);
    } finally {
      for (const connection of connections) connection.close();
    }
  });
});
