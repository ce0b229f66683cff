import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../database/tables.js';
import { headlineFigures, type CellDimension } from '../queries/headline-figures.js';
import { inList } from '../queries/in-list.js';
import { widenOnePeriodBack, withoutLowerBound, type DateRange } from './anchor-range.js';
import { CASE_FACT_COVERAGE, coverageRange, fitToCoverage } from './coverage.js';
import { bucketOverlaps, bucketStep, MONTHS_PER_BUCKET } from './bucket-ranges.js';
import { caseFlows } from './case-flows.js';
import { countColumnNames, countSelections, type CountColumn } from './metric-counts.js';
import {
  ATTRIBUTES,
  isTimeDimension,
  timeGrain,
  TRUNC_UNIT,
  type AttributeDimension,
  type Dimension,
  type TimeDimension,
} from '../dimensions/dimension-registry.js';
import type { CaseFlowMetric, ExpressionContext, FigureMetric, MetricDefinition, OpenBalanceMetric } from './metric-definition.js';
import { MetricRequestError } from './metric-errors.js';
import { isoDay } from '../database/iso-day.js';
import { executeRemembered } from './metric-statements.js';
import type { NullReason } from './null-reason.js';
import type { MetricRequest, MetricResultData, MetricRowData } from './metric-request.js';
import { CASE_FLOW_COUNTS, caseFlowCellCounts, OPEN_BALANCE_COUNTS, openBalanceCellCounts, parseCellCounts } from '../disclosure/cell-counts.js';

interface ComputedRow {
  bucket: string | null;
  value: number | string | null;
  support: number | string;
  previous: number | string | null;
  previous_support: number | string | null;
  total_count: number | string;
  /** The bucket lies (partly) outside the basis's coverage: its values are null. */
  outside: boolean;
  /** With request.cellKeys: the counts behind the cell and their key sums (warehouse/disclosure/cell-counts.ts). */
  cell_counts?: unknown;
  previous_cell_counts?: unknown;
  [column: string]: unknown;
}

/** Checks the request against the definition: supported and required dimensions, and a time axis for comparisons. */
export function validateMetricRequest(definition: MetricDefinition, request: MetricRequest): void {
  const unsupported = request.by.filter((d) => !definition.dimensions.includes(d));
  if (unsupported.length > 0) {
    throw new MetricRequestError(
      `metric ${definition.name} cannot be grouped by ${unsupported.join(', ')}; it supports ${definition.dimensions.join(', ')}`,
      { metric: definition.name, unsupported, supported: definition.dimensions },
    );
  }
  const missing = (definition.requires ?? []).filter((d) => !request.by.includes(d));
  if (missing.length > 0) {
    throw new MetricRequestError(`metric ${definition.name} needs ${missing.join(', ')} in by`, { metric: definition.name, required: missing });
  }
  if (request.comparePrevious && !timeGrain(request.by)) {
    throw new MetricRequestError('compareTo: PREVIOUS_PERIOD needs a time dimension (YEAR, QUARTER, MONTH or WEEK) in by', {
      metric: definition.name,
    });
  }
  if (definition.kind === 'figure' && !request.by.includes('YEAR') && request.where.year?.length !== 1) {
    throw new MetricRequestError(`metric ${definition.name} is published per year: add YEAR to by, or filter exactly one year`, {
      metric: definition.name,
    });
  }
}

/** `value` for the first definition, `also_1`… for the others computed in the same statement. */
function valueColumns<D>(definitions: readonly D[], expression: (d: D) => RawBuilder<unknown>): RawBuilder<unknown>[] {
  return definitions.map((d, i) => sql`(${expression(d)})::float8 as ${sql.ref(i === 0 ? 'value' : `also_${i}`)}`);
}

const attributeDimensions = (by: readonly Dimension[]) => by.filter((d): d is AttributeDimension => !isTimeDimension(d));
const columnsOf = (by: readonly Dimension[]) => attributeDimensions(by).map((d) => ATTRIBUTES[d].column);
const refs = (alias: string, columns: readonly string[]) => columns.map((c) => sql.ref(`${alias}.${c}`));
const partitionBy = (alias: string, columns: readonly string[]) => (columns.length > 0 ? sql`partition by ${sql.join(refs(alias, columns))}` : sql``);

