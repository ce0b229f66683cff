import { sql, type RawBuilder } from 'kysely';
import type { DateRange } from './anchor-range.js';
import type { TimeDimension } from '../dimensions/dimension-registry.js';

/** A bucket (its first day) overlaps one of the ranges: it ends after a range starts and starts before it ends. */
export function bucketOverlaps(bucket: RawBuilder<unknown>, grain: TimeDimension, ranges: DateRange[]): RawBuilder<boolean> {
  if (ranges.length === 0) return sql<boolean>`false`;
  const step = bucketStep(grain);
  const parts = ranges.map((r) => {
    const lower = r.from ? sql`${bucket} + ${step} > ${r.from}::date` : sql`true`;
    const upper = r.until ? sql`${bucket} < ${r.until}::date` : sql`true`;
    return sql`(${lower} and ${upper})`;
  });
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** PostgreSQL intervals have no quarter unit: one bucket as an interval literal. */
const BUCKET_INTERVAL: Record<TimeDimension, string> = { YEAR: '1 year', QUARTER: '3 months', MONTH: '1 month', WEEK: '1 week' };

/** The interval of one bucket, for lag checks and series. */
export function bucketStep(grain: TimeDimension): RawBuilder<unknown> {
  return sql.raw(`interval '${BUCKET_INTERVAL[grain]}'`);
}

export const MONTHS_PER_BUCKET: Record<TimeDimension, number> = { YEAR: 12, QUARTER: 3, MONTH: 1, WEEK: 7 / 30.4375 };
