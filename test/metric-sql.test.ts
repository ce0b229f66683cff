import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOnlyKysely } from '../warehouse/database/compile-only.js';
import type { Database } from '../warehouse/database/tables.js';
import { metric, type MetricName } from '../warehouse/metrics/catalog.js';
import type { Dimension } from '../warehouse/dimensions/dimension-registry.js';
import type { MetricFilter, MetricRequest } from '../warehouse/metrics/metric-request.js';
import { metricQuery } from '../warehouse/metrics/metric-query.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * The SQL shapes of the metric engine, pinned: each case compiles `metricQuery` without a database (kysely's
 * DummyDriver) and compares the statement and its parameters with the `.sql` snapshot beside this file, so a change of
 * shape shows in review; then it runs the same statement on the test database.
 */
const compiler = compileOnlyKysely<Database>();

const request = (by: Dimension[], where: MetricFilter = {}, comparePrevious = false): MetricRequest => ({
  by,
  where,
  comparePrevious,
  orderBy: [],
  limit: 100,
  offset: 0,
});

const CASES: [file: string, name: MetricName, request: MetricRequest][] = [
  ['case-flow-rollup', 'received', request(['YEAR', 'CASE_TYPE'], { caseType: ['ASYLUM'] })],
  ['case-flow-month-rollup', 'received', request(['MONTH'], { caseType: ['ASYLUM'], year: [2022, 2023, 2024] })],
  ['case-flow-year-rollup-rate', 'approval_rate', request(['CASE_TYPE', 'YEAR', 'SEX'])],
  ['case-flow-base-facts', 'received', request(['YEAR', 'NATIONALITY'], { caseType: ['ASYLUM'] })],
  ['case-flow-compare', 'received', request(['MONTH'], { caseType: ['ASYLUM'], year: [2023, 2024] }, true)],
  ['case-flow-row-level', 'median_processing_days', request(['YEAR'], { caseType: ['ASYLUM'] })],
  ['case-flow-outside-coverage', 'approval_rate', request(['YEAR'], { caseType: ['ASYLUM'], year: [2021, 2022] })],
  ['case-flow-national-window', 'approval_rate_deviation_pp', request(['YEAR', 'REGION'], { caseType: ['ASYLUM'] })],
  ['open-balance-dense-grid', 'open_at_end', request(['MONTH', 'CASE_SEGMENT'], { caseType: ['FAMILY'], year: [2024] })],
  ['open-balance-total', 'open_at_end', request([], { caseType: ['FAMILY'], to: '2023-12-31' })],
  ['figure-by-member', 'fee_coverage_ratio', request(['YEAR', 'FEE_ACTIVITY'])],
  ['figure-default-total', 'budget_utilisation', request(['YEAR'], {}, true)],
];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('metric SQL shapes', () => {
  for (const [file, name, asked] of CASES) {
    it(`${file}: ${name} by ${asked.by.join(', ') || 'nothing'}`, async () => {
      const compiled = metricQuery(compiler, metric(name), asked).compile(compiler);
      const text = `-- ${name} by [${asked.by.join(', ')}] where ${JSON.stringify(asked.where)}${asked.comparePrevious ? ' compared' : ''}\n${compiled.sql.trim()}\n-- parameters: ${JSON.stringify(compiled.parameters)}\n`;
      await expect(text).toMatchFileSnapshot(`./metric-sql/${file}.sql`);
      const { rows } = await metricQuery(database.db, metric(name), asked).execute(database.db);
      expect(rows.length).toBeGreaterThan(0);
    });
  }
});
