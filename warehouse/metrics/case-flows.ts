import { sql, type RawBuilder } from 'kysely';
import { inListRaw } from '../queries/in-list.js';
import { anchorCondition, bucketExpression, monthAligned, type DateRange } from './anchor-range.js';
import {
  ATTRIBUTES,
  CASE_ATTRIBUTE_DIMENSIONS,
  isTimeDimension,
  type AttributeDimension,
  type Dimension,
  type TimeDimension,
} from '../dimensions/dimension-registry.js';
import type { MetricFilter } from './metric-request.js';
import { CASE_FLOW_COUNTS, keyColumn } from '../disclosure/cell-counts.js';

/**
 * Case flows: every case contributes a "received" row anchored on its received date and, once decided, a "decided"
 * row anchored on its decision date. Metrics are aggregates over these rows, so one metric can mix both (clearance
 * rate = decided / received in the same bucket). The same columns come from the base facts (one row per case and
 * event) or from the monthly rollups (one row per group, with counts).
 */
export const FLOW_COLUMNS = [
  'received_n',
  'decided_n',
  'approved_n',
  'rejected_n',
  'days_sum',
  'within_n',
  'limited_n',
  'court_decided_n',
  'court_changed_n',
] as const;

export interface FlowNeeds {
  received: boolean;
  decided: boolean;
  /** Per-case columns (processing_days for percentiles, court outcomes): only the base facts have them. */
  rowLevel: boolean;
}

/** What the monthly rollups keep (from the registry); anything else needs the base facts. */
const ROLLUP_DIMENSIONS: readonly Dimension[] = ['YEAR', 'QUARTER', 'MONTH', ...CASE_ATTRIBUTE_DIMENSIONS.filter((d) => ATTRIBUTES[d].inRollups)];
/** The attributes of the case facts that the rollups do not hold. */
const ROLLUP_ATTRIBUTES = CASE_ATTRIBUTE_DIMENSIONS.filter((d) => ATTRIBUTES[d].inRollups);

export interface FlowSourceOptions {
  by: readonly Dimension[];
  where: MetricFilter;
  grain: TimeDimension | null;
  ranges: DateRange[];
  needs: FlowNeeds;
  /** Replaces the bucket with this constant date (open balance at the end of the period). */
  constantBucket?: string;
  /** Also the record-key sums of every flow count (warehouse/disclosure/cell-counts.ts), after processing_days. */
  cellKeys?: boolean;
  /** The rollups that may be read (default: all). */
  rollups?: readonly RollupGrain[];
}

export function usesRollup(options: FlowSourceOptions): boolean {
  return rollupGrain(options) !== null;
}

/**
 * The rollups at each grain (warehouse/cases/case-tables.ts, year-rollups.ts): the flows of a request read the
 * coarsest one whose grain its buckets and ranges align with. The yearly ones answer the catalogue's most asked
 * groupings (by year, or over whole years) from a tenth of the monthly rows, with the bucket stored.
 */
const ROLLUPS = {
  year: { received: sql`cases.received_year`, decided: sql`cases.decided_year`, anchor: 'year', bucketGrain: 'YEAR' },
  month: { received: sql`cases.received_month`, decided: sql`cases.decided_month`, anchor: 'month', bucketGrain: 'MONTH' },
} as const;
export type RollupGrain = keyof typeof ROLLUPS;
export const ROLLUP_GRAINS = Object.keys(ROLLUPS) as RollupGrain[];

const yearAligned = (ranges: readonly DateRange[]) =>
  ranges.every((r) => (r.from === null || r.from.endsWith('-01-01')) && (r.until === null || r.until.endsWith('-01-01')));

/** Which rollup can answer the flows (null: only the base facts can). */
export function rollupGrain(options: FlowSourceOptions): RollupGrain | null {
  if (options.needs.rowLevel) return null;
  if (!options.by.every((d) => ROLLUP_DIMENSIONS.includes(d))) return null;
  const filtered = CASE_ATTRIBUTE_DIMENSIONS.filter((d) => options.where[ATTRIBUTES[d].key] !== undefined);
  if (!filtered.every((d) => ROLLUP_DIMENSIONS.includes(d))) return null;
  if (!monthAligned(options.ranges)) return null;
  const allowed = options.rollups ?? ROLLUP_GRAINS;
  if (allowed.includes('year') && (options.grain === null || options.grain === 'YEAR') && yearAligned(options.ranges)) return 'year';
  return allowed.includes('month') ? 'month' : null;
}

