import { sql, type RawBuilder } from 'kysely';
import type { MetricFilter } from './metric-request.js';
import { TRUNC_UNIT, type TimeDimension } from '../dimensions/dimension-registry.js';

/** A half-open date range [from, until) on a metric's anchor date; null ends are open. */
export interface DateRange {
  from: string | null;
  until: string | null;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (text: string, days: number) => iso(new Date(Date.parse(`${text}T00:00:00Z`) + days * 86_400_000));

/**
 * The filter's time constraints as ranges: `year` becomes one range per run of consecutive years (so an index on the
 * date serves it), intersected with from/to.
 */
export function anchorRanges(where: MetricFilter): DateRange[] {
  const bound: DateRange = { from: where.from ?? null, until: where.to ? addDays(where.to, 1) : null };
  if (!where.year || where.year.length === 0) return [bound];
  const years = [...new Set(where.year)].sort((a, b) => a - b);
  const runs: DateRange[] = [];
  let start = years[0] as number;
  let previous = start;
  for (const year of [...years.slice(1), Number.NaN]) {
    if (year === previous + 1) {
      previous = year;
      continue;
    }
    runs.push({ from: `${start}-01-01`, until: `${previous + 1}-01-01` });
    start = year;
    previous = year;
  }
  return runs
    .map((r) => ({
      from: bound.from && bound.from > (r.from as string) ? bound.from : r.from,
      until: bound.until && bound.until < (r.until as string) ? bound.until : r.until,
    }))
    .filter((r) => !r.from || !r.until || r.from < r.until);
}

/** The same ranges reaching one period further back, so that the first bucket has a previous one to compare with. */
export function widenOnePeriodBack(ranges: DateRange[], grain: TimeDimension): DateRange[] {
  return ranges.map((r) => {
    if (!r.from) return r;
    const d = new Date(`${r.from}T00:00:00Z`);
    if (grain === 'YEAR') d.setUTCFullYear(d.getUTCFullYear() - 1);
    else if (grain === 'QUARTER') d.setUTCMonth(d.getUTCMonth() - 3);
    else if (grain === 'MONTH') d.setUTCMonth(d.getUTCMonth() - 1);
    else d.setUTCDate(d.getUTCDate() - 7);
    return { from: iso(d), until: r.until };
  });
}

/** Drops lower bounds: open balances are cumulative from the first case on. */
export function withoutLowerBound(ranges: DateRange[]): DateRange[] {
  const until = ranges.some((r) => r.until === null)
    ? null
    : (ranges
        .map((r) => r.until as string)
        .sort()
        .at(-1) ?? null);
  return [{ from: null, until }];
}

/** `anchor` within any of the ranges, as SQL; true when unconstrained. */
export function anchorCondition(anchor: RawBuilder<unknown>, ranges: DateRange[]): RawBuilder<boolean> {
  if (ranges.length === 0) return sql<boolean>`false`;
  const parts = ranges.map((r) => {
    const lower = r.from ? sql`${anchor} >= ${r.from}::date` : sql`true`;
    const upper = r.until ? sql`${anchor} < ${r.until}::date` : sql`true`;
    return sql`(${lower} and ${upper})`;
  });
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The bucket a date falls in, or a constant when no time dimension is asked for. */
export function bucketExpression(anchor: RawBuilder<unknown>, grain: TimeDimension | null): RawBuilder<string | null> {
  return grain ? sql<string>`date_trunc(${TRUNC_UNIT[grain]}, ${anchor})::date` : sql<null>`null::date`;
}

/** True when every range starts and ends on a month boundary (the monthly rollups can answer it). */
export function monthAligned(ranges: DateRange[]): boolean {
  return ranges.every((r) => (!r.from || r.from.endsWith('-01')) && (!r.until || r.until.endsWith('-01')));
}
