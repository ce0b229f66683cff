import { anchorRanges } from './anchor-range.js';
import { CASE_FACT_COVERAGE, coverageRange } from './coverage.js';
import { ATTRIBUTES, isTimeDimension, timeGrain, type Dimension, type MemberTable } from './dimensions.js';
import type { MetricFilter } from './metric-request.js';

const DAYS_PER_BUCKET = { YEAR: 365, QUARTER: 91, MONTH: 30, WEEK: 7 } as const;

/**
 * The most rows a grouping can produce, from the dimensions' member counts and the filters, before anything runs:
 * time buckets in the asked period (cut to the case facts' coverage) × members of each grouped attribute (or the
 * filtered values). An upper bound: sparse combinations make the real count smaller.
 */
export function estimateRows(by: readonly Dimension[], where: MetricFilter, memberCounts: ReadonlyMap<MemberTable, number>): number {
  let rows = 1;
  const grain = timeGrain(by);
  if (grain) {
    const cover = coverageRange(CASE_FACT_COVERAGE);
    const days = anchorRanges(where).reduce((sum, r) => {
      const from = Date.parse(`${r.from ?? cover.from}T00:00:00Z`);
      const until = Date.parse(`${r.until ?? cover.until}T00:00:00Z`);
      return sum + Math.max(0, (until - from) / 86_400_000);
    }, 0);
    rows *= Math.max(1, Math.ceil(days / DAYS_PER_BUCKET[grain]) + 1);
  }
  for (const d of by) {
    if (isTimeDimension(d)) continue;
    const spec = ATTRIBUTES[d];
    const filtered = where[spec.key];
    const members = spec.members.kind === 'closed' ? spec.members.list.length : memberCounts.get(spec.members.table) ?? 1;
    // A grouped attribute also has a null member (rows outside its scope, e.g. region outside asylum).
    rows *= filtered ? filtered.length : members + 1;
  }
  return rows;
}

/** The open-set tables whose member counts the estimate needs. */
export function tablesToCount(by: readonly Dimension[], where: MetricFilter): MemberTable[] {
  return by.flatMap((d) => {
    if (isTimeDimension(d)) return [];
    const spec = ATTRIBUTES[d];
    return spec.members.kind === 'open' && !where[spec.key] ? [spec.members.table] : [];
  });
}
