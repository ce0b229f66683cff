import { sql } from 'kysely';
import { seededRecordKey } from './support/seeded-record-key.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCaseRollups } from '../warehouse/cases/case-tables.js';
import { findMetric } from '../warehouse/metrics/catalog.js';
import { caseFlows, rollupGrain, usesRollup } from '../warehouse/metrics/case-flows.js';
import type { MetricRequest } from '../warehouse/metrics/metric-request.js';
import { metricQuery, runMetric } from '../warehouse/metrics/metric-query.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Hand-made cases whose metrics are worked out by hand below: the SQL of each metric is checked against them, on
 * the base facts and on the rollups.
 */
const CASES: [number, string, string, string, string | null, string, string | null, string | null, string | null][] = [
  // id, type, segment, sex, region, received, decided, outcome, court outcome
  [1, 'ASYLUM', 'first_time', 'female', 'nord', '2022-11-15', '2023-02-01', 'approved', null],
  [2, 'ASYLUM', 'first_time', 'male', 'nord', '2023-01-10', '2023-03-01', 'rejected', 'changed'],
  [3, 'ASYLUM', 'first_time', 'male', 'syd', '2023-01-20', '2023-12-31', 'rejected', 'unchanged'],
  [4, 'ASYLUM', 'first_time', 'female', 'syd', '2023-02-05', '2024-01-15', 'approved', null],
  [5, 'ASYLUM', 'first_time', 'male', 'vast', '2023-03-01', null, null, null],
  [6, 'ASYLUM', 'first_time', 'male', 'vast', '2023-06-30', '2023-07-30', 'dublin_transfer', null],
  [7, 'ASYLUM', 'extension', 'female', 'nord', '2023-04-01', '2023-05-01', 'approved', null],
  [8, 'WORK', 'first_time', 'male', null, '2023-01-01', '2023-06-01', 'approved', null],
];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await sql`truncate cases.case_fact, cases.received_month, cases.decided_month`.execute(database.db);
  for (const [id, type, segment, sex, region, received, decided, outcome, court] of CASES) {
    await sql`insert into cases.case_fact (case_id, case_type, segment, sex, age_group, nationality, region, channel,
        received_date, decision_date, outcome, processing_days, appealed, court_outcome, record_key)
      values (${id}, ${type}, ${segment}, ${sex}, '18_34', 'SY', ${region}, 'e_application', ${received}::date, ${decided}::date,
        ${outcome}, ${decided}::date - ${received}::date, ${court !== null}, ${court}, ${seededRecordKey(7, id as number)})`.execute(database.db);
  }
  await buildCaseRollups(database.db, 'cases');
});
afterAll(async () => {
  await database?.drop();
});

const request = (r: Partial<MetricRequest>): MetricRequest => ({
  by: [],
  where: {},
  comparePrevious: false,
  orderBy: [],
  limit: 100,
  offset: 0,
  ...r,
});
async function values(name: string, r: Partial<MetricRequest>) {
  const result = await runMetric(database.db, findMetric(name)!, request(r));
  return result.rows.map((row) => ({ bucket: row.bucket, ...row.dims, value: row.value, previous: row.previous }));
}

