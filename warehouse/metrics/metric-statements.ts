import { createQueryId, type CompiledQuery, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from '../database/tables.js';
import type { MetricDefinition } from './metric-definition.js';
import type { MetricRequest } from './metric-request.js';

/** Statements kept per process (all definitions together): one per distinct request, each a few kilobytes of SQL. */
const MAX_STATEMENTS = 500;

/**
 * The compiled statements of metric requests, per definition and request. Building a metric's SQL (kysely's raw
 * templates: a few hundred nodes for a case-flow statement) and compiling it cost about 8 % of a cold q4 request's
 * CPU, and a request with the same definition and arguments always builds the same text and parameters (the
 * statement depends on the catalogue and the request only, not on the data or the day).
 */
const compiled = new LRUCache<string, CompiledQuery>({ max: MAX_STATEMENTS });

/** A number per definition object, for the statements' keys (a test may build a definition of a catalogue name). */
const definitionIds = new WeakMap<MetricDefinition, number>();
let definitionsSeen = 0;
function idOf(definition: MetricDefinition): number {
  let id = definitionIds.get(definition);
  if (id === undefined) definitionIds.set(definition, (id = definitionsSeen++));
  return id;
}

/**
 * Runs `build()`'s statement on `db`, compiled once per definition and request. The request's plugins still see
 * every statement (kysely runs plugins while compiling; here their transformQuery runs as if it were built again), so
 * the request's statement counter counts it. Only for statements built from the catalogue and the request alone:
 * one that embeds a query builder of `db` (the published-figure metrics) compiles that builder with its own plugins.
 */
export function executeRemembered<Row>(
  db: Kysely<Database>,
  definition: MetricDefinition,
  request: MetricRequest,
  build: () => RawBuilder<Row>,
): Promise<QueryResult<Row>> {
  const key = `${idOf(definition)}:${JSON.stringify(request)}`;
  const executor = db.getExecutor();
  const known = compiled.get(key);
  if (!known) {
    const fresh = build().compile(db);
    compiled.set(key, fresh);
    return executor.executeQuery(fresh) as Promise<QueryResult<Row>>;
  }
  const queryId = createQueryId();
  executor.transformQuery(known.query, queryId);
  return executor.executeQuery({ ...known, queryId }) as Promise<QueryResult<Row>>;
}
