import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { metric, METRICS, type MetricName } from '../warehouse/metrics/catalog.js';
import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES, isTimeDimension, timeGrain, type Dimension, type FilterKey } from '../warehouse/metrics/dimensions.js';
import { checkFilterShape, checkOpenValues, openTablesOf } from '../warehouse/metrics/filter-check.js';
import { estimateRows } from '../warehouse/metrics/row-estimate.js';
import { caseTypeMembers } from '../warehouse/queries/case-dimension-members.js';
import { openSetMembers } from '../warehouse/queries/open-members.js';
import { isoWeek } from '../warehouse/metrics/iso-week.js';
import type { MetricDefinition } from '../warehouse/metrics/metric-definition.js';
import { MetricRequestError } from '../warehouse/metrics/metric-errors.js';
import type { MetricFilter, MetricRequest, MetricRowData } from '../warehouse/metrics/metric-request.js';
import { runMetric } from '../warehouse/metrics/metric-query.js';
import { publishedBeside, type PublishedCell } from '../warehouse/metrics/published-cells.js';
import type { MetricDefinitionType } from '../schema/metric-definition.type.js';
import { Comparison, SortDirection, type MetricOrderField } from '../schema/metric-enums.js';
import type { MetricResult, MetricRow } from '../schema/metric-result.type.js';
import type { MetricOrder, MetricWhere } from '../schema/metric-where.input.js';
import { badUserInput } from './api-errors.js';
import { controlRows, orderByDisclosedValue, orderWithoutValue } from '../warehouse/disclosure/control-rows.js';
import { metricFormula } from './metric-formula.js';
import { withInterval } from './metric-interval.js';
import { intervalMethod, type CountColumn } from '../warehouse/metrics/metric-counts.js';
import { encodeNumberCursor } from './pagination.js';
import type { Role } from './roles.js';

/** Arguments of `metric(…)`, shared by the GraphQL field and the CSV export. */
export interface MetricArgs {
  name: MetricName;
  by?: Dimension[] | null;
  where?: MetricWhere | null;
  compareTo?: Comparison | null;
  orderBy?: MetricOrder[] | null;
}

export function toDefinitionType(definition: MetricDefinition): MetricDefinitionType {
  return {
    name: definition.name,
    title: definition.title,
    description: definition.description,
    unit: definition.unit,
    formula: metricFormula(definition),
    basis: definition.kind,
    dimensions: [...definition.dimensions],
    requiredDimensions: [...(definition.requires ?? [])],
    publishedMeasure: definition.publishedMeasure,
    source: definition.source,
  };
}

export function catalog(): MetricDefinitionType[] {
  return METRICS.map(toDefinitionType);
}

const isoDate = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);

/** The GraphQL filter as the engine takes it: dates as ISO text, absent fields left out, lists of stored codes. */
function toFilter(where: MetricWhere | null | undefined): MetricFilter {
  if (!where) return {};
  const filter: MetricFilter = {};
  if (where.year) filter.year = where.year;
  const from = isoDate(where.from);
  const to = isoDate(where.to);
  if (from) filter.from = from;
  if (to) filter.to = to;
  for (const d of ATTRIBUTE_DIMENSIONS) {
    const key: FilterKey = ATTRIBUTES[d].key;
    const values = where[key];
    if (values !== undefined && values !== null) filter[key] = values;
  }
  return filter;
}

function toRow(data: MetricRowData, by: readonly Dimension[], published: PublishedCell | null, suppressed: boolean): MetricRow {
  const grain = timeGrain(by);
  const date = data.bucket ? new Date(`${data.bucket}T00:00:00Z`) : null;
  const week = date && grain === 'WEEK' ? isoWeek(date) : null;
  const value = suppressed ? null : data.value;
  // For the public role the previous value is disclosed like any cell (warehouse/disclosure/control-rows.ts).
  const previous = data.previous;
  const change = value !== null && previous !== null ? value - previous : null;
  const dims = Object.fromEntries(ATTRIBUTE_DIMENSIONS.map((d) => [ATTRIBUTES[d].key, data.dims[d] ?? null])) as Record<FilterKey, string | null>;
  // A suppressed cell's counts go with its value.
  const count = (c: CountColumn) => (suppressed ? null : (data.counts?.[c] ?? null));
  return {
    ...dims,
    value,
    suppressed,
    nullReason: suppressed ? 'SUPPRESSED' : data.nullReason,
    period: data.bucket,
    year: week ? week.year : date ? date.getUTCFullYear() : null,
    quarter: date && (grain === 'QUARTER' || grain === 'MONTH') ? Math.floor(date.getUTCMonth() / 3) + 1 : null,
    month: date && grain === 'MONTH' ? date.getUTCMonth() + 1 : null,
    week: week ? week.week : null,
    previous,
    change,
    changeRatio: change !== null && previous ? change / previous : null,
    published,
    numerator: count('numerator'),
    denominator: count('denominator'),
    referenceNumerator: count('reference_numerator'),
    referenceDenominator: count('reference_denominator'),
    n: count('n'),
    lower: null,
    upper: null,
    significant: null,
  };
}