function orderClause(request: MetricRequest, alias: string): RawBuilder<unknown> {
  const terms: RawBuilder<unknown>[] = request.orderBy.map(({ field, descending }) => {
    const target =
      field === 'VALUE'
        ? sql.ref(`${alias}.value`)
        : isTimeDimension(field)
          ? sql.ref(`${alias}.bucket`)
          : sql.ref(`${alias}.${ATTRIBUTES[field].column}`);
    return sql`${target} ${sql.raw(descending ? 'desc nulls last' : 'asc nulls first')}`;
  });
  // Always end on the full group key, so the order (and so the pages) is total and stable.
  terms.push(sql`${sql.ref(`${alias}.bucket`)} asc nulls first`, ...refs(alias, columnsOf(request.by)).map((r) => sql`${r} asc nulls first`));
  return sql.join(terms);
}

/** SQL: the bucket is not wholly inside the coverage (so its facts are partial or missing). */
function outsideCoverage(bucket: RawBuilder<unknown>, grain: TimeDimension | null, coverage: DateRange | null): RawBuilder<boolean> {
  if (!coverage || !grain) return sql<boolean>`false`;
  return sql<boolean>`(${bucket} < ${coverage.from}::date or ${bucket} + ${bucketStep(grain)} > ${coverage.until}::date)`;
}

/**
 * Wraps the grouped rows: blanks the buckets outside the coverage, adds previous-period values, keeps the requested
 * time window, orders, pages and counts.
 */
function finish(
  grouped: RawBuilder<unknown>,
  request: MetricRequest,
  grain: TimeDimension | null,
  shownRanges: DateRange[] | null,
  shape: { values: number; coverage: DateRange | null; counts?: readonly CountColumn[]; inputs?: boolean },
): RawBuilder<ComputedRow> {
  const columns = columnsOf(request.by);
  const follows = grain ? sql`lag(g.bucket) over w = g.bucket - ${bucketStep(grain)}` : sql`false`;
  const previous = request.comparePrevious && grain ? sql`case when ${follows} then lag(g.value) over w end` : sql`null::float8`;
  // The support of the previous cell too: disclosure control must judge it like any shown cell.
  const previousSupport = request.comparePrevious && grain ? sql`case when ${follows} then lag(g.support) over w end` : sql`null::bigint`;
  const previousCells = request.cellKeys
    ? sql`, ${request.comparePrevious && grain ? sql`case when ${follows} then lag(g.cell_counts) over w end` : sql`null::bigint[]`} as previous_cell_counts`
    : sql``;
  const windowClause = request.comparePrevious && grain ? sql`window w as (${partitionBy('g', columns)} order by g.bucket)` : sql``;
  const shown = shownRanges && grain ? bucketOverlaps(sql.ref('p.bucket'), grain, shownRanges) : sql`true`;
  const valueNames = ['value', ...Array.from({ length: shape.values - 1 }, (_, i) => `also_${i + 1}`)];
  const blanked = [...valueNames, ...(shape.counts ?? [])].map(
    (v) => sql`case when m.outside then null else ${sql.ref(`m.${v}`)} end as ${sql.ref(v)}`,
  );
  return sql<ComputedRow>`
    with grouped as (${grouped}),
    marked as (select g.*, ${outsideCoverage(sql.ref('g.bucket'), grain, shape.coverage)} as outside from grouped g),
    covered as (
      select m.bucket ${columns.length ? sql`, ${sql.join(refs('m', columns))}` : sql``}, ${sql.join(blanked)},
             case when m.outside then 0 else m.support end as support, m.outside
             ${shape.inputs ? sql`, ${sql.join(valueNames.map((_, i) => sql.ref(`m.inputs_${i}`)))}` : sql``}
             ${request.cellKeys ? sql`, case when m.outside then null else m.cell_counts end as cell_counts` : sql``}
      from marked m
    ),
    compared as (select g.*, ${previous} as previous, ${previousSupport} as previous_support ${previousCells} from covered g ${windowClause})
    select p.*, count(*) over () as total_count from compared p
    where ${shown}
    order by ${orderClause(request, 'p')}
    limit ${Number.isFinite(request.limit) ? sql`${request.limit}` : sql`all`} offset ${request.offset}`;
}

