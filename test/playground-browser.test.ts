import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { DEADLINE_MS } from './support/wait-for.js';

/** Screenshots of the last run, for a person to look at (not compared). */
const SCREENSHOT_PAGE = path.join(os.tmpdir(), 'playground-explorer.png');

// Debian's Chromium, installed by test/setup/ensure-chromium.sh (run by `npm test` before vitest).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The query editor's text (GraphiQL 3's CodeMirror 5 hangs its instance on its element). */
const queryText = (page: Page) =>
  page.$eval('.graphiql-query-editor .CodeMirror', (element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

/**
 * Opens the tab of an operation and runs it with the execute button. GraphiQL re-reads the operation name a moment
 * after the editor's text changes; a click before that sends the previous tab's name, so the click is repeated until
 * the request names this operation.
 */
async function runTab(page: Page, operation: string): Promise<void> {
  await page.locator('.graphiql-tab', { hasText: operation }).click();
  await expect.poll(() => queryText(page), { timeout: DEADLINE_MS }).toContain(`query ${operation} `);
  await expect
    .poll(
      async () => {
        const sent = page.waitForRequest((r) => r.method() === 'POST' && (r.postData() ?? '').includes(`query ${operation} `));
        await page.locator('.graphiql-execute-button').click();
        return ((await sent).postDataJSON() as { operationName?: string }).operationName;
      },
      { timeout: DEADLINE_MS },
    )
    .toBe(operation);
}

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run bash test/setup/ensure-chromium.sh`);
  database = await createTestDatabase();
  server = await startTestServer(database.db);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: DEADLINE_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.drop();
});

describe('playground (GraphiQL, offline)', () => {
  it('opens with the example queries, runs one and renders the result, loading nothing from outside', { timeout: 300_000 }, async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(DEADLINE_MS);
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    await page.goto(`${server.url}/playground`);
    await page.waitForSelector('.graphiql-container');
    // Open the fee-coverage example and run it with the execute button.
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: DEADLINE_MS }).toBeGreaterThanOrEqual(9);
    await runTab(page, 'FeeCoverage');
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: DEADLINE_MS }).toContain('coverageRatio');
    const text = await result.innerText();
    expect(text).toContain('"code": "citizenship"');
    expect(text).toMatch(/"coverageRatio": 0\.30108/);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('runs the BI metric tab, and builds a query by clicking in the explorer', { timeout: 300_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(DEADLINE_MS);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/graphql`, { waitUntil: 'load' }); // a browser at the endpoint lands in the playground
    expect(new URL(page.url()).pathname).toBe('/playground');
    await page.waitForSelector('.graphiql-container');
    await runTab(page, 'ApprovalRateBySegment');
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: DEADLINE_MS }).toContain('caseSegment');
    const text = await result.innerText();
    expect(text).toContain('"caseSegment": "FIRST_TIME"');
    expect(text).toMatch(/"published": \{\s*"value": /);
    expect(text).not.toContain('"errors"');

    // The explorer: in a new tab, open it from the sidebar and tick a root field; the editor then holds a query for
    // it, which runs. (Results are read from the network: the result pane renders only its visible lines.)
    const tabs = await page.locator('.graphiql-tab').count();
    await page.locator('.graphiql-tab-add').click();
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: DEADLINE_MS }).toBe(tabs + 1);
    await page.locator('.graphiql-sidebar button[aria-label="Show GraphiQL Explorer"]').click();
    await page.waitForSelector('.graphiql-explorer-root');
    await page.locator('.graphiql-explorer-root [data-field-name="metricCatalog"]').first().click();
    await page.locator('.graphiql-explorer-root [data-field-name="name"]').first().click();
    await page.locator('.graphiql-explorer-root [data-field-name="unit"]').first().click();
    await expect.poll(() => queryText(page), { timeout: DEADLINE_MS }).toMatch(/^query \w+ \{\s*metricCatalog \{\s*name\s+unit\s*\}\s*\}$/);
    const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('metricCatalog'));
    await page.locator('.graphiql-execute-button').click();
    const body = (await (await answer).json()) as { data?: { metricCatalog: unknown[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.metricCatalog.length).toBeGreaterThan(20);
    await page.screenshot({ path: SCREENSHOT_PAGE });
    expect(errors).toEqual([]);
    await page.close();
  });
});