/** Most rows a disclosure-controlled result may have: suppression needs the whole result, not one page. */
const MAX_CONTROLLED_ROWS = 20_000;

/**
 * Computes one page of a metric: validation, the SQL, disclosure control for the public role, the published
 * figures beside, and the flat rows.
 */
export async function computeMetric(
  db: Kysely<Database>,
  args: MetricArgs,
  page: { limit: number; offset: number },
  role: Role,
): Promise<MetricResult> {
  const definition = metric(args.name);
  const by = [...new Set(args.by ?? [])];
  const where = toFilter(args.where);
  try {
    checkFilterShape(where);
    // One statement fetches the members of every open set the request filters by (none for closed sets).
    checkOpenValues(where, await openSetMembers(db, openTablesOf(where)));
    // Disclosure control needs the whole result of a public grouping: one too large is refused before it runs.
    if (role === 'public' && definition.kind !== 'figure' && by.some((d) => !isTimeDimension(d))) {
      const estimate = estimateRows(by, where, await caseTypeMembers(db));
      if (estimate > MAX_CONTROLLED_ROWS) {
        throw new MetricRequestError(
          `this grouping can have up to ${estimate} rows, more than the ${MAX_CONTROLLED_ROWS} that disclosure control checks at once; narrow the filter or group by fewer dimensions`,
          { estimate, limit: MAX_CONTROLLED_ROWS },
        );
      }
    }
  } catch (error) {
    if (error instanceof MetricRequestError) throw badUserInput(error.message, error.details);
    throw error;
  }
  const request: MetricRequest = {
    by,
    where,
    comparePrevious: args.compareTo === Comparison.PREVIOUS_PERIOD,
    orderBy: (args.orderBy ?? []).map((o) => ({ field: o.field as MetricOrderField, descending: o.direction === SortDirection.DESC })),
    limit: page.limit,
    offset: page.offset,
  };
  // Published figures are public already; cells computed from case facts are controlled for the public role.
  const controlled = role === 'public' && definition.kind !== 'figure';
  let result;
  try {
    // The public role's values are disclosed from the whole result (cell keys beside every row), ordered afterwards.
    result = await runMetric(
      db,
      definition,
      controlled ? { ...request, orderBy: orderWithoutValue(request.orderBy), limit: MAX_CONTROLLED_ROWS + 1, offset: 0, cellKeys: true } : request,
    );
  } catch (error) {
    if (error instanceof MetricRequestError) throw badUserInput(error.message, error.details);
    throw error;
  }
  let pageRows = result.rows;
  let suppressed = pageRows.map(() => false);
  if (controlled) {
    if (result.rows.length > MAX_CONTROLLED_ROWS) {
      throw badUserInput(`this grouping has more than ${MAX_CONTROLLED_ROWS} rows; narrow the filter or group by fewer dimensions`);
    }
    // Ordered by the disclosed values, never the true ones; withheld values sort last.
    const shown = orderByDisclosedValue(controlRows(definition.name, result.rows, by), request.orderBy);
    result = { ...result, totalCount: shown.length };
    const window = shown.slice(page.offset, page.offset + page.limit);
    pageRows = window.map((c) => c.row);
    // A bucket outside the coverage is null for its own reason, not withheld.
    suppressed = window.map((c) => c.suppressed && c.row.nullReason !== 'OUTSIDE_COVERAGE');
  }
  const published = await publishedBeside(db, definition, request, pageRows);
  // The interval is computed last, from the counts the role is shown (after disclosure control: perturbed for the public role).
  const method = intervalMethod(definition.counts);
  const rows = pageRows.map((row, i) => withInterval(toRow(row, by, published[i] ?? null, suppressed[i] ?? false), method));
  const end = page.offset + rows.length;
  return {
    definition: toDefinitionType(definition),
    totalCount: result.totalCount,
    pageInfo: { hasNextPage: end < result.totalCount, endCursor: rows.length > 0 ? encodeNumberCursor('offset', end) : null },
    rows,
  };
}
