import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { findMetric } from '../warehouse/metrics/catalog.js';
import { metricQuery } from '../warehouse/metrics/metric-query.js';
import type { BenchQuery } from './query-set.js';
import type { CapturedRequest, CapturedStatement } from './sql-capture.js';

/** The statements the raw baseline replays for one query, and where they came from. */
export interface RawPlan {
  statements: CapturedStatement[];
  /** For metric queries: whether metricQuery(…).compile() equals what the product sent (null: not a metric query). */
  metricSqlMatches: boolean | null;
}

/**
 * The raw baseline sends exactly what the product's resolvers send for a query. For `metric(…)` the statement comes
 * from `metricQuery(db, definition, request).compile(db)` (the request built as the resolver builds it); the
 * others (e.g. the published-figure lookup beside yearly metric rows) as recorded from the product.
 */
export function rawPlan(db: Kysely<Database>, query: BenchQuery, captured: CapturedRequest): RawPlan {
  if (!query.metric) return { statements: captured.statements, metricSqlMatches: null };
  const definition = findMetric(query.metric.name);
  if (!definition) throw new Error(`metric ${query.metric.name} is not in the catalogue`);
  const compiled = metricQuery(db, definition, {
    by: query.metric.by,
    where: query.metric.where,
    comparePrevious: false,
    orderBy: [],
    limit: query.metric.first,
    offset: 0,
  }).compile(db);
  const statement: CapturedStatement = { sql: compiled.sql, parameters: [...compiled.parameters] };
  const same = (s: CapturedStatement) => s.sql === statement.sql && JSON.stringify(s.parameters) === JSON.stringify(statement.parameters);
  const at = captured.statements.findIndex(same);
  if (at >= 0) return { statements: captured.statements.map((s, i) => (i === at ? statement : s)), metricSqlMatches: true };
  // The resolver builds its request differently from ours: run metricQuery's statement first, where runMetric does.
  return { statements: [statement, ...captured.statements.slice(1)], metricSqlMatches: false };
}
