import { FIRST_YEAR, LAST_YEAR } from '../generator/calendar.js';
import { anchorRanges, type DateRange } from './anchor-range.js';
import { timeGrain } from '../dimensions/dimension-registry.js';
import type { MetricDefinition } from './metric-definition.js';
import { MetricRequestError } from './metric-errors.js';
import type { MetricRequest } from './metric-request.js';

/** The period a basis holds complete facts for: inclusive ISO dates. */
export interface Coverage {
  from: string;
  to: string;
}

/**
 * The case-level facts are complete for the years the generator is calibrated to. Cases received earlier appear only
 * as the stock still open on the first day (it feeds the open balances), so counts before it would be partial.
 */
export const CASE_FACT_COVERAGE: Coverage = { from: `${FIRST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31` };

const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The coverage as a half-open range, as the SQL helpers take it. */
export function coverageRange(coverage: Coverage): DateRange {
  return { from: coverage.from, until: dayAfter(coverage.to) };
}

/** What a request asks of a basis with a coverage: the ranges to compute, and whether some asked buckets lie outside. */
export interface CoveredRequest {
  /** The asked ranges cut to the coverage (the whole coverage when no period is asked). */
  ranges: DateRange[];
  /** The asked ranges as given, where they reach outside the coverage (their buckets answer null), else null. */
  outside: DateRange[] | null;
}

/**
 * Fits a case-fact request to the coverage. No period asked: the coverage. Wholly outside: refused, naming the covered
 * period. Partly outside: grouped by time, the outside buckets answer null (OUTSIDE_COVERAGE); without a time
 * dimension the total would be partial, so it is refused.
 */
export function fitToCoverage(definition: MetricDefinition, request: MetricRequest, coverage: Coverage = CASE_FACT_COVERAGE): CoveredRequest {
  const bounds = coverageRange(coverage);
  const covered = `${coverage.from} to ${coverage.to}`;
  const asked = anchorRanges(request.where);
  // Open ends mean "as far as there are facts": bound them by the coverage.
  const bounded = asked.map((r) => ({ from: r.from ?? bounds.from, until: r.until ?? bounds.until }));
  const inside = bounded
    .map((r) => ({ from: r.from! > bounds.from! ? r.from : bounds.from, until: r.until! < bounds.until! ? r.until : bounds.until }))
    .filter((r) => r.from! < r.until!);
  const details = { metric: definition.name, coverage };
  if (inside.length === 0) {
    throw new MetricRequestError(
      `metric ${definition.name} is computed from the case-level facts, which cover ${covered}; the period asked lies wholly outside it`,
      details,
    );
  }
  const reachesOut = bounded.some((r) => r.from! < bounds.from! || r.until! > bounds.until!);
  if (!reachesOut) return { ranges: inside, outside: null };
  if (!timeGrain(request.by)) {
    throw new MetricRequestError(
      `metric ${definition.name} is computed from the case-level facts, which cover ${covered}; the period asked reaches outside it, so its total would be partial — narrow the period or group by a time dimension`,
      details,
    );
  }
  return { ranges: inside, outside: bounded };
}
