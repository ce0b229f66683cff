import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../warehouse/database/embedded-postgres.js';
import { lockTables } from './support/table-lock.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { waitFor } from './support/wait-for.js';

const ANALYST_KEY = 'analyst-key-for-shutdown-test';
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('SIGTERM', () => {
  it('finishes in-flight requests, stops accepting new ones and exits 0', { timeout: 180_000 }, async () => {
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
        // The test, not these limits, decides how long the request stays in flight.
        STATEMENT_TIMEOUT_MS: '600000',
        SHUTDOWN_GRACE_MS: '600000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(
      'the API to start',
      async () => {
        if (child.exitCode !== null) throw new Error(`the API exited:\n${output.slice(-3000)}`);
        return output.includes('GraphQL API at');
      },
      120_000,
    );

    const url = `http://127.0.0.1:${port}/graphql`;
    // The request's statement over the case facts waits on this lock: in flight until the test releases it.
    const lock = await lockTables(database.url, ['cases.case_fact']);
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ANALYST_KEY },
      // An analyst's question over the case facts.
      body: JSON.stringify({ query: '{ metric(name: P90_PROCESSING_DAYS, by: [YEAR]) { totalCount } }' }),
    });
    try {
      await lock.untilSomeoneWaits();
      child.kill('SIGTERM');
      await waitFor('the drain to start', async () => output.includes('draining requests and shutting down'));
      // Draining: a new connection is refused while the in-flight request is still held.
      await waitFor('new connections to be refused', () =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ metricCatalog { name } }"}' }).then(
          () => false,
          () => true,
        ),
      );
      expect(child.exitCode).toBeNull();
    } finally {
      await lock.release();
    }
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data?: unknown }).data).toBeTruthy();
    expect(await exited).toBe(0);
    await expect(
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ metricCatalog { name } }"}' }),
    ).rejects.toThrow();
  });
});
