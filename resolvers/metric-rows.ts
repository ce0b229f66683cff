import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { metric, METRICS, type MetricName } from '../warehouse/metrics/catalog.js';
import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES, timeGrain, type Dimension, type FilterKey } from '../warehouse/dimensions/dimension-registry.js';
import { isoWeek } from '../warehouse/metrics/iso-week.js';
import type { MetricDefinition } from '../warehouse/metrics/metric-definition.js';
import { MetricRequestError } from '../warehouse/metrics/metric-errors.js';
import type { MetricFilter, MetricRequest, MetricRowData } from '../warehouse/metrics/metric-request.js';
import { computeMetricPage, type ComputedMetricPage } from '../warehouse/metrics/compute-metric.js';
import type { PublishedCell } from '../warehouse/metrics/published-cells.js';
import type { MetricDefinitionType } from '../schema/metric-definition.type.js';
import { Comparison, SortDirection, type MetricOrderField } from '../schema/metric-enums.js';
import type { MetricResult, MetricRow } from '../schema/metric-result.type.js';
import type { MetricOrder, MetricWhere } from '../schema/metric-where.input.js';
import { badUserInput } from './api-errors.js';
import { metricFormula } from './metric-formula.js';
import { withInterval } from './metric-interval.js';
import { intervalMethod } from '../warehouse/metrics/metric-counts.js';
import { blankMetricRow } from './blank-metric-row.js';
import { encodeNumberCursor } from './pagination.js';
import type { Role } from './roles.js';
import { isoDay } from '../warehouse/database/iso-day.js';

/** Arguments of `metric(…)`, shared by the GraphQL field and the CSV export. */
export interface MetricArgs {
  name: MetricName;
  by?: Dimension[] | null;
  where?: MetricWhere | null;
  compareTo?: Comparison | null;
  orderBy?: MetricOrder[] | null;
}

/** Each definition's GraphQL form in metric answers, made once: the catalogue does not change while the process runs. */
const ANSWER_DEFINITIONS = new WeakMap<MetricDefinition, MetricDefinitionType>();

/**
 * The GraphQL form of a definition as every `metric(…)` answer carries it, asked or not: shared by the answers, since
 * writing the formula out was about 1 % of a cold metric request. Not frozen: Apollo's subgraph adds `__typename` to
 * the objects it resolves. The catalogue (and so `_entities`) gets objects of its own (toDefinitionType).
 */
