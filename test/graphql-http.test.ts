import { describe, expect, it } from 'vitest';
import { useServerFixture } from './support/server-fixture.js';
import { startTestServer } from './support/test-server.js';

const fixture = useServerFixture();

interface FeeYear { year: number; revenue: number; cost: number; coverageRatio: number; target: number | null; gap: number | null; sources: { table: string; line: number; quote: string }[] }

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
    const { body } = await fixture.server.graphql<{ caseTypes: { years: { year: number; sources: { measure: string; value: number; line: number; table: string }[] }[] }[] }>(`{
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
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors?.[0]?.message).toMatch(/depth/i);
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
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});
