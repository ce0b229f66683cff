import { describe, expect, it } from 'vitest';
import { useServerFixture } from './support/server-fixture.js';
import { lockTables } from './support/table-lock.js';

/**
 * Every answer right, or refused with a reason: coverage of the case facts, null reasons, filter values checked
 * against their members, malformed values refused before they reach PostgreSQL, and groupings too large for
 * disclosure control refused before they run.
 */
const fixture = useServerFixture();

interface Row {
  year: number | null;
  week: number | null;
  value: number | null;
  nullReason: string | null;
  feeActivity: string | null;
}
const METRIC = `query M($name: MetricName!, $by: [Dimension!], $where: MetricWhere) {
  metric(name: $name, by: $by, where: $where, first: 1000) { totalCount rows { year week value nullReason feeActivity } }
}`;
const metric = (variables: Record<string, unknown>) => fixture.server.graphql<{ metric: { totalCount: number; rows: Row[] } }>(METRIC, variables);
const errorOf = (body: { errors?: { message: string; extensions?: { code?: string } }[] }) => body.errors?.[0];

describe('coverage of the case facts (2022-01-01 to 2024-12-31)', () => {
  it('answers only covered years when no period is asked', async () => {
    for (const name of ['RECEIVED', 'DECIDED', 'APPROVAL_RATE', 'OPEN_AT_END']) {
      const { body } = await metric({ name, by: ['YEAR'], where: { caseType: ['ASYLUM'] } });
      expect(body.errors, name).toBeUndefined();
      expect(
        body.data?.metric.rows.map((r) => r.year),
        name,
      ).toEqual([2022, 2023, 2024]);
    }
  });

  it('refuses a period wholly outside, naming the covered period', async () => {
    for (const where of [{ year: [2019] }, { year: [2016, 2017] }, { from: '2010-01-01', to: '2015-12-31' }, { year: [2031] }]) {
      const { body } = await metric({ name: 'RECEIVED', by: ['YEAR'], where });
      expect(errorOf(body)?.extensions?.code, JSON.stringify(where)).toBe('BAD_USER_INPUT');
      expect(errorOf(body)?.message).toMatch(/2022-01-01 to 2024-12-31/);
    }
  });

  it('answers null with OUTSIDE_COVERAGE for asked buckets outside, never a partial count', async () => {
    for (const name of ['RECEIVED', 'APPROVAL_RATE', 'OPEN_AT_END']) {
      const { body } = await metric({ name, by: ['YEAR'], where: { caseType: ['ASYLUM'], year: [2021, 2022] } });
      expect(body.errors, name).toBeUndefined();
      const rows = body.data?.metric.rows ?? [];
      expect(
        rows.map((r) => [r.year, r.nullReason]),
        name,
      ).toEqual([
        [2021, 'OUTSIDE_COVERAGE'],
        [2022, null],
      ]);
      expect(rows[0]?.value, name).toBeNull();
      expect(rows[1]?.value, name).not.toBeNull();
    }
  });

  it('blanks a week that straddles the start of the coverage', async () => {
    const { body } = await metric({ name: 'RECEIVED', by: ['WEEK'], where: { caseType: ['ASYLUM'], year: [2022] } });
    expect(body.errors).toBeUndefined();
    const first = body.data?.metric.rows[0];
    // 2022-01-01 is a Saturday of ISO week 2021-W52, which starts on 2021-12-27.
    expect([first?.year, first?.week, first?.value, first?.nullReason]).toEqual([2021, 52, null, 'OUTSIDE_COVERAGE']);
    expect(body.data?.metric.rows.slice(1).every((r) => r.value !== null && r.nullReason === null)).toBe(true);
  });

  it('refuses a total over a period that reaches outside (it would be partial)', async () => {
    const { body } = await metric({ name: 'RECEIVED', where: { year: [2021, 2022] } });
    expect(errorOf(body)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errorOf(body)?.message).toMatch(/partial/);
  });

  it('shows case types’ typed years only where the facts cover them, nulls with a reason elsewhere', async () => {
    const { body } = await fixture.server.graphql<{
      caseTypes: {
        years: {
          year: number;
          received: number | null;
          decided: number | null;
          clearanceRate: number | null;
          nullReasons: { field: string; reason: string }[];
        }[];
      }[];
    }>('{ caseTypes(codes: [ASYLUM]) { years { year received decided clearanceRate nullReasons { field reason } } } }');
    expect(body.errors).toBeUndefined();
    for (const y of body.data?.caseTypes[0]?.years ?? []) {
      if (y.year >= 2022 && y.year <= 2024) {
        expect(y.received, String(y.year)).toBeGreaterThan(0);
        expect(y.nullReasons).toEqual([]);
      } else {
        expect([y.received, y.decided, y.clearanceRate], String(y.year)).toEqual([null, null, null]);
        expect(y.nullReasons.find((r) => r.field === 'received')?.reason).toBe('OUTSIDE_COVERAGE');
      }
    }
  });

  it('gives each metric its coverage in the catalogue', async () => {
    const { body } = await fixture.server.graphql<{ metricCatalog: { name: string; coverage: { from: string; to: string; years: number[] } }[] }>(
      '{ metricCatalog { name coverage { from to years description } } }',
    );
    expect(body.errors).toBeUndefined();
    const byName = new Map(body.data?.metricCatalog.map((m) => [m.name, m.coverage]));
    expect(byName.get('received')).toMatchObject({ from: '2022-01-01', to: '2024-12-31', years: [2022, 2023, 2024] });
    expect(byName.get('fee_revenue')?.years).toContain(2024);
  });
});