function dimensionConditions(alias: string, where: MetricFilter, dimensions: readonly AttributeDimension[]): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  for (const d of dimensions) {
    const values = where[ATTRIBUTES[d].key];
    if (values === undefined) continue;
    conditions.push(inListRaw(`${alias}.${ATTRIBUTES[d].column}`, values));
  }
  return conditions;
}

function projectedDimensions(alias: string, by: readonly Dimension[], available: readonly Dimension[]): RawBuilder<unknown>[] {
  return by
    .filter((d): d is AttributeDimension => !isTimeDimension(d))
    .map((d) => {
      const column = ATTRIBUTES[d].column;
      return available.includes(d) ? sql`${sql.ref(`${alias}.${column}`)} as ${sql.ref(column)}` : sql`null::text as ${sql.ref(column)}`;
    });
}

const zeros = (columns: readonly string[]) => columns.map((c) => sql`0::bigint as ${sql.ref(c)}`);

/** The key-sum columns of the flow counts, in CASE_FLOW_COUNTS order: the given expressions, 0 for the others. */
function keyColumns(
  options: FlowSourceOptions,
  given: Partial<Record<(typeof CASE_FLOW_COUNTS)[number], RawBuilder<unknown>>>,
): RawBuilder<unknown>[] {
  if (!options.cellKeys) return [];
  return CASE_FLOW_COUNTS.map((c) => sql`${given[c] ?? sql`0`}::bigint as ${sql.ref(keyColumn(c))}`);
}

function half(
  options: FlowSourceOptions,
  parts: {
    from: RawBuilder<unknown>;
    alias: string;
    anchor: string;
    values: RawBuilder<unknown>[];
    extra?: RawBuilder<boolean>;
    available: readonly Dimension[];
    /** The grain of the rollup read, whose anchor column is the bucket itself at that grain. */
    bucketGrain?: TimeDimension;
  },
): RawBuilder<unknown> {
  const anchor = sql.ref(`${parts.alias}.${parts.anchor}`);
  // A rollup of the bucket's own grain stores the bucket: no truncation per row.
  const bucket = options.constantBucket
    ? sql`${options.constantBucket}::date`
    : parts.bucketGrain && parts.bucketGrain === options.grain
      ? sql`${anchor}`
      : bucketExpression(anchor, options.grain);
  const conditions = [
    anchorCondition(anchor, options.ranges),
    ...dimensionConditions(
      parts.alias,
      options.where,
      CASE_ATTRIBUTE_DIMENSIONS.filter((d) => parts.available.includes(d)),
    ),
    ...(parts.extra ? [parts.extra] : []),
  ];
  return sql`select ${bucket} as bucket, ${sql.join([...projectedDimensions(parts.alias, options.by, parts.available), ...parts.values])}
    from ${parts.from} where ${sql.join(conditions, sql` and `)}`;
}

