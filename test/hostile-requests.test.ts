import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileCorpus, INJECTION_STRINGS } from './hostile/hostile-corpus.js';
import { useServerFixture } from './support/server-fixture.js';

const fixture = useServerFixture({ production: true, metricsPort: 0 });
let metricsUrl: string;
beforeAll(async () => {
  metricsUrl = `http://127.0.0.1:${await fixture.server.listenMetrics()}/metrics`;
});

/** SQL statements the server has run for GraphQL requests so far, as its /metrics records them. */
async function statementsRun(): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith('graphql_sql_statements_per_request_sum '));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

const CODES = new Set(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX', 'FORBIDDEN']);

describe('hostile and malformed requests', () => {
  it('each of 500+ gets a coded error before running what it asks, without a stack trace, and the server stays up', {
    timeout: 120_000,
  }, async () => {
    const corpus = hostileCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    const failures: string[] = [];
    for (const request of corpus) {
      const before = await statementsRun();
      const response = await fetch(`${fixture.server.url}/graphql`, {
        method: 'POST',
        // The spec's own media type: a refused request answers 4xx (application/json would answer 200 with errors).
        headers: { 'content-type': request.contentType ?? 'application/json', accept: 'application/graphql-response+json' },
        body: request.body,
      });
      const text = await response.text();
      const ran = (await statementsRun()) - before;
      let code: unknown;
      try {
        code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
      } catch {
        code = undefined;
      }
      if (!CODES.has(String(code))) failures.push(`${request.label}: ${response.status} ${text.slice(0, 200)}`);
      // Refused cheaply, as /metrics records: at most one small statement (an open set's members, a grouping's row
      // estimate, the list a refused nested field sits in), never the work asked for.
      else if (!(ran <= 1)) failures.push(`${request.label}: ran ${ran} SQL statements`);
      else if (/stacktrace|\bat \S+\.js/.test(text)) failures.push(`${request.label}: leaks a stack trace`);
      else if (response.status < 400) failures.push(`${request.label}: status ${response.status}`);
    }
    expect(failures).toEqual([]);
    const health = await fetch(`${fixture.server.url}/health/ready`);
    expect(health.status).toBe(200);
    const ok = await fixture.server.graphql<{ metricCatalog: unknown[] }>('{ metricCatalog { name } }');
    expect(ok.body.data?.metricCatalog.length).toBeGreaterThan(20);
  });

  it('treats quotes, semicolons and SQL keywords in filters as data only', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from fact_figure`.execute(fixture.database.db);
    for (const text of INJECTION_STRINGS) {
      const figures = await fixture.server.graphql<{ publishedFigures: { totalCount: number } }>(
        'query Q($t: String, $m: [String!]) { publishedFigures(where: { table: $t, measure: $m, segment: $m }) { totalCount } }',
        { t: text, m: [text] },
      );
      // Not a value the figures hold: refused with the nearest valid ones, never run as SQL.
      expect(figures.body.errors?.[0]?.extensions?.code, text).toBe('BAD_USER_INPUT');
      expect(figures.body.errors?.[0]?.message, text).toMatch(/where\.(table|measure|segment): unknown value/);
      // Open-set filters are checked against their members: such a value is refused, naming the valid ones.
      const metric = await fixture.server.graphql<{ metric: { totalCount: number } }>(
        'query Q($v: [String!]) { metric(name: RECEIVED, where: { nationality: $v }) { totalCount rows { value } } }',
        { v: [text] },
      );
      expect(metric.body.errors?.[0]?.extensions?.code, text).toBe('BAD_USER_INPUT');
      expect(metric.body.errors?.[0]?.message, text).toMatch(/where\.nationality/);
      const csv = await fetch(
        `${fixture.server.url}/export/metric.csv?name=fee_cost&by=YEAR&where=${encodeURIComponent(JSON.stringify({ feeActivity: [text] }))}`,
      );
      expect(csv.status, text).toBe(400);
    }
    const after = await sql<{ n: number }>`select count(*)::int as n from fact_figure`.execute(fixture.database.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});
