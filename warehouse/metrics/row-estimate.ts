import type { CaseTypeMembers } from '../queries/case-dimension-members.js';
import { anchorRanges } from './anchor-range.js';
import { CASE_FACT_COVERAGE, coverageRange } from './coverage.js';
import { ATTRIBUTES, isTimeDimension, timeGrain, type Dimension } from '../dimensions/dimension-registry.js';
import type { MetricFilter } from './metric-request.js';

const DAYS_PER_BUCKET = { YEAR: 365, QUARTER: 91, MONTH: 30, WEEK: 7 } as const;

/** Time buckets of the asked period, cut to the case facts' coverage (one when not grouped by time). */
function bucketCount(by: readonly Dimension[], where: MetricFilter): number {
  const grain = timeGrain(by);
  if (!grain) return 1;
  const cover = coverageRange(CASE_FACT_COVERAGE);
  const days = anchorRanges(where).reduce((sum, r) => {
    const from = Date.parse(`${r.from ?? cover.from}T00:00:00Z`);
    const until = Date.parse(`${r.until ?? cover.until}T00:00:00Z`);
    return sum + Math.max(0, (until - from) / 86_400_000);
  }, 0);
  return Math.max(1, Math.ceil(days / DAYS_PER_BUCKET[grain]) + 1);
}

/**
 * The most rows a grouping of the case facts can produce, before anything runs: time buckets × the sum over the
 * asked case types of the product of the members each grouped dimension has with that case type (cut to the filter).
 * An upper bound — not every combination occurs — but a tight one, since members are counted per case type
 * (regions only for asylum, each case type's own nationalities).
 */
export function estimateRows(by: readonly Dimension[], where: MetricFilter, members: CaseTypeMembers): number {
  const caseTypes = where.caseType ?? [...members.keys()];
  let rows = 0;
  for (const caseType of caseTypes) {
    let combinations = 1;
    for (const d of by) {
      if (isTimeDimension(d) || d === 'CASE_TYPE') continue;
      const known = members.get(caseType)?.get(d) ?? [];
      const filter = where[ATTRIBUTES[d].key];
      const count = filter ? known.filter((code) => filter.includes(code)).length : known.length;
      // A dimension a case type does not hold groups all its cases under null: one row.
      combinations *= Math.max(1, count);
    }
    rows += combinations;
  }
  return rows * bucketCount(by, where);
}
