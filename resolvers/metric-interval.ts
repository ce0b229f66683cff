import type { IntervalMethod } from '../warehouse/metrics/metric-counts.js';
import { deviationInterval, wilsonInterval } from '../warehouse/metrics/wilson-interval.js';
import type { MetricRow } from '../schema/metric-result.type.js';

/** Deviation metrics are in percentage points; their counts are proportions. */
const POINTS = 100;

/**
 * Adds the 95 % interval to a row from the counts the row shows. Applied after disclosure control, so that whatever
 * counts a role is shown (exact, or perturbed for the public role) are the counts its interval rests on; a row whose
 * value is null (suppressed, no cases, outside the coverage) gets no interval, and its nullReason says why.
 */
export function withInterval(row: MetricRow, method: IntervalMethod): MetricRow {
  const blank = { ...row, lower: null, upper: null, significant: null };
  if (method === null || row.value === null || row.numerator === null || row.denominator === null) return blank;
  if (method === 'wilson') {
    const interval = wilsonInterval(row.numerator, row.denominator);
    return interval ? { ...blank, ...interval } : blank;
  }
  if (row.referenceNumerator === null || row.referenceDenominator === null) return blank;
  const interval = deviationInterval(row.numerator, row.denominator, row.referenceNumerator, row.referenceDenominator);
  if (!interval) return blank;
  const lower = interval.lower * POINTS;
  const upper = interval.upper * POINTS;
  return { ...blank, lower, upper, significant: lower > 0 || upper < 0 };
}
