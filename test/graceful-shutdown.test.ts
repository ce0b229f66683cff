import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../warehouse/database/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const ANALYST_KEY = 'analyst-key-for-shutdown-test';
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('SIGTERM', () => {
  it('finishes in-flight requests, stops accepting new ones and exits 0', async () => {
    const port = await freePort();
    const root = path.resolve(import.meta.dirname, '..');
    // One process (tsx as a loader, not its CLI, which would stand between the signal and the server).
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(port),
        NODE_ENV: 'production',
        CASE_SCALE: '0',
        LOG_LEVEL: 'info',
        API_KEYS: `${ANALYST_KEY}:analyst`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!output.includes('GraphQL API at') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain('GraphQL API at');

    const url = `http://127.0.0.1:${port}/graphql`;
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ANALYST_KEY },
      // A heavy grouping on the base facts keeps the request busy while the signal arrives (an analyst's: the public
      // role is refused such a grouping before it runs).
      body: JSON.stringify({ query: '{ metric(name: P90_PROCESSING_DAYS, by: [NATIONALITY, MONTH, SEX, AGE_GROUP], first: 1000) { totalCount } }' }),
    });
    await new Promise((r) => setTimeout(r, 40));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data?: unknown }).data).toBeTruthy();
    expect(await exited).toBe(0);
    expect(output).toContain('draining requests and shutting down');
    await expect(
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ metricCatalog { name } }"}' }),
    ).rejects.toThrow();
  });
});
