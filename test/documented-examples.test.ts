import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentedOperations } from '../docs/documented-operations.js';
import { readAccessConfig } from '../server/api-keys.js';
import { CSV_EXPORT_PATH } from '../server/playground/example-queries.js';
import { useServerFixture } from './support/server-fixture.js';
import { readmePxwebCurls } from './pxweb/readme-curl.js';

const ANALYST_KEY = 'analyst-key-for-documented-examples';
const fixture = useServerFixture({ access: readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst` }) });

const operations = documentedOperations();

describe('documented examples (README.md, docs/*.md, playground tabs)', () => {
  it('finds the examples', () => {
    expect(operations.filter((o) => o.origin.startsWith('README.md')).length).toBeGreaterThanOrEqual(6);
    expect(operations.filter((o) => o.origin.startsWith('playground')).length).toBeGreaterThanOrEqual(5);
  });

  it('writes each as exactly one named operation, with names unique across the documentation', () => {
    const names = new Map<string, string>();
    const problems: string[] = [];
    for (const { origin, query } of operations) {
      const definitions = parse(query).definitions;
      const named = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (named.length !== 1 || definitions.length !== 1) problems.push(`${origin}: ${definitions.length} definitions, want one operation`);
      const name = named[0]?.name?.value;
      if (!name) problems.push(`${origin}: anonymous operation`);
      else if (names.has(name)) problems.push(`${origin}: ${name} is also the name of ${names.get(name)}`);
      else names.set(name, origin);
    }
    expect(problems).toEqual([]);
  });

  it.each(operations.map((o) => [o.origin, o] as const))('%s runs without errors and returns data', async (_origin, operation) => {
    const response = await fetch(`${fixture.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(operation.analyst ? { 'x-api-key': ANALYST_KEY } : {}) },
      body: JSON.stringify({ query: operation.query }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(Object.values(body.data ?? {}).every((v) => v !== null)).toBe(true);
  });

  it('serves the CSV link of the playground', async () => {
    const response = await fetch(`${fixture.server.url}${CSV_EXPORT_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const [header, ...rows] = (await response.text()).trim().split('\n');
    expect(header).toMatch(/year/);
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(readmePxwebCurls().map((c) => [c.command, c] as const))('README PxWeb example %s answers 200', async (_command, curl) => {
    // The README's host is the default port; the test server's is its own.
    const target = curl.url.replace(/^(https?:\/\/)?localhost:4000/, fixture.server.url);
    const response = await fetch(target, { method: curl.method, headers: curl.headers, body: curl.body });
    expect(response.status, await response.clone().text()).toBe(200);
    // A workbook example answers a workbook; every other one JSON.
    expect(response.headers.get('content-type')).toMatch(/outputFormat=xlsx/i.test(target) ? /spreadsheetml/ : /json/);
  });
});