describe('null values say why', () => {
  it('gives DIVISION_BY_ZERO for an activity printed with zero revenue and cost, in metric rows and typed fields', async () => {
    const { body } = await metric({ name: 'FEE_COVERAGE_RATIO', by: ['FEE_ACTIVITY'], where: { year: [2024] } });
    expect(body.errors).toBeUndefined();
    const work = body.data?.metric.rows.find((r) => r.feeActivity === 'work_permit');
    expect(work).toMatchObject({ value: null, nullReason: 'DIVISION_BY_ZERO' });
    expect(body.data?.metric.rows.filter((r) => r.value === null).every((r) => r.nullReason !== null)).toBe(true);
    const typed = await fixture.server.graphql<{
      feeActivities: { years: { year: number; coverageRatio: number | null; nullReasons: { field: string; reason: string }[] }[] }[];
    }>('{ feeActivities(codes: ["work_permit"]) { years { year coverageRatio nullReasons { field reason } } } }');
    expect(typed.body.errors).toBeUndefined();
    const y2024 = typed.body.data?.feeActivities[0]?.years.find((y) => y.year === 2024);
    expect(y2024?.nullReasons).toContainEqual({ field: 'coverageRatio', reason: 'DIVISION_BY_ZERO' });
  });

  it('never leaves a null without a reason in any metric grouped by year', async () => {
    const { body: catalog } = await fixture.server.graphql<{ metricCatalog: { name: string; dimensions: string[]; requiredDimensions: string[] }[] }>(
      '{ metricCatalog { name dimensions requiredDimensions } }',
    );
    for (const m of catalog.data?.metricCatalog ?? []) {
      const { body } = await metric({ name: m.name.toUpperCase(), by: ['YEAR', ...m.requiredDimensions] });
      expect(body.errors, m.name).toBeUndefined();
      for (const row of body.data?.metric.rows ?? []) expect(row.value !== null || row.nullReason !== null, m.name).toBe(true);
    }
  });
});

