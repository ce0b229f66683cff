import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Debian's Chromium, installed by test/setup/ensure-chromium.sh (run by `npm test` before vitest).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run bash test/setup/ensure-chromium.sh`);
  database = await createTestDatabase();
  server = await startTestServer(database.db);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.drop();
});

describe('playground (GraphiQL, offline)', () => {
  it('opens with the example queries, runs one and renders the result, loading nothing from outside', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    await page.goto(`${server.url}/playground`);
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    // The first tab is the fee-coverage example; run it with the execute button.
    await expect.poll(() => page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(4);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('coverageRatio');
    const text = await result.innerText();
    expect(text).toContain('"code": "citizenship"');
    expect(text).toMatch(/"coverageRatio": 0\.30108/);
    expect(outside).toEqual([]);
    await page.close();
  });
});