function answerDefinition(definition: MetricDefinition): MetricDefinitionType {
  let made = ANSWER_DEFINITIONS.get(definition);
  if (!made) ANSWER_DEFINITIONS.set(definition, (made = toDefinitionType(definition)));
  return made;
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

const isoDate = (d: Date | null | undefined) => (d ? isoDay(d) : undefined);

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

/** Each attribute dimension with its field's name on a row, computed once (toRow runs for every row of every page). */
const DIMENSION_KEYS = new Map<Dimension, FilterKey>(ATTRIBUTE_DIMENSIONS.map((d) => [d, ATTRIBUTES[d].key]));

/** What every row of one page shares: its time grain and the dimension columns it is grouped by. */
interface RowShape {
  grain: ReturnType<typeof timeGrain>;
  dimensions: readonly (readonly [Dimension, FilterKey])[];
}

function rowShape(by: readonly Dimension[]): RowShape {
  const dimensions: (readonly [Dimension, FilterKey])[] = [];
  for (const d of by) {
    const key = DIMENSION_KEYS.get(d);
    if (key) dimensions.push([d, key]);
  }
  return { grain: timeGrain(by), dimensions };
}

/** Year and month (1–12) of a bucket's ISO day, read from its text; a year outside 1000–9999 through Date. */
function yearAndMonth(bucket: string): { year: number; month: number } {
  if (bucket.length === 10) return { year: Number(bucket.slice(0, 4)), month: Number(bucket.slice(5, 7)) };
  const date = new Date(`${bucket}T00:00:00Z`);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

function toRow(data: MetricRowData, shape: RowShape, published: PublishedCell | null, suppressed: boolean): MetricRow {
  const { grain } = shape;
  const value = suppressed ? null : data.value;
  // For the public role the previous value is disclosed like any cell (warehouse/disclosure/control-rows.ts).
  const previous = data.previous;
  const change = value !== null && previous !== null ? value - previous : null;
  // Every field null and every dimension column there from the start (blank-metric-row.ts), then filled by name.
  const row = blankMetricRow();
  row.value = value;
  row.suppressed = suppressed;
  row.nullReason = suppressed ? 'SUPPRESSED' : data.nullReason;
  row.period = data.bucket;
  if (data.bucket !== null) {
    if (grain === 'WEEK') {
      const week = isoWeek(new Date(`${data.bucket}T00:00:00Z`));
      row.year = week.year;
      row.week = week.week;
    } else {
      const { year, month } = yearAndMonth(data.bucket);
      row.year = year;
      if (grain === 'QUARTER' || grain === 'MONTH') row.quarter = Math.floor((month - 1) / 3) + 1;
      if (grain === 'MONTH') row.month = month;
    }
  }
  row.previous = previous;
  row.change = change;
  row.changeRatio = change !== null && previous ? change / previous : null;
  row.published = published;
  // A suppressed cell's counts go with its value.
  const counts = suppressed ? undefined : data.counts;
  if (counts) {
    row.numerator = counts.numerator ?? null;
    row.denominator = counts.denominator ?? null;
    row.referenceNumerator = counts.reference_numerator ?? null;
    row.referenceDenominator = counts.reference_denominator ?? null;
    row.n = counts.n ?? null;
  }
  for (const [d, key] of shape.dimensions) row[key] = data.dims[d] ?? null;
  return row;
}

/** Where a page's rows come from: computed alone, or through the operation's page loader (loaders/metric-page-loader.ts). */
export type MetricPageSource = (definition: MetricDefinition, request: MetricRequest, controlled: boolean) => Promise<ComputedMetricPage>;

/**
 * One page of `metric(…)` for GraphQL and the CSV export: the arguments as the engine takes them, the page the engine
 * computes (warehouse/metrics/compute-metric.ts: checks, SQL, disclosure control, published twins), then the flat rows
 * with their intervals, computed last from the counts the caller is shown (perturbed for the public role).
 */
export async function computeMetric(
  db: Kysely<Database>,
  args: MetricArgs,
  page: { limit: number; offset: number },
  role: Role,
  pages: MetricPageSource = (definition, request, controlled) => computeMetricPage(db, definition, request, controlled),
): Promise<MetricResult> {
  const definition = metric(args.name);
  const by = [...new Set(args.by ?? [])];
  const request: MetricRequest = {
    by,
    where: toFilter(args.where),
    comparePrevious: args.compareTo === Comparison.PREVIOUS_PERIOD,
    orderBy: (args.orderBy ?? []).map((o) => ({ field: o.field as MetricOrderField, descending: o.direction === SortDirection.DESC })),
    limit: page.limit,
    offset: page.offset,
  };
  // Published figures are public already; cells computed from case facts are controlled for the public role.
  const controlled = role === 'public' && definition.kind !== 'figure';
  let computed;
  try {
    computed = await pages(definition, request, controlled);
  } catch (error) {
    if (error instanceof MetricRequestError) throw badUserInput(error.message, error.details);
    throw error;
  }
  const method = intervalMethod(definition.counts);
  const shape = rowShape(by);
  const rows = computed.rows.map((r) => withInterval(toRow(r.data, shape, r.published, r.suppressed), method));
  const end = page.offset + rows.length;
  return {
    definition: answerDefinition(definition),
    totalCount: computed.totalCount,
    pageInfo: { hasNextPage: end < computed.totalCount, endCursor: rows.length > 0 ? encodeNumberCursor('offset', end) : null },
    rows,
  };
}
