import type { Kysely } from 'kysely';
import { controlRows, orderByDisclosedValue, orderWithoutValue } from '../disclosure/control-rows.js';
import type { Database } from '../database/tables.js';
import { caseTypeMembers } from '../queries/case-dimension-members.js';
import { openSetMembers } from '../queries/open-members.js';
import { isTimeDimension } from '../dimensions/dimension-registry.js';
import { checkFilterShape, checkOpenValues, openTablesOf } from './filter-check.js';
import type { MetricDefinition } from './metric-definition.js';
import { MetricRequestError } from './metric-errors.js';
import { runMetric } from './metric-query.js';
import type { MetricRequest, MetricRowData } from './metric-request.js';
import { publishedBeside, type PublishedCell } from './published-cells.js';
import { estimateRows } from './row-estimate.js';
import { inSpanSync } from '../tracing/request-spans.js';

/** Most rows a disclosure-controlled result may have: disclosure control needs the whole result, not one page. */
export const MAX_CONTROLLED_ROWS = 20_000;

/** One row of a computed page: the values (disclosed where controlled), whether withheld, and the published twin. */
export interface ComputedMetricRow {
  data: MetricRowData;
  suppressed: boolean;
  published: PublishedCell | null;
}

export interface ComputedMetricPage {
  rows: ComputedMetricRow[];
  totalCount: number;
}

/**
 * Where large groupings of the case facts take turns (the server's queue of `GROUPING_CONCURRENCY`): a grouping of
 * `minRows` rows or more, as estimated before it runs, has its statement run through `run`.
 */
export interface GroupingLane {
  minRows: number;
  run: <T>(task: () => Promise<T>) => Promise<T>;
}

/**
 * Checks a request before anything runs over the facts: the filter's shape, its open-set values against their
 * members (one statement), and for a controlled grouping its largest possible size, estimated from the members each
 * case type has. Returns that estimate for a grouping of the case facts by an attribute when it was computed (for a
 * controlled request, or when `estimate` asks for it), else null. Throws MetricRequestError.
 */
export async function checkMetricRequest(
  db: Kysely<Database>,
  definition: MetricDefinition,
  request: MetricRequest,
  controlled: boolean,
  estimate = false,
): Promise<number | null> {
  checkFilterShape(request.where);
  checkOpenValues(request.where, await openSetMembers(db, openTablesOf(request.where)));
  // Time alone gives at most a few hundred buckets; published figures are small.
  if (!(controlled || estimate) || definition.kind === 'figure' || !request.by.some((d) => !isTimeDimension(d))) return null;
  const rows = estimateRows(request.by, request.where, await caseTypeMembers(db));
  if (controlled && rows > MAX_CONTROLLED_ROWS) {
    throw new MetricRequestError(
      `this grouping can have up to ${rows} rows, more than the ${MAX_CONTROLLED_ROWS} that disclosure control checks at once; narrow the filter or group by fewer dimensions`,
      { estimate: rows, limit: MAX_CONTROLLED_ROWS },
    );
  }
  return rows;
}

/** Rows `limit` from `offset` of a grouping's ordered rows. */
export interface MetricPageWindow {
  limit: number;
  offset: number;
}

/**
 * One page of a metric, the path every `metric(…)` answer and CSV export takes: checks, the one SQL statement, then
 * for a controlled request (the public role over case facts) disclosure control over the whole result (cell keys beside
 * every row, ordered by the disclosed values, never the true ones), the page, and the published figures beside it.
 * Throws MetricRequestError for a request the catalogue cannot answer as asked.
 */
export async function computeMetricPage(
  db: Kysely<Database>,
  definition: MetricDefinition,
  request: MetricRequest,
  controlled: boolean,
): Promise<ComputedMetricPage> {
  const [page] = await computeMetricPages(db, definition, request, [{ limit: request.limit, offset: request.offset }], controlled);
  return page as ComputedMetricPage;
}

/**
 * Several pages of one grouping (the request's own limit and offset are not used) from one statement, as
 * computeMetricPage answers each: the rows from the first page's offset to the last page's end are computed once and
 * sliced. Aliased pages of one operation thus cost one statement, not one grouping each (loaders/metric-page-loader.ts
 * decides which pages share). A controlled grouping is computed whole anyway. With a lane, a large grouping's
 * statement waits for its turn there; its estimate reads the same members as the public role's row limit, once.
 */
export async function computeMetricPages(
  db: Kysely<Database>,
  definition: MetricDefinition,
  request: MetricRequest,
  pages: readonly MetricPageWindow[],
  controlled: boolean,
  lane?: GroupingLane,
): Promise<ComputedMetricPage[]> {
  const estimate = await checkMetricRequest(db, definition, request, controlled, lane !== undefined);
  // A large grouping's statement takes its turn in the lane; everything else runs at once.
  const inTurn = <T>(task: () => Promise<T>): Promise<T> => (lane && estimate !== null && estimate >= lane.minRows ? lane.run(task) : task());
  const start = Math.min(...pages.map((p) => p.offset));
  const end = Math.max(...pages.map((p) => p.offset + p.limit));
  if (!controlled) {
    const result = await inTurn(() => runMetric(db, definition, { ...request, limit: end - start, offset: start }));
    const published = await publishedBeside(db, definition, request, result.rows);
    const rows = result.rows.map((data, i) => ({ data, suppressed: false, published: published[i] ?? null }));
    return pages.map((p) => ({ totalCount: result.totalCount, rows: rows.slice(p.offset - start, p.offset - start + p.limit) }));
  }
  const result = await inTurn(() =>
    runMetric(db, definition, {
      ...request,
      orderBy: orderWithoutValue(request.orderBy),
      limit: MAX_CONTROLLED_ROWS + 1,
      offset: 0,
      cellKeys: true,
    }),
  );
  if (result.rows.length > MAX_CONTROLLED_ROWS) {
    throw new MetricRequestError(`this grouping has more than ${MAX_CONTROLLED_ROWS} rows; narrow the filter or group by fewer dimensions`, {
      limit: MAX_CONTROLLED_ROWS,
    });
  }
  // Withheld values sort last; a row whose flows all perturb to 0 is left out (controlRows).
  const shown = inSpanSync('disclosure control', { 'warehouse.rows': result.rows.length }, () =>
    orderByDisclosedValue(controlRows(definition.name, result.rows, request.by), request.orderBy),
  );
  const window = shown.slice(start, end);
  const published = await publishedBeside(
    db,
    definition,
    request,
    window.map((c) => c.row),
  );
  const rows = window.map((c, i) => ({
    data: c.row,
    // A bucket outside the coverage is null for its own reason, not withheld.
    suppressed: c.suppressed && c.row.nullReason !== 'OUTSIDE_COVERAGE',
    published: published[i] ?? null,
  }));
  return pages.map((p) => ({ totalCount: shown.length, rows: rows.slice(p.offset - start, p.offset - start + p.limit) }));
}
