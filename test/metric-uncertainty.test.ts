import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { exportColumns } from '../server/metric-export-route.js';
import { FIRST_YEAR } from '../warehouse/generator/calendar.js';
import { METRICS, metric } from '../warehouse/metrics/catalog.js';
import { deviationInterval, wilsonInterval } from '../warehouse/metrics/wilson-interval.js';
import { useServerFixture } from './support/server-fixture.js';

const ANALYST_KEY = 'analyst-key-uncertainty-0123';
const fixture = useServerFixture({ access: readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst` }) });

interface Row {
  period: string | null;
  caseType: string | null;
  sex: string | null;
  year: number | null;
  region: string | null;
  value: number | null;
  nullReason: string | null;
  suppressed: boolean;
  numerator: number | null;
  denominator: number | null;
  referenceNumerator: number | null;
  referenceDenominator: number | null;
  n: number | null;
  lower: number | null;
  upper: number | null;
  significant: boolean | null;
}
const QUERY = `query($name: MetricName!, $by: [Dimension!], $where: MetricWhere) {
  metric(name: $name, by: $by, where: $where, first: 1000) {
    rows { period caseType sex year region value nullReason suppressed numerator denominator referenceNumerator referenceDenominator n lower upper significant }
  }
}`;

async function rows(name: string, by: string[], where: Record<string, unknown> = {}, analyst = true): Promise<Row[]> {
  const response = await fetch(`${fixture.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(analyst ? { 'x-api-key': ANALYST_KEY } : {}) },
    body: JSON.stringify({ query: QUERY, variables: { name, by, where } }),
  });
  const body = (await response.json()) as { data?: { metric: { rows: Row[] } }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!.metric.rows;
}

describe('counts and intervals beside the value', () => {
  it('gives a proportion its numerator, denominator and Wilson interval', async () => {
    const result = await rows('APPROVAL_RATE', ['YEAR'], { caseType: ['ASYLUM'] });
    expect(result.length).toBeGreaterThan(0);
    for (const row of result) {
      expect(row.value).toBeCloseTo(row.numerator! / row.denominator!, 12);
      const interval = wilsonInterval(row.numerator!, row.denominator!)!;
      expect(row.lower).toBeCloseTo(interval.lower, 12);
      expect(row.upper).toBeCloseTo(interval.upper, 12);
      expect(row.lower!).toBeLessThanOrEqual(row.value!);
      expect(row.upper!).toBeGreaterThanOrEqual(row.value!);
      expect([row.n, row.significant, row.referenceNumerator]).toEqual([null, null, null]);
    }
  });

  it('gives the regional deviation the national counts, a Newcombe interval in points and a significance flag', async () => {
    const result = await rows('APPROVAL_RATE_DEVIATION_PP', ['YEAR', 'REGION'], { caseType: ['ASYLUM'] });
    expect(result.length).toBeGreaterThan(0);
    for (const row of result) {
      if (row.value === null) continue;
      const national = (row.referenceNumerator! / row.referenceDenominator!) * 100;
      expect(row.value).toBeCloseTo((row.numerator! / row.denominator!) * 100 - national, 9);
      const interval = deviationInterval(row.numerator!, row.denominator!, row.referenceNumerator!, row.referenceDenominator!)!;
      expect(row.lower).toBeCloseTo(interval.lower * 100, 9);
      expect(row.upper).toBeCloseTo(interval.upper * 100, 9);
      expect(row.lower!).toBeLessThanOrEqual(row.value);
      expect(row.upper!).toBeGreaterThanOrEqual(row.value);
      expect(row.significant).toBe(row.lower! > 0 || row.upper! < 0);
    }
  });

  it('gives means and percentiles n, counts nothing else, and plain counts nothing', async () => {
    for (const name of ['MEAN_PROCESSING_DAYS', 'MEDIAN_PROCESSING_DAYS', 'P90_PROCESSING_DAYS']) {
      const [row] = await rows(name, ['YEAR']);
      expect(row!.n).toBeGreaterThan(0);
      expect([row!.numerator, row!.lower, row!.upper]).toEqual([null, null, null]);
    }
    const [received] = await rows('RECEIVED', ['YEAR']);
    expect([received!.numerator, received!.denominator, received!.n, received!.lower]).toEqual([null, null, null, null]);
    // A quotient that is no proportion (it can pass 1) has counts but no interval.
    const [clearance] = await rows('CLEARANCE_RATE', ['YEAR']);
    expect(clearance!.numerator).toBeGreaterThan(0);
    expect([clearance!.lower, clearance!.upper]).toEqual([null, null]);
  });

  it('has no interval where the value is null, and says why', async () => {
    const result = await rows('APPROVAL_RATE', ['YEAR'], { year: [FIRST_YEAR - 1, FIRST_YEAR] });
    const outside = result.find((r) => r.year === FIRST_YEAR - 1)!;
    expect(outside).toMatchObject({ value: null, nullReason: 'OUTSIDE_COVERAGE', numerator: null, denominator: null, lower: null, upper: null });
    const empty = await rows('COURT_CHANGE_RATE', ['YEAR'], { caseType: ['CITIZENSHIP'] });
    for (const row of empty.filter((r) => r.value === null)) expect([row.lower, row.upper, row.nullReason === null]).toEqual([null, null, false]);
  });

  it('shows the public role perturbed counts, the interval from them, and nothing for a withheld cell', async () => {
    const result = await rows('APPROVAL_RATE', ['MONTH', 'CASE_TYPE', 'SEX'], { year: [FIRST_YEAR] }, false);
    const suppressed = result.filter((r) => r.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const row of suppressed) {
      expect(row).toMatchObject({ value: null, nullReason: 'SUPPRESSED', numerator: null, denominator: null, lower: null, upper: null });
    }
    // Shown cells: the counts are the perturbed ones the value was rebuilt from (a share clamped to 0–1), and the
    // numerator is the public `approved` count of the same cell (one cell key, one perturbation).
    const approved = await rows('APPROVED', ['MONTH', 'CASE_TYPE', 'SEX'], { year: [FIRST_YEAR] }, false);
    const key = (r: Row) => `${r.period}|${r.caseType}|${r.sex}`;
    const approvedBy = new Map(approved.map((r) => [key(r), r.value]));
    const shown = result.filter((r) => !r.suppressed && r.value !== null);
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) {
      expect(row.value).toBeCloseTo(Math.min(1, row.numerator! / row.denominator!), 12);
      expect(row.numerator).toBe(approvedBy.get(key(row)));
      const interval = wilsonInterval(Math.min(row.numerator!, row.denominator!), row.denominator!)!;
      expect(row.lower).toBeCloseTo(interval.lower, 12);
      expect(row.upper).toBeCloseTo(interval.upper, 12);
    }
  });
});