/**
 * Buckets of the asked ranges that lie wholly outside the coverage, one row per group seen inside it (or one row when
 * not grouped), so that an asked period outside the facts shows as null rather than as a missing row.
 */
function outsideBuckets(
  grain: TimeDimension,
  outside: DateRange[],
  coverage: DateRange,
  columns: readonly string[],
  values: number,
  cellKeys: boolean,
  counts: readonly CountColumn[] = [],
): RawBuilder<unknown> {
  const unit = TRUNC_UNIT[grain];
  const series = outside.map(
    (r) => sql`select generate_series(date_trunc(${unit}, ${r.from}::date), ${r.until}::date - 1, ${bucketStep(grain)})::date as bucket`,
  );
  const nulls = [...Array.from({ length: values }, (_, i) => (i === 0 ? 'value' : `also_${i}`)), ...counts].map(
    (c) => sql`null::float8 as ${sql.ref(c)}`,
  );
  const groups = columns.length ? sql`cross join (select distinct ${sql.join(refs('i', columns))} from inside i) k` : sql``;
  return sql`
    select distinct b.bucket ${columns.length ? sql`, ${sql.join(refs('k', columns))}` : sql``}, ${sql.join(nulls)}, 0::bigint as support
      ${cellKeys ? sql`, null::bigint[] as cell_counts` : sql``}
    from (${sql.join(series, sql` union `)}) b ${groups}
    where b.bucket + ${bucketStep(grain)} <= ${coverage.from}::date or b.bucket >= ${coverage.until}::date`;
}

function caseFlowQuery(definitions: readonly CaseFlowMetric[], request: MetricRequest): RawBuilder<ComputedRow> {
  const definition = definitions[0] as CaseFlowMetric;
  const needs = {
    received: definitions.some((d) => d.needs.received),
    decided: definitions.some((d) => d.needs.decided),
    rowLevel: definitions.some((d) => d.needs.rowLevel),
  };
  const grain = timeGrain(request.by);
  const { ranges, outside } = fitToCoverage(definition, request);
  const coverage = coverageRange(CASE_FACT_COVERAGE);
  // One period back for the first bucket's previous value, but never past the coverage (that bucket is null anyway).
  const flowRanges =
    request.comparePrevious && grain
      ? widenOnePeriodBack(ranges, grain).map((r) => ({ ...r, from: r.from && r.from < (coverage.from as string) ? coverage.from : r.from }))
      : ranges;
  const flows = caseFlows({
    by: request.by,
    where: request.where,
    grain,
    ranges: flowRanges,
    needs,
    cellKeys: request.cellKeys,
    rollups: request.rollups,
  });
  const columns = columnsOf(request.by);
  const context: ExpressionContext = {
    nationalWindow: sql`(partition by ${sql.join([
      sql.ref('f.bucket'),
      ...refs(
        'f',
        columns.filter((c) => c !== 'region'),
      ),
    ])})`,
    monthsPerBucket: grain ? MONTHS_PER_BUCKET[grain] : 1,
  };
  const groupBy = [sql.ref('f.bucket'), ...refs('f', columns)];
  const counts = countColumnNames(definition.counts);
  const inside = sql`
    select f.bucket, ${sql.join([...refs('f', columns), ...valueColumns(definitions, (d) => d.value(context)), ...countSelections(definition.counts, context), sql`(${definition.support})::bigint as support`])}
      ${request.cellKeys ? sql`, ${caseFlowCellCounts()} as cell_counts` : sql``}
    from ${flows} f group by ${sql.join(groupBy)}`;
  const grouped =
    outside && grain
      ? sql`with inside as (${inside}) select * from inside union all ${outsideBuckets(grain, outside, coverage, columns, definitions.length, request.cellKeys === true, counts)}`
      : inside;
  const shown = request.comparePrevious || outside ? (outside ?? ranges) : null;
  return finish(grouped, request, grain, shown, { values: definitions.length, coverage, counts });
}

