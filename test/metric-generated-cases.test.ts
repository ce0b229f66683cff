import { describe, expect, it } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { useServerFixture } from './support/server-fixture.js';

/**
 * The metric API over the generated case-level facts in the test template (a small scale of the national volume):
 * rates and shares do not depend on the scale, so they must match the published figures.
 */
// The true values: as the analyst role sees them (the public role sees counts perturbed, docs/disclosure-control.md).
const fixture = useServerFixture({ access: readAccessConfig({ ANONYMOUS_ROLE: 'analyst' }) });

interface Row {
  year: number | null;
  month: number | null;
  sex: string | null;
  value: number | null;
  published: { value: number; line: number; quote: string } | null;
}
const METRIC = `query M($name: MetricName!, $by: [Dimension!], $where: MetricWhere, $first: Int) {
  metric(name: $name, by: $by, where: $where, first: $first) { totalCount rows { year month sex value published { value line quote } } }
}`;

describe('metrics over generated cases', () => {
  it('gives the asylum first-time approval rate of 2022–2024 within 0.5 points of the published 36, 33 and 34 %, with their line', async () => {
    const { body } = await fixture.server.graphql<{ metric: { rows: Row[] } }>(METRIC, {
      name: 'APPROVAL_RATE',
      by: ['YEAR'],
      where: { caseType: ['ASYLUM'], caseSegment: ['FIRST_TIME'], year: [2022, 2023, 2024] },
    });
    expect(body.errors).toBeUndefined();
    const rows = body.data?.metric.rows ?? [];
    expect(rows.map((r) => r.year)).toEqual([2022, 2023, 2024]);
    for (const [row, published] of rows.map((r, i) => [r, [0.36, 0.33, 0.34][i]] as const)) {
      expect(Math.abs((row.value as number) - (published as number)), `${row.year}`).toBeLessThanOrEqual(0.005);
      expect(row.published).toMatchObject({ value: published, line: 1878 });
      expect(row.published?.quote).toContain('Bifallsandel (mot avslag)');
    }
  });

  it('measures the share within the limit against each segment’s printed limit (family first-time: 270 days)', async () => {
    for (const [caseType, segment, line] of [
      ['FAMILY', 'FIRST_TIME', 2687],
      ['FAMILY', 'EXTENSION', 2694],
      ['STUDY', 'FIRST_TIME', 3089],
      ['ASYLUM', 'FIRST_TIME', 1877],
    ] as const) {
      const { body } = await fixture.server.graphql<{ metric: { rows: Row[] } }>(METRIC, {
        name: 'SHARE_WITHIN_STATUTORY_LIMIT',
        by: ['YEAR'],
        where: { caseType: [caseType], caseSegment: [segment], year: [2023, 2024] },
      });
      expect(body.errors).toBeUndefined();
      for (const row of body.data?.metric.rows ?? []) {
        expect(row.published?.line, `${caseType} ${segment} ${row.year}`).toBe(line);
        expect(Math.abs((row.value as number) - (row.published?.value as number)), `${caseType} ${segment} ${row.year}`).toBeLessThanOrEqual(0.01);
      }
    }
  });

  it('groups by year and sex', async () => {
    const { body } = await fixture.server.graphql<{ metric: { rows: Row[] } }>(METRIC, {
      name: 'APPROVAL_RATE',
      by: ['YEAR', 'SEX'],
      where: { caseType: ['ASYLUM'], caseSegment: ['FIRST_TIME'], year: [2024] },
    });
    expect(body.errors).toBeUndefined();
    const rows = body.data?.metric.rows ?? [];
    expect(rows.map((r) => r.sex)).toEqual(['FEMALE', 'MALE']);
    // Tabell 6.2, 2024: women 42 %, men 29 %.
    expect(rows[0]?.published?.value).toBeCloseTo(0.42, 10);
    expect(rows[1]?.published?.value).toBeCloseTo(0.29, 10);
    expect(Math.abs((rows[0]?.value as number) - 0.42)).toBeLessThanOrEqual(0.01);
    expect(Math.abs((rows[1]?.value as number) - 0.29)).toBeLessThanOrEqual(0.01);
  });

  it('gives 36 monthly rows for 2022–2024', async () => {
    const { body } = await fixture.server.graphql<{ metric: { totalCount: number; rows: Row[] } }>(METRIC, {
      name: 'RECEIVED',
      by: ['MONTH'],
      where: { caseType: ['ASYLUM'], year: [2022, 2023, 2024] },
      first: 100,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.metric.totalCount).toBe(36);
    expect(body.data?.metric.rows.map((r) => `${r.year}-${r.month}`).slice(0, 3)).toEqual(['2022-1', '2022-2', '2022-3']);
    expect(body.data?.metric.rows.every((r) => (r.value ?? 0) > 0)).toBe(true);
  });

  it('computes processing-time percentiles, open balances and the regional deviation', async () => {
    for (const [name, by] of [
      ['median_processing_days', ['YEAR']],
      ['p90_processing_days', ['YEAR']],
      ['open_at_end', ['YEAR']],
      ['backlog_months', ['YEAR']],
      ['clearance_rate', ['YEAR']],
      ['approval_rate_deviation_pp', ['YEAR', 'REGION']],
      ['court_change_rate', ['YEAR']],
    ] as const) {
      const { body } = await fixture.server.graphql<{ metric: { rows: Row[] } }>(METRIC, {
        name: name.toUpperCase(),
        by,
        where: { caseType: ['ASYLUM'], year: [2023] },
      });
      expect(body.errors, name).toBeUndefined();
      expect(body.data?.metric.rows.length, name).toBeGreaterThan(0);
      expect(
        body.data?.metric.rows.every((r) => r.value !== null && Number.isFinite(r.value)),
        name,
      ).toBe(true);
    }
  });
});