describe('filter values checked against their members', () => {
  it('refuses an unknown value of an open set with the valid or nearest values', async () => {
    const nationality = await metric({ name: 'RECEIVED', where: { nationality: ['SYR'] } });
    expect(errorOf(nationality.body)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errorOf(nationality.body)?.message).toMatch(/where\.nationality: unknown value "SYR"; the nearest valid values are .*SY/);
    const fee = await metric({ name: 'FEE_REVENUE', by: ['YEAR'], where: { feeActivity: ['Citizenship'] } });
    expect(errorOf(fee.body)?.message).toMatch(/unknown value "Citizenship"; valid values are .*citizenship/);
    const typed = await fixture.server.graphql('{ feeActivities(codes: ["citizen"]) { code } }');
    expect(errorOf(typed.body)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errorOf(typed.body)?.message).toMatch(/codes: unknown value "citizen"/);
  });

  it('refuses an unknown value of a closed set through its enum, naming the nearest', async () => {
    const { body } = await fixture.server.graphql('{ metric(name: RECEIVED, where: { region: [Nord] }) { totalCount } }');
    expect(errorOf(body)?.extensions?.code).toBe('BAD_USER_INPUT');
    const segment = await metric({ name: 'RECEIVED', where: { caseSegment: ['first-time'] } });
    expect(errorOf(segment.body)?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists every member with its names and case types in dimensionValues', async () => {
    type Values = { dimensionValues: { code: string; name: string; nameSv: string; caseTypes: string[] }[] };
    const region = await fixture.server.graphql<Values>('{ dimensionValues(dimension: REGION) { code name nameSv caseTypes } }');
    expect(region.body.errors).toBeUndefined();
    expect(region.body.data?.dimensionValues.find((v) => v.code === 'NORD')).toEqual({
      code: 'NORD',
      name: 'North',
      nameSv: 'Region Nord',
      caseTypes: ['ASYLUM'],
    });
    const segments = await fixture.server.graphql<Values>('{ dimensionValues(dimension: CASE_SEGMENT) { code caseTypes } }');
    expect(segments.body.data?.dimensionValues.find((v) => v.code === 'FIRST_TIME')?.caseTypes).toContain('ASYLUM');
    const nationality = await fixture.server.graphql<Values>('{ dimensionValues(dimension: NATIONALITY) { code nameSv caseTypes } }');
    expect(nationality.body.data?.dimensionValues.find((v) => v.code === 'SY')).toMatchObject({ nameSv: 'Syrien' });
    const appropriation = await fixture.server.graphql<Values>('{ dimensionValues(dimension: APPROPRIATION) { code caseTypes } }');
    expect(appropriation.body.data?.dimensionValues.map((v) => v.code)).toContain('UO8 1:1');
    const year = await fixture.server.graphql('{ dimensionValues(dimension: YEAR) { code } }');
    expect(errorOf(year.body)?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('malformed values refused with BAD_USER_INPUT naming the argument', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['empty list', { nationality: [] }, /where\.nationality: an empty list/],
    ['empty year list', { year: [] }, /where\.year: an empty list/],
    ['year far outside', { year: [99999] }, /where\.year: 99999 is not a year/],
    ['negative year', { year: [-2024] }, /where\.year/],
    ['inverted from/to', { from: '2024-05-01', to: '2024-01-01' }, /where\.from: 2024-05-01 is after where\.to/],
    ['date far outside', { from: '0001-01-01' }, /where\.from/],
    ['control characters', { nationality: ['S\u0000Y'] }, /where\.nationality: .*control characters/],
    ['oversized list', { nationality: Array.from({ length: 500 }, (_, i) => `N${i}`) }, /where\.nationality: at most 200 values/],
    ['overlong value', { nationality: ['X'.repeat(10_000)] }, /where\.nationality/],
  ];
  for (const [label, where, message] of cases) {
    it(`refuses ${label}`, async () => {
      const { status, body } = await metric({ name: 'RECEIVED', by: ['YEAR'], where });
      expect(errorOf(body)?.extensions?.code, label).toBe('BAD_USER_INPUT');
      expect(errorOf(body)?.message, label).toMatch(message);
      expect(status).toBeLessThan(500);
    });
  }

  it('refuses a public grouping too large for disclosure control before it runs', async () => {
    // The test holds the case facts and their rollups: a statement over them would wait here, and the test see it.
    const lock = await lockTables(fixture.database.url, ['cases.case_fact', 'cases.case_event', 'cases.received_month', 'cases.decided_month']);
    try {
      const refused = metric({ name: 'P90_PROCESSING_DAYS', by: ['NATIONALITY', 'WEEK', 'SEX', 'AGE_GROUP'] });
      const waited = lock.untilSomeoneWaits().then((w) => ({ waited: `backend ${w.pid} ${w.query}` }));
      const outcome = await Promise.race([refused, waited]);
      // Refused from the estimate (the members each case type has): no statement over the facts ran.
      if ('waited' in outcome) expect.fail(`a statement over the facts ran: ${outcome.waited}`);
      expect(errorOf(outcome.body)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errorOf(outcome.body)?.message).toMatch(/up to \d+ rows/);
    } finally {
      await lock.release();
    }
  });
});

describe('published-figure filters checked against the values the figures hold', () => {
  it('refuses a misspelt measure or table with the nearest valid values, and an empty list', async () => {
    const measure = await fixture.server.graphql('{ publishedFigures(where: { measure: ["recieved"] }) { totalCount } }');
    expect(errorOf(measure.body)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errorOf(measure.body)?.message).toMatch(/where\.measure: unknown value "recieved"; the nearest valid values are received/);
    const table = await fixture.server.graphql('{ publishedFigures(where: { table: "tabell 3.8" }) { totalCount } }');
    expect(errorOf(table.body)?.message).toMatch(/where\.table: unknown value "tabell 3\.8"; the nearest valid values are Tabell 3\.8/);
    const empty = await fixture.server.graphql('{ publishedFigures(where: { region: [] }) { totalCount } }');
    expect(errorOf(empty.body)?.message).toMatch(/where\.region: an empty list/);
    const ok = await fixture.server.graphql<{ publishedFigures: { totalCount: number } }>(
      '{ publishedFigures(where: { table: "Tabell 3.8", measure: ["fee_revenue"] }) { totalCount } }',
    );
    expect(ok.body.data?.publishedFigures.totalCount).toBeGreaterThan(0);
  });
});

describe('quarters', () => {
  it('groups, compares and bounds quarters (PostgreSQL has no quarter interval)', async () => {
    const { body } = await fixture.server.graphql<{
      metric: { rows: { year: number; quarter: number; value: number | null; previous: number | null }[] };
    }>(
      '{ metric(name: RECEIVED, by: [QUARTER], where: { caseType: [ASYLUM], year: [2021, 2022] }, compareTo: PREVIOUS_PERIOD) { rows { year quarter value previous } } }',
    );
    expect(body.errors).toBeUndefined();
    const rows = body.data?.metric.rows ?? [];
    expect(rows.map((r) => `${r.year}Q${r.quarter}`)).toEqual(['2021Q1', '2021Q2', '2021Q3', '2021Q4', '2022Q1', '2022Q2', '2022Q3', '2022Q4']);
    expect(rows.slice(0, 4).every((r) => r.value === null)).toBe(true);
    expect(rows[4]?.previous).toBeNull();
    expect(rows[5]?.previous).toBe(rows[4]?.value);
  });
});

describe('null reasons of metrics computed together', () => {
  it('says NOT_PUBLISHED for an allocation no report printed, though its outcome was', async () => {
    const { body } = await fixture.server.graphql<{
      budgetLines: {
        appropriation: string;
        years: { year: number; allocated: number | null; outcome: number | null; nullReasons: { field: string; reason: string }[] }[];
      }[];
    }>('{ budgetLines(expenditureArea: 8) { appropriation years { year allocated outcome nullReasons { field reason } } } }');
    expect(body.errors).toBeUndefined();
    const years = body.data?.budgetLines.flatMap((b) => b.years) ?? [];
    const unallocated = years.filter((y) => y.allocated === null && y.outcome !== null);
    expect(unallocated.length).toBeGreaterThan(0);
    for (const y of unallocated) expect(y.nullReasons).toContainEqual({ field: 'allocated', reason: 'NOT_PUBLISHED' });
  });
});