function openBalanceQuery(definitions: readonly OpenBalanceMetric[], request: MetricRequest): RawBuilder<ComputedRow> {
  const grain = timeGrain(request.by);
  const fitted = fitToCoverage(definitions[0] as OpenBalanceMetric, request);
  const coverage = coverageRange(CASE_FACT_COVERAGE);
  // The balances are computed up to the end of the asked period, cut to the coverage; the buckets shown are the asked ones.
  const ranges = fitted.outside ?? fitted.ranges;
  // Balances accumulate from the first case on: the flows have no lower time bound; the shown buckets do.
  const flows = caseFlows({
    by: request.by,
    where: request.where,
    grain,
    ranges: withoutLowerBound(fitted.ranges),
    needs: { received: true, decided: true, rowLevel: false },
    constantBucket: grain ? undefined : '9999-12-31',
    cellKeys: request.cellKeys,
    rollups: request.rollups,
  });
  const columns = columnsOf(request.by);
  const keyed = request.cellKeys === true;
  const context: ExpressionContext = { nationalWindow: sql``, monthsPerBucket: grain ? MONTHS_PER_BUCKET[grain] : 1 };
  const dims = refs('f', columns);
  // A dense grid of buckets × groups, so a group with no flow in a bucket still shows its balance there.
  // The grid spans the asked range as well as the data, so quiet months at either end still get a row.
  const starts = ranges
    .map((r) => r.from)
    .filter((d): d is string => d !== null)
    .sort();
  const ends = ranges
    .map((r) => r.until)
    .filter((d): d is string => d !== null)
    .sort();
  const askedFrom =
    grain && starts.length === ranges.length && starts[0] ? sql`date_trunc(${TRUNC_UNIT[grain]}, ${starts[0]}::date)::date` : sql`null::date`;
  const askedTo =
    grain && ends.length === ranges.length && ends.at(-1) ? sql`date_trunc(${TRUNC_UNIT[grain]}, ${ends.at(-1)}::date - 1)::date` : sql`null::date`;
  const grid = grain
    ? sql`select s.bucket::date as bucket ${columns.length ? sql`, ${sql.join(refs('k', columns))}` : sql``}
          from (select least(min(bucket), ${askedFrom}) lo, greatest(max(bucket), ${askedTo}) hi from sums) m,
               generate_series(m.lo, m.hi, ${bucketStep(grain)}) s(bucket)
               ${columns.length ? sql`cross join (select distinct ${sql.join(refs('sums', columns))} from sums) k` : sql``}`
    : sql`select bucket ${columns.length ? sql`, ${sql.join(refs('sums', columns))}` : sql``} from sums`;
  const join = columns.map((c) => sql`${sql.ref(`x.${c}`)} is not distinct from ${sql.ref(`s.${c}`)}`);
  const grouped = sql`
    with sums as (
      select f.bucket ${dims.length ? sql`, ${sql.join(dims)}` : sql``}, sum(f.received_n) received, sum(f.decided_n) decided
        ${keyed ? sql`, sum(f.received_k) received_k, sum(f.decided_k) decided_k` : sql``}
      from ${flows} f group by ${sql.join([sql.ref('f.bucket'), ...dims])}
    ),
    dense as (
      select x.* , coalesce(s.received, 0) received, coalesce(s.decided, 0) decided
        ${keyed ? sql`, coalesce(s.received_k, 0) received_k, coalesce(s.decided_k, 0) decided_k` : sql``}
      from (${grid}) x left join sums s on s.bucket = x.bucket ${join.length ? sql`and ${sql.join(join, sql` and `)}` : sql``}
    ),
    balances as (
      select d.*, sum(d.received - d.decided) over (${partitionBy('d', columns)} order by d.bucket) as open_end
        ${keyed ? sql`, sum(d.received_k - d.decided_k) over (${partitionBy('d', columns)} order by d.bucket) as open_end_k` : sql``}
      from dense d
    )
    select o.bucket ${columns.length ? sql`, ${sql.join(refs('o', columns))}` : sql``},
           ${sql.join(valueColumns(definitions, (d) => d.value(context)))}, o.open_end::bigint as support
           ${keyed ? sql`, ${openBalanceCellCounts()} as cell_counts` : sql``}
    from (select b.*, b.open_end - (b.received - b.decided) as open_start
            ${keyed ? sql`, b.open_end_k - (b.received_k - b.decided_k) as open_start_k` : sql``} from balances b) o`;
  const shown = grain ? ranges : null;
  return finish(grouped, request, grain, shown, { values: definitions.length, coverage });
}