describe('the catalogue declares the counts', () => {
  it('of every ratio but a printed target and a difference of ratios', () => {
    expect(METRICS.filter((m) => m.unit === 'ratio' && !m.counts).map((m) => m.name)).toEqual(['fee_coverage_target', 'fee_coverage_gap']);
    expect(METRICS.filter((m) => m.counts?.kind === 'sample').map((m) => m.name)).toEqual([
      'mean_processing_days',
      'median_processing_days',
      'p90_processing_days',
    ]);
    expect(METRICS.filter((m) => m.counts?.kind === 'deviation').map((m) => m.name)).toEqual(['approval_rate_deviation_pp']);
  });
});

describe('CSV export of counts and intervals', () => {
  it('adds only the columns a metric has, in a stable order', () => {
    expect(exportColumns(['YEAR'], false, metric('approval_rate').counts).header.slice(2, 9)).toEqual([
      'value',
      'suppressed',
      'nullReason',
      'numerator',
      'denominator',
      'lower',
      'upper',
    ]);
    expect(exportColumns(['YEAR', 'REGION'], false, metric('approval_rate_deviation_pp').counts).row).toEqual([
      'period',
      'year',
      'region',
      'value',
      'suppressed',
      'nullReason',
      'numerator',
      'denominator',
      'referenceNumerator',
      'referenceDenominator',
      'lower',
      'upper',
      'significant',
    ]);
    expect(exportColumns(['YEAR'], false, metric('mean_processing_days').counts).row).toContain('n');
    expect(exportColumns(['YEAR'], false, metric('received').counts).row).toEqual(['period', 'year', 'value', 'suppressed', 'nullReason']);
  });

  it('writes the same counts and bounds as GraphQL', async () => {
    const api = await rows('APPROVAL_RATE', ['YEAR']);
    const response = await fetch(`${fixture.server.url}/export/metric.csv?name=approval_rate&by=YEAR`, { headers: { 'x-api-key': ANALYST_KEY } });
    expect(response.status).toBe(200);
    const records = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => [Number(r.numerator), Number(r.denominator), Number(r.lower), Number(r.upper)])).toEqual(
      api.map((r) => [r.numerator, r.denominator, r.lower, r.upper]),
    );
  });
});
