import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestContext } from '../resolvers/context.js';
import { metric } from '../warehouse/metrics/catalog.js';
import type { MetricRequest } from '../warehouse/metrics/metric-request.js';
import { metricQuery, runMetric } from '../warehouse/metrics/metric-query.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const request = (years: number[]): MetricRequest => ({
  by: ['MONTH'],
  where: { caseType: ['ASYLUM'], year: years },
  comparePrevious: false,
  orderBy: [],
  limit: 100,
  offset: 0,
});

describe('a metric statement compiled once', () => {
  it('answers a repeated request as a freshly built statement does, counted in each request', async () => {
    const definition = metric('received');
    const fresh = await metricQuery(database.db, definition, request([2023])).execute(database.db);
    for (let run = 0; run < 3; run++) {
      const context = createRequestContext(database.db, 'analyst');
      const result = await runMetric(context.db, definition, request([2023]));
      expect(context.queries.count).toBe(1);
      expect(result.rows.map((r) => r.value)).toEqual(fresh.rows.map((r) => Number(r.value)));
      expect(result.rows.length).toBeGreaterThan(0);
    }
    // Another filter is another statement.
    const other = await runMetric(database.db, definition, request([2022]));
    const otherFresh = await metricQuery(database.db, definition, request([2022])).execute(database.db);
    expect(other.rows.map((r) => r.value)).toEqual(otherFresh.rows.map((r) => Number(r.value)));
  });
});