/** The fact_figure column of a dimension a figure metric is grouped by (the catalogue only offers ones that have one). */
function figureColumn(d: AttributeDimension): CellDimension {
  const column = ATTRIBUTES[d].figureColumn;
  if (column === null) throw new Error(`dimension ${d} has no column in the published figures`);
  return column as CellDimension;
}

function figureQuery(db: Kysely<Database>, definitions: readonly FigureMetric[], request: MetricRequest): RawBuilder<ComputedRow> {
  const definition = definitions[0] as FigureMetric;
  const pinned = attributeDimensions(request.by).map(figureColumn);
  const w = request.where;
  const where: Partial<Record<CellDimension, readonly (string | null)[]>> = {};
  for (const d of definition.dimensions) {
    if (isTimeDimension(d)) continue;
    const values = w[ATTRIBUTES[d].key];
    if (values) where[figureColumn(d)] = values;
  }
  const cellColumns = [...pinned];
  for (const [column, values] of Object.entries(definition.defaults) as [CellDimension, readonly (string | null)[]][]) {
    if (pinned.includes(column) || where[column]) continue;
    where[column] = values;
    if (values.length > 1) cellColumns.push(column);
  }
  let headline = headlineFigures(db, {
    measures: [...new Set(definitions.flatMap((d) => d.measures))],
    pinned: cellColumns,
    where,
    free: definition.free.filter((c) => !cellColumns.includes(c as CellDimension)),
  });
  // Grouped by a dimension, the rows are its members; a published total (null member) is not one of them.
  for (const column of pinned) headline = headline.where(`fact_figure.${column}`, 'is not', null);
  const years = w.year;
  if (years) headline = headline.where((eb) => inList(eb, 'fact_figure.year', years));
  if (w.from) headline = headline.where('fact_figure.year', '>=', Number(w.from.slice(0, 4)));
  if (w.to) headline = headline.where('fact_figure.year', '<=', Number(w.to.slice(0, 4)));
  const cells = attributeDimensions(request.by).map((d) => sql`${sql.ref(`h.${figureColumn(d)}`)} as ${sql.ref(ATTRIBUTES[d].column)}`);
  const grouped = sql`
    select make_date(h.year, 1, 1) as bucket ${cells.length ? sql`, ${sql.join(cells)}` : sql``},
           ${sql.join([...valueColumns(definitions, (d) => d.value()), ...countSelections(definition.counts, { nationalWindow: sql``, monthsPerBucket: 1 })])}, count(*)::bigint as support,
           ${sql.join(definitions.map((d, i) => sql`count(*) filter (where h.measure in (${sql.join(d.measures)}))::integer as ${sql.ref(`inputs_${i}`)}`))}
    from (${headline}) h
    group by ${sql.join([sql.ref('h.year'), ...attributeDimensions(request.by).map((d) => sql.ref(`h.${figureColumn(d)}`))])}`;
  return finish(grouped, request, request.by.includes('YEAR') ? 'YEAR' : null, null, {
    values: definitions.length,
    coverage: null,
    counts: countColumnNames(definition.counts),
    inputs: true,
  });
}

/** Definitions that can share one statement: same kind, and for published figures the same cell rules. */
function compatible(a: MetricDefinition, b: MetricDefinition): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'figure' && b.kind === 'figure') {
    return JSON.stringify(a.defaults) === JSON.stringify(b.defaults) && JSON.stringify(a.free) === JSON.stringify(b.free);
  }
  return true;
}

/**
 * The SQL a metric request runs (exported so tests and the benchmark can inspect and time exactly it). Further
 * definitions of a compatible kind are computed in the same statement, as columns also_1, also_2…
 */
export function metricQuery(
  db: Kysely<Database>,
  definition: MetricDefinition,
  request: MetricRequest,
  also: readonly MetricDefinition[] = [],
): RawBuilder<ComputedRow> {
  for (const d of [definition, ...also]) validateMetricRequest(d, request);
  if (!also.every((d) => compatible(definition, d)))
    throw new Error(`metrics ${[definition, ...also].map((d) => d.name).join(', ')} cannot share a statement`);
  switch (definition.kind) {
    case 'case_flow':
      return caseFlowQuery([definition, ...(also as CaseFlowMetric[])], request);
    case 'open_balance':
      return openBalanceQuery([definition, ...(also as OpenBalanceMetric[])], request);
    case 'figure':
      return figureQuery(db, [definition, ...(also as FigureMetric[])], request);
  }
}