describe('case-flow metrics on hand-made cases', () => {
  it('counts received on the received date and decided on the decision date', async () => {
    expect(await values('received', { by: ['YEAR'], where: { caseType: ['ASYLUM'] } })).toEqual([
      { bucket: '2022-01-01', value: 1, previous: null },
      { bucket: '2023-01-01', value: 6, previous: null },
    ]);
    expect(await values('decided', { by: ['YEAR'], where: { caseType: ['ASYLUM'] } })).toEqual([
      { bucket: '2023-01-01', value: 5, previous: null },
      { bucket: '2024-01-01', value: 1, previous: null },
    ]);
  });

  it('computes the approval rate as approved / (approved + rejected), leaving Dublin transfers out', async () => {
    // 2023 asylum decisions: approved 1 and 7, rejected 2 and 3, Dublin 6 → 2 / 4.
    expect(await values('approval_rate', { by: ['YEAR'], where: { caseType: ['ASYLUM'], year: [2023] } })).toEqual([
      { bucket: '2023-01-01', value: 0.5, previous: null },
    ]);
  });

  it('computes processing-time mean, median, 90th percentile and the share within 180 days', async () => {
    const where = { caseType: ['ASYLUM'], caseSegment: ['first_time'], year: [2023] };
    // Cases 1, 2, 3, 6 decided in 2023: 78, 50, 345, 30 days.
    expect((await values('mean_processing_days', { where }))[0]?.value).toBeCloseTo((78 + 50 + 345 + 30) / 4, 10);
    expect((await values('median_processing_days', { where }))[0]?.value).toBeCloseTo(64, 10);
    expect((await values('p90_processing_days', { where }))[0]?.value).toBeCloseTo(345 - 0.3 * (345 - 78), 10);
    expect((await values('share_within_statutory_limit', { where }))[0]?.value).toBeCloseTo(3 / 4, 10);
  });

  it('computes open balances at each bucket end, backlog change and clearance rate', async () => {
    const where = { caseType: ['ASYLUM'] };
    // Year ends: 2022 → case 1 open (1); 2023 → cases 4 and 5 open (2); 2024 → case 5 (1).
    expect(await values('open_at_end', { by: ['YEAR'], where })).toEqual([
      { bucket: '2022-01-01', value: 1, previous: null },
      { bucket: '2023-01-01', value: 2, previous: null },
      { bucket: '2024-01-01', value: 1, previous: null },
    ]);
    expect((await values('backlog_change', { by: ['YEAR'], where: { ...where, year: [2023] } }))[0]?.value).toBe(1);
    expect((await values('clearance_rate', { by: ['YEAR'], where: { ...where, year: [2023] } }))[0]?.value).toBeCloseTo(5 / 6, 10);
    // 36 monthly buckets for 2022–2024 even where nothing happened.
    expect(await values('open_at_end', { by: ['MONTH'], where: { ...where, year: [2022, 2023, 2024] } })).toHaveLength(36);
  });

  it('computes a region’s deviation from the national approval rate in points', async () => {
    const rows = await values('approval_rate_deviation_pp', { by: ['REGION'], where: { caseType: ['ASYLUM'], caseSegment: ['first_time'] } });
    // National first-time: approved 1, 4; rejected 2, 3 → 50 %. nord: 1 of 2 → 0 pp; syd: 1 of 2 → 0; vast: none.
    expect(rows).toEqual([
      { bucket: null, REGION: 'nord', value: 0, previous: null },
      { bucket: null, REGION: 'syd', value: 0, previous: null },
      { bucket: null, REGION: 'vast', value: null, previous: null },
    ]);
  });

  it('compares with the previous period', async () => {
    expect(await values('received', { by: ['YEAR'], where: { year: [2023] }, comparePrevious: true })).toEqual([
      { bucket: '2023-01-01', value: 7, previous: 1 },
    ]);
  });

  it('gives the same numbers from the rollups as from the base facts', async () => {
    const base = { by: ['YEAR', 'CASE_TYPE', 'SEX'] as const, where: {} };
    const rollupRequest = request({ ...base, by: [...base.by] });
    expect(
      usesRollup({
        by: rollupRequest.by,
        where: {},
        grain: 'YEAR',
        ranges: [{ from: null, until: null }],
        needs: { received: true, decided: true, rowLevel: false },
      }),
    ).toBe(true);
    const needs = { received: true, decided: true, rowLevel: false };
    // By year, or over whole years: the yearly rollups; by quarter or month, or from a month: the monthly ones.
    expect(rollupGrain({ by: ['YEAR', 'SEX'], where: {}, grain: 'YEAR', ranges: [{ from: '2023-01-01', until: '2025-01-01' }], needs })).toBe('year');
    expect(rollupGrain({ by: ['SEX'], where: {}, grain: null, ranges: [{ from: null, until: '2024-01-01' }], needs })).toBe('year');
    expect(rollupGrain({ by: ['MONTH'], where: {}, grain: 'MONTH', ranges: [{ from: null, until: null }], needs })).toBe('month');
    expect(rollupGrain({ by: ['YEAR'], where: {}, grain: 'YEAR', ranges: [{ from: '2023-03-01', until: null }], needs })).toBe('month');
    expect(rollupGrain({ by: ['YEAR', 'NATIONALITY'], where: {}, grain: 'YEAR', ranges: [{ from: null, until: null }], needs })).toBeNull();
    const names = ['received', 'decided', 'approval_rate', 'mean_processing_days', 'share_within_statutory_limit', 'clearance_rate', 'open_at_end'];
    for (const by of [[...base.by], ['QUARTER', 'CASE_TYPE', 'REGION'] as const, ['CASE_TYPE'] as const]) {
      for (const name of names) {
        const fromRollup = await values(name, { by: [...by] });
        // The same question with a filter only the base facts can answer, matching every case, forces the base facts.
        const fromBase = await values(name, { by: [...by], where: { nationality: ['SY'] } });
        expect(fromBase, `${name} by ${by.join(', ')}`).toEqual(fromRollup);
        expect(await values(name, { by: [...by], rollups: ['month'] }), `${name} by ${by.join(', ')}, monthly`).toEqual(fromRollup);
      }
    }
  });

  it('compiles to one parameterised statement: filter values are data, never SQL', async () => {
    const hostile = "ASYLUM'; drop table cases.case_fact; --";
    const compiled = metricQuery(database.db, findMetric('received')!, request({ where: { caseType: [hostile] } })).compile(database.db);
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.parameters).toContain(hostile);
    expect(await values('received', { where: { caseType: [hostile] } })).toEqual([]);
    expect(caseFlows).toBeTypeOf('function');
  });
});
