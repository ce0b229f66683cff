import { sql, type RawBuilder } from 'kysely';
import type { DateRange } from './anchor-range.js';
import { TRUNC_UNIT, type TimeDimension } from './dimensions.js';

/** A bucket (its first day) overlaps one of the ranges: it ends after a range starts and starts before it ends. */
export function bucketOverlaps(bucket: RawBuilder<unknown>, grain: TimeDimension, ranges: DateRange[]): RawBuilder<boolean> {
  if (ranges.length === 0) return sql<boolean>`false`;
  const step = sql.raw(`interval '1 ${TRUNC_UNIT[grain]}'`);
  const parts = ranges.map((r) => {
    const lower = r.from ? sql`${bucket} + ${step} > ${r.from}::date` : sql`true`;
    const upper = r.until ? sql`${bucket} < ${r.until}::date` : sql`true`;
    return sql`(${lower} and ${upper})`;
  });
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The interval of one bucket, for lag checks and series. */
export function bucketStep(grain: TimeDimension): RawBuilder<unknown> {
  return sql.raw(`interval '1 ${TRUNC_UNIT[grain]}'`);
}

export const MONTHS_PER_BUCKET: Record<TimeDimension, number> = { YEAR: 12, QUARTER: 3, MONTH: 1, WEEK: 7 / 30.4375 };