/** The flows as a subquery with columns bucket, the asked dimensions, FLOW_COLUMNS and processing_days. */
export function caseFlows(options: FlowSourceOptions): RawBuilder<unknown> {
  const halves: RawBuilder<unknown>[] = [];
  // The processing limit of the case's segment, else of its type (null: no limit, so no decision counts as within one).
  const limit = sql`coalesce(sl.limit_days, t.statutory_limit_days)`;
  const withLimit = (table: RawBuilder<unknown>) => sql`${table} f
    left join public.dim_case_type t on t.code = f.case_type
    left join public.dim_segment_limit sl on sl.case_type = f.case_type and sl.segment = f.segment`;
  const grain = rollupGrain(options);
  if (grain) {
    const rollup = ROLLUPS[grain];
    if (options.needs.received) {
      halves.push(
        half(options, {
          from: sql`${rollup.received} f`,
          alias: 'f',
          anchor: rollup.anchor,
          bucketGrain: rollup.bucketGrain,
          available: ROLLUP_ATTRIBUTES.filter((d) => d !== 'OUTCOME'),
          extra: options.where.outcome ? sql<boolean>`false` : undefined,
          values: [
            sql`f.received::bigint as received_n`,
            ...zeros(FLOW_COLUMNS.slice(1)),
            sql`null::integer as processing_days`,
            ...keyColumns(options, { received_n: sql`f.received_key` }),
          ],
        }),
      );
    }
    if (options.needs.decided) {
      halves.push(
        half(options, {
          from: withLimit(rollup.decided),
          alias: 'f',
          anchor: rollup.anchor,
          bucketGrain: rollup.bucketGrain,
          available: ROLLUP_ATTRIBUTES,
          values: [
            sql`0::bigint as received_n`,
            sql`f.decided as decided_n`,
            sql`case when f.outcome = 'approved' then f.decided else 0 end as approved_n`,
            sql`case when f.outcome = 'rejected' then f.decided else 0 end as rejected_n`,
            sql`f.processing_days_sum as days_sum`,
            sql`f.within_limit as within_n`,
            sql`case when ${limit} is not null then f.decided else 0 end as limited_n`,
            ...zeros(['court_decided_n', 'court_changed_n']),
            sql`null::integer as processing_days`,
            ...keyColumns(options, {
              decided_n: sql`f.decided_key`,
              approved_n: sql`case when f.outcome = 'approved' then f.decided_key else 0 end`,
              rejected_n: sql`case when f.outcome = 'rejected' then f.decided_key else 0 end`,
              within_n: sql`f.within_key`,
              limited_n: sql`case when ${limit} is not null then f.decided_key else 0 end`,
            }),
          ],
        }),
      );
    }
  } else {
    const all: readonly Dimension[] = CASE_ATTRIBUTE_DIMENSIONS;
    if (options.needs.received) {
      halves.push(
        half(options, {
          from: sql`cases.case_fact f`,
          alias: 'f',
          anchor: 'received_date',
          available: all,
          values: [
            sql`1::bigint as received_n`,
            ...zeros(FLOW_COLUMNS.slice(1)),
            sql`null::integer as processing_days`,
            ...keyColumns(options, { received_n: sql`f.record_key` }),
          ],
        }),
      );
    }
    if (options.needs.decided) {
      halves.push(
        half(options, {
          from: withLimit(sql`cases.case_fact`),
          alias: 'f',
          anchor: 'decision_date',
          available: all,
          extra: sql<boolean>`f.decision_date is not null`,
          values: [
            sql`0::bigint as received_n`,
            sql`1::bigint as decided_n`,
            sql`(f.outcome = 'approved')::int::bigint as approved_n`,
            sql`(f.outcome = 'rejected')::int::bigint as rejected_n`,
            sql`f.processing_days::bigint as days_sum`,
            sql`coalesce((f.processing_days <= ${limit})::int, 0)::bigint as within_n`,
            sql`(${limit} is not null)::int::bigint as limited_n`,
            sql`(f.court_outcome is not null)::int::bigint as court_decided_n`,
            sql`(f.court_outcome = 'changed')::int::bigint as court_changed_n`,
            sql`f.processing_days as processing_days`,
            ...keyColumns(options, {
              decided_n: sql`f.record_key`,
              approved_n: sql`case when f.outcome = 'approved' then f.record_key else 0 end`,
              rejected_n: sql`case when f.outcome = 'rejected' then f.record_key else 0 end`,
              within_n: sql`case when f.processing_days <= ${limit} then f.record_key else 0 end`,
              limited_n: sql`case when ${limit} is not null then f.record_key else 0 end`,
              court_decided_n: sql`case when f.court_outcome is not null then f.record_key else 0 end`,
              court_changed_n: sql`case when f.court_outcome = 'changed' then f.record_key else 0 end`,
            }),
          ],
        }),
      );
    }
  }
  return sql`(${sql.join(halves, sql` union all `)})`;
}
