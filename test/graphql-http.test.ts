import { describe, expect, it } from 'vitest';
import { apiVersion } from '../contract/api-version.js';
import { useServerFixture } from './support/server-fixture.js';
import { startTestServer } from './support/test-server.js';

const fixture = useServerFixture();

interface FeeYear {
  year: number;
  revenue: number;
  cost: number;
  coverageRatio: number;
  target: number | null;
  gap: number | null;
  sources: { table: string; line: number; quote: string }[];
}

describe('GraphQL over HTTP', () => {
  it('computes the 2024 fee coverage of citizenship applications from Tabell 3.8 (82 636 / 274 463 tkr)', async () => {
    const { status, body } = await fixture.server.graphql<{ feeActivities: { code: string; years: FeeYear[] }[] }>(`{
      feeActivities(codes: ["citizenship"]) { code years { year revenue cost coverageRatio target gap sources { table line quote } } }
    }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const y2024 = body.data?.feeActivities[0]?.years.find((y) => y.year === 2024);
    expect(y2024?.revenue).toBe(82_636_000);
    expect(y2024?.cost).toBe(274_463_000);
    expect(y2024?.coverageRatio).toBeCloseTo(82_636 / 274_463, 10);
    expect(y2024?.coverageRatio).toBeCloseTo(0.301, 3);
    // The economic target for citizenship is 70 % (running text, line 1067), so the gap is about −0.40.
    expect(y2024?.target).toBeCloseTo(0.7, 10);
    expect(y2024?.gap).toBeCloseTo(82_636 / 274_463 - 0.7, 10);
    expect(y2024?.sources).toContainEqual(expect.objectContaining({ table: 'Tabell 3.8', line: 1115 }));
  });

  it('serves asylum first-time flows with the published figures of Tabell 6.2 as their sources', async () => {
    const { body } = await fixture.server.graphql<{
      caseTypes: { years: { year: number; sources: { measure: string; value: number; line: number; table: string }[] }[] }[];
    }>(`{
      caseTypes(codes: [ASYLUM]) { years(segment: FIRST_TIME) { year received approvalRate sources { measure value line table } } }
    }`);
    expect(body.errors).toBeUndefined();
    const years = body.data?.caseTypes[0]?.years ?? [];
    const published = (year: number, measure: string) =>
      years.find((y) => y.year === year)?.sources.find((s) => s.measure === measure && s.table === 'Tabell 6.2');
    expect(published(2022, 'received')).toMatchObject({ value: 16_351, line: 1863 });
    expect(published(2024, 'received')).toMatchObject({ value: 9_588, line: 1863 });
    expect(published(2022, 'approval_rate')?.value).toBeCloseTo(0.36, 10);
    expect(published(2023, 'approval_rate')?.value).toBeCloseTo(0.33, 10);
    expect(published(2024, 'approval_rate')?.value).toBeCloseTo(0.34, 10);
  });

  it('refuses a too-deep query with QUERY_TOO_COMPLEX before touching the database', async () => {
    const { status, body } = await fixture.server.graphql(`{
      publishedFigures(first: 1) { nodes { sourceTable { figures(first: 1) { nodes { sourceTable { figures(first: 1) { nodes { id } } } } } } } }
    }`);
    // application/json (no Accept header): 200 with the errors, as the GraphQL-over-HTTP spec asks.
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors?.[0]?.message).toMatch(/^Query depth limit of 6 exceeded/);
  });

  it('answers client mistakes 200 for application/json and 400 for application/graphql-response+json, never 500', async () => {
    const cases: { label: string; query: string; code: string; message: RegExp; variables?: Record<string, unknown> }[] = [
      { label: 'syntax error', query: '{', code: 'BAD_USER_INPUT', message: /^Syntax Error: Expected Name/ },
      { label: 'unknown field', query: '{ nope }', code: 'BAD_USER_INPUT', message: /Cannot query field "nope"/ },
      {
        label: 'bad variable',
        query: 'query Q($n: Int!) { budgetLines(expenditureArea: $n) { appropriation } }',
        variables: { n: 'x' },
        code: 'BAD_USER_INPUT',
        message: /\$n/,
      },
      {
        label: 'cost',
        query: '{ publishedFigures(first: 1000000) { nodes { id } } }',
        code: 'QUERY_TOO_COMPLEX',
        message: /^(Query Cost limit of 150000|Query cost \d+ exceeds the limit)/,
      },
      {
        label: 'token limit',
        query: `{ metricCatalog { ${'name '.repeat(1200)} } }`,
        code: 'QUERY_TOO_COMPLEX',
        message: /^Token limit of 1000 exceeded/,
      },
    ];
    for (const { label, query, code, message, variables } of cases) {
      for (const [accept, expected] of [
        ['application/json', 200],
        ['application/graphql-response+json', 400],
      ] as const) {
        const response = await fetch(`${fixture.server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
        expect(response.status, `${label} (${accept})`).toBe(expected);
        expect(response.headers.get('content-type'), label).toContain(accept);
        expect(body.data, label).toBeUndefined();
        expect(body.errors?.[0]?.extensions?.code, label).toBe(code);
        expect(body.errors?.[0]?.message, label).toMatch(message);
        expect(body.errors?.[0]?.message, label).not.toMatch(/^Syntax Error: (Query|Token|Document)/);
      }
    }
  });

  it('gives every malformed HTTP request a 4xx and a code', async () => {
    const url = `${fixture.server.url}/graphql`;
    const json = { 'content-type': 'application/json' };
    const requests: [string, RequestInit, number][] = [
      ['no query', { method: 'POST', headers: json, body: '{}' }, 400],
      ['body not JSON', { method: 'POST', headers: json, body: '{"query": ' }, 400],
      ['query not a string', { method: 'POST', headers: json, body: '{"query": 42}' }, 400],
      ['unacceptable Accept', { method: 'POST', headers: { ...json, accept: 'text/plain' }, body: '{"query":"{ __typename }"}' }, 406],
      ['PUT', { method: 'PUT', headers: json, body: '{"query":"{ __typename }"}' }, 405],
      ['form body (CSRF)', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }, 400],
    ];
    const problems: string[] = [];
    for (const [label, init, status] of requests) {
      const response = await fetch(url, init);
      const text = await response.text();
      let code: unknown;
      try {
        code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
      } catch {
        code = undefined;
      }
      if (response.status !== status || code !== 'BAD_USER_INPUT') problems.push(`${label}: ${response.status} ${text.slice(0, 160)}`);
    }
    expect(problems).toEqual([]);
  });

  it('says "Query Cost limit", not "Syntax Error", when graphql-armor refuses a query by its cost', async () => {
    // A wide page that only armor's scalar cost refuses: the list-size budget is raised out of the way.
    const wide = await startTestServer(fixture.database.db, { maxQueryCost: 10_000_000 });
    try {
      const { status, body } = await wide.graphql(
        `{ publishedFigures(first: 50000) { nodes { id value unit printed document line quote table caption measure year } } }`,
      );
      expect(status).toBe(200);
      expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(body.errors?.[0]?.message).toMatch(/^Query Cost limit of 150000 exceeded/);
    } finally {
      await wide.close();
    }
  });

  it('says who is rate limited: the key, or the address of keyless requests', async () => {
    const limited = await startTestServer(fixture.database.db, {
      rateLimitPerMinute: 1,
      access: { keys: new Map(), anonymousRole: 'public' },
    });
    try {
      const ask = () =>
        fetch(`${limited.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
      expect((await ask()).status).toBe(200);
      const refused = await ask();
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
      expect(body.errors[0]?.message).toMatch(/from this address/);
      expect(body.errors[0]?.message).not.toMatch(/API key;/);
    } finally {
      await limited.close();
    }
  });

  it('sends a browser opening /graphql to the playground, and serves a favicon', async () => {
    const html = await fetch(`${fixture.server.url}/graphql`, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
      redirect: 'manual',
    });
    expect(html.status).toBe(303);
    expect(html.headers.get('location')).toBe('/playground');
    // A client that asks for JSON still reaches GraphQL.
    const json = await fetch(`${fixture.server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
    const icon = await fetch(`${fixture.server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await icon.text()).toMatch(/^<svg/);
  });

  it('answers a bad argument with BAD_USER_INPUT and no stack trace in production', async () => {
    const production = await startTestServer(fixture.database.db, { production: true });
    try {
      const { body } = await production.graphql(`{ caseTypes(codes: [NOT_A_CASE_TYPE]) { code } }`);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js/);
    } finally {
      await production.close();
    }
  });

  it('reports health with the database', async () => {
    const response = await fetch(`${fixture.server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok', version: apiVersion() });
  });
});
