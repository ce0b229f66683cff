import type { WarehouseConnection } from '../warehouse/database/connect.js';
import { findMetric } from '../warehouse/metrics/catalog.js';
import { metricQuery } from '../warehouse/metrics/metric-query.js';
import type { MetricRequest } from '../warehouse/metrics/metric-request.js';
import type { BenchCase } from './bench-cases.js';
import type { LoadResult } from './latency-stats.js';
import type { LeverRow } from './report.js';
import type { CapturedStatement } from './sql-capture.js';

/**
 * The levers of the cold path that can be priced in one run, each as the same work with it and without it:
 * - the generation memo: the statements a request sends with it (as served) and without it (every look-up again);
 * - the yearly rollups: a metric statement as compiled, and compiled to read the monthly rollups only;
 * - named statements: a request's statements sent by name (parsed and planned once per connection) and unnamed.
 * `replay` runs statements as the raw baseline does (c = 1) and gives their latencies.
 */
export async function measureLevers(
  warehouse: WarehouseConnection,
  cases: readonly BenchCase[],
  served: ReadonlyMap<string, CapturedStatement[]>,
  unmemoized: ReadonlyMap<string, CapturedStatement[]>,
  replay: (statements: readonly CapturedStatement[], named: boolean) => Promise<LoadResult>,
): Promise<LeverRow[]> {
  const levers: LeverRow[] = [];
  for (const c of cases) {
    const statements = served.get(c.id);
    if (!statements?.length) continue;
    const [b, a] = [await replay(statements, false), await replay(statements, true)];
    levers.push({ lever: 'named statements', caseId: c.id, measure: 'raw SQL p50, c = 1', before: b.p50, after: a.p50, unit: 'ms' });
  }
  for (const c of cases) {
    const after = served.get(c.id);
    const before = unmemoized.get(c.id);
    if (!after || !before || before.length === after.length) continue;
    levers.push({ lever: 'generation memo', caseId: c.id, measure: 'statements per request', before: before.length, after: after.length, unit: '' });
    const [b, a] = [await replay(before, true), await replay(after, true)];
    levers.push({ lever: 'generation memo', caseId: c.id, measure: 'raw SQL p50, c = 1', before: b.p50, after: a.p50, unit: 'ms' });
  }
  for (const c of cases) {
    const asked = c.query.metric;
    if (!asked || c.role !== 'analyst') continue;
    const definition = findMetric(asked.name);
    if (!definition) continue;
    const request: MetricRequest = { by: asked.by, where: asked.where, comparePrevious: false, orderBy: [], limit: asked.first, offset: 0 };
    const compile = (r: MetricRequest): CapturedStatement => {
      const compiled = metricQuery(warehouse.db, definition, r).compile(warehouse.db);
      return { sql: compiled.sql, parameters: compiled.parameters };
    };
    const now = compile(request);
    const monthly = compile({ ...request, rollups: ['month'] });
    if (now.sql === monthly.sql) continue;
    const [b, a] = [await replay([monthly], true), await replay([now], true)];
    levers.push({ lever: 'yearly rollups', caseId: c.id, measure: 'metric statement p50, c = 1', before: b.p50, after: a.p50, unit: 'ms' });
  }
  return levers;
}