/** Splits definitions into groups that can each share one statement. */
export function shareableGroups(definitions: readonly MetricDefinition[]): MetricDefinition[][] {
  const groups: MetricDefinition[][] = [];
  for (const d of definitions) {
    const group = groups.find((g) => compatible(g[0] as MetricDefinition, d));
    if (group) group.push(d);
    else groups.push([d]);
  }
  return groups;
}

/**
 * Why a computed value is null: outside the coverage; for case facts no case in the cell, else a zero denominator;
 * for published figures an input no report printed, else a zero denominator.
 */
function nullReasonOf(definition: MetricDefinition, value: number | null, row: ComputedRow, index: number): NullReason | null {
  if (row.outside) return 'OUTSIDE_COVERAGE';
  if (value !== null) return null;
  if (definition.kind === 'figure') {
    // The figures of this metric's own measures in the cell (others computed alongside may be there without them).
    const present = Number(row[`inputs_${index}`] ?? 0);
    return present < (definition.inputs ?? definition.measures.length) ? 'NOT_PUBLISHED' : 'DIVISION_BY_ZERO';
  }
  return Number(row.support) === 0 ? 'NO_CASES' : 'DIVISION_BY_ZERO';
}

const toNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const dateText = (v: unknown) => (v instanceof Date ? isoDay(v) : v === null || v === undefined ? null : String(v));

/** Runs a metric request: one SQL statement that filters, groups, computes, orders and pages in the database. */
export async function runMetric(
  db: Kysely<Database>,
  definition: MetricDefinition,
  request: MetricRequest,
  also: readonly MetricDefinition[] = [],
): Promise<MetricResultData> {
  // Statements of case facts depend on the request alone, so are compiled once (metric-statements.ts).
  const remembered = also.length === 0 && definition.kind !== 'figure';
  let { rows } = remembered
    ? await executeRemembered(db, definition, request, () => metricQuery(db, definition, request))
    : await metricQuery(db, definition, request, also).execute(db);
  let totalCount = Number(rows[0]?.total_count ?? 0);
  if (rows.length === 0 && (request.offset > 0 || request.limit === 0)) {
    // Past the last page, or a page of no rows: the count still answers how many rows there are.
    const first = await metricQuery(db, definition, { ...request, offset: 0, limit: 1 }).execute(db);
    totalCount = Number(first.rows[0]?.total_count ?? 0);
    rows = [];
  }
  // What every row shares, computed once: this mapping runs for every row of every page.
  const timed = timeGrain(request.by) !== null;
  const dimensionColumns = attributeDimensions(request.by).map((d) => [d, ATTRIBUTES[d].column] as const);
  const countNames = countColumnNames(definition.counts);
  const cellNames = definition.kind === 'open_balance' ? OPEN_BALANCE_COUNTS : CASE_FLOW_COUNTS;
  return {
    totalCount,
    rows: rows.map((row): MetricRowData => {
      const dims: MetricRowData['dims'] = {};
      for (const [d, column] of dimensionColumns) dims[d] = (row[column] as string | null) ?? null;
      const counts: NonNullable<MetricRowData['counts']> = {};
      for (const c of countNames) counts[c] = toNumber(row[c]);
      const value = toNumber(row.value);
      // A literal, then the cell counts by name: an object spread at its end took V8 ~0.3 µs a row.
      const data: MetricRowData = {
        bucket: timed ? dateText(row.bucket) : null,
        dims,
        value,
        nullReason: nullReasonOf(definition, value, row, 0),
        support: Number(row.support),
        counts,
        previous: toNumber(row.previous),
        previousSupport: toNumber(row.previous_support),
        also: also.map((_, i) => toNumber(row[`also_${i + 1}`])),
        alsoNullReasons: also.map((d, i) => nullReasonOf(d, toNumber(row[`also_${i + 1}`]), row, i + 1)),
      };
      if (request.cellKeys) {
        data.cells = parseCellCounts(cellNames, row.cell_counts);
        data.previousCells = parseCellCounts(cellNames, row.previous_cell_counts);
      }
      return data;
    }),
  };
}
