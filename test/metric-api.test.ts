import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../warehouse/metrics/catalog.js';
import { SourceDocuments } from '../warehouse/published/provenance.js';
import { useServerFixture } from './support/server-fixture.js';

const fixture = useServerFixture();

interface Row {
  value: number | null;
  year: number | null;
  feeActivity: string | null;
  published: { value: number; line: number; quote: string } | null;
}
const METRIC = `query M($name: MetricName!, $by: [Dimension!], $where: MetricWhere, $compareTo: Comparison, $first: Int) {
  metric(name: $name, by: $by, where: $where, compareTo: $compareTo, first: $first) {
    definition { name unit formula dimensions }
    totalCount
    rows { value year feeActivity appropriation previous change published { value line quote } }
  }
}`;

describe('metric API', () => {
  it('lists every metric of the catalogue with its formula and dimensions', async () => {
    const { body } = await fixture.server.graphql<{ metricCatalog: { name: string; formula: string; dimensions: string[]; unit: string }[] }>(
      '{ metricCatalog { name title description unit formula basis dimensions publishedMeasure source { document line quote } } }',
    );
    expect(body.errors).toBeUndefined();
    const names = body.data?.metricCatalog.map((m) => m.name) ?? [];
    for (const name of [
      'received',
      'decided',
      'approved',
      'rejected',
      'open_at_end',
      'approval_rate',
      'mean_processing_days',
      'median_processing_days',
      'p90_processing_days',
      'share_within_statutory_limit',
      'clearance_rate',
      'backlog_change',
      'backlog_months',
      'unit_cost',
      'budget_allocated',
      'budget_outcome',
      'budget_utilisation',
      'fee_revenue',
      'fee_cost',
      'fee_coverage_ratio',
      'fee_coverage_target',
      'fee_coverage_gap',
      'returns_departed',
      'voluntary_return_share',
      'court_change_rate',
      'approval_rate_deviation_pp',
    ]) {
      expect(names).toContain(name);
    }
    const fee = body.data?.metricCatalog.find((m) => m.name === 'fee_coverage_ratio');
    expect(fee?.formula).toBe(
      "(max(h.base_value) filter (where h.measure = 'fee_revenue'))::float8 / nullif(max(h.base_value) filter (where h.measure = 'fee_cost'), 0)",
    );
    expect(fee?.unit).toBe('ratio');
  });

  it('cites each definition’s source on the line it stands on', async () => {
    const sources = new SourceDocuments();
    for (const metric of METRICS) {
      if (!metric.source) continue;
      const lines = await sources.lines(metric.source.document);
      expect(lines[metric.source.line - 1], metric.name).toContain(metric.source.quote);
    }
  });

  it('computes fee coverage by activity for 2024: citizenship ≈ 0.301, total ≈ 0.227', async () => {
    const { body } = await fixture.server.graphql<{ metric: { rows: Row[] } }>(METRIC, {
      name: 'FEE_COVERAGE_RATIO',
      by: ['FEE_ACTIVITY'],
      where: { year: [2024] },
    });
    expect(body.errors).toBeUndefined();
    const rows = body.data?.metric.rows ?? [];
    expect(rows.find((r) => r.feeActivity === 'citizenship')?.value).toBeCloseTo(0.301, 3);
    expect(rows.find((r) => r.feeActivity === 'total')?.value).toBeCloseTo(0.227, 3);
    // The report's own text figure for the total (23 %, line 1056) stands beside it.
    expect(rows.find((r) => r.feeActivity === 'total')?.published).toMatchObject({ value: 0.23, line: 1056 });
  });

  it('computes budget utilisation per appropriation and year, with the published outcome and allocation behind it', async () => {
    const { body } = await fixture.server.graphql<{ metric: { rows: (Row & { appropriation: string })[] } }>(METRIC, {
      name: 'BUDGET_UTILISATION',
      by: ['YEAR', 'APPROPRIATION'],
      where: { year: [2024], appropriation: ['UO7 1:1'] },
    });
    expect(body.errors).toBeUndefined();
    // Tabell 3.1: 22 of 25 mnkr (the text rounds to 89 %, from the exact accounts).
    expect(body.data?.metric.rows[0]?.value).toBeCloseTo(22 / 25, 1);
  });

  it('adds the previous period and the change', async () => {
    const { body } = await fixture.server.graphql<{ metric: { rows: (Row & { previous: number; change: number })[] } }>(METRIC, {
      name: 'FEE_REVENUE',
      by: ['YEAR'],
      where: { feeActivity: ['citizenship'] },
      compareTo: 'PREVIOUS_PERIOD',
    });
    const y2024 = body.data?.metric.rows.find((r) => r.year === 2024);
    expect(y2024?.value).toBe(82_636_000);
    expect(y2024?.previous).toBe(86_798_000);
    expect(y2024?.change).toBe(82_636_000 - 86_798_000);
  });

  it('refuses a dimension the metric does not support, naming the ones it does', async () => {
    const { body } = await fixture.server.graphql(METRIC, { name: 'FEE_COVERAGE_RATIO', by: ['NATIONALITY'] });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/cannot be grouped by NATIONALITY; it supports YEAR, FEE_ACTIVITY/);
    const unknown = await fixture.server.graphql(METRIC, { name: 'NO_SUCH_METRIC' });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const compare = await fixture.server.graphql(METRIC, { name: 'RECEIVED', compareTo: 'PREVIOUS_PERIOD' });
    expect(compare.body.errors?.[0]?.message).toMatch(/needs a time dimension/);
  });

  it('pages metric rows with the cursor it issues', async () => {
    const PAGE =
      'query P($after: String, $first: Int) { metric(name: FEE_COST, by: [YEAR, FEE_ACTIVITY], first: $first, after: $after) { rows { year feeActivity } pageInfo { hasNextPage endCursor } } }';
    type Page = { metric: { rows: { year: number; feeActivity: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const all = await fixture.server.graphql<Page>(PAGE, { first: 1000 });
    const first = await fixture.server.graphql<Page>(PAGE, { first: 2 });
    expect(first.body.data?.metric.pageInfo.hasNextPage).toBe(true);
    const second = await fixture.server.graphql<Page>(PAGE, { first: 2, after: first.body.data?.metric.pageInfo.endCursor });
    expect(second.body.data?.metric.rows).toEqual(all.body.data?.metric.rows.slice(2, 4));
  });

  it('exports the same rows as CSV', async () => {
    const variables = { name: 'FEE_COST', by: ['YEAR', 'FEE_ACTIVITY'] };
    const { body } = await fixture.server.graphql<{ metric: { rows: Row[]; totalCount: number } }>(METRIC, { ...variables, first: 1000 });
    const response = await fetch(`${fixture.server.url}/export/metric.csv?name=fee_cost&by=YEAR,FEE_ACTIVITY`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const records = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(records.length).toBe(body.data?.metric.totalCount);
    expect(records.map((r) => [Number(r.year), r.feeActivity, r.value === '' ? null : Number(r.value)])).toEqual(
      body.data?.metric.rows.map((r) => [r.year, r.feeActivity, r.value]),
    );
    const bad = await fetch(`${fixture.server.url}/export/metric.csv?name=fee_cost&by=NATIONALITY`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
