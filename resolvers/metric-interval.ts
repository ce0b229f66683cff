import type { IntervalMethod } from '../warehouse/metrics/metric-counts.js';
import { deviationInterval, wilsonInterval } from '../warehouse/metrics/wilson-interval.js';
import type { MetricRow } from '../schema/metric-result.type.js';

/** Deviation metrics are in percentage points; their counts are proportions. */
const POINTS = 100;

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));

/**
 * Adds the 95 % interval to a row from the counts the row shows. Applied after disclosure control, so that whatever
 * counts a role is shown (exact, or perturbed for the public role) are the counts its interval rests on; a row whose
 * value is null (suppressed, no cases, outside the coverage) gets no interval, and its nullReason says why.
 */
export function withInterval(row: MetricRow, method: IntervalMethod): MetricRow {
  // The row is toRow's own, made for this answer: filled in place, by name (an Object.assign per row was measurable).
  row.lower = null;
  row.upper = null;
  row.significant = null;
  if (method === null || row.value === null || row.numerator === null || row.denominator === null) return row;
  // Perturbed counts (public role) may pass their bounds (x > n): they are clamped as the disclosed rate is.
  const n = Math.max(row.denominator, 0);
  const x = clamp(row.numerator, 0, n);
  if (method === 'wilson') {
    const interval = wilsonInterval(x, n);
    if (interval) fillInterval(row, interval.lower, interval.upper, null);
    return row;
  }
  if (row.referenceNumerator === null || row.referenceDenominator === null) return row;
  const wholeN = Math.max(row.referenceDenominator, n);
  const interval = deviationInterval(x, n, clamp(row.referenceNumerator, x, x + wholeN - n), wholeN);
  if (!interval) return row;
  const lower = interval.lower * POINTS;
  const upper = interval.upper * POINTS;
  fillInterval(row, lower, upper, lower > 0 || upper < 0);
  return row;
}

function fillInterval(row: MetricRow, lower: number, upper: number, significant: boolean | null): void {
  row.lower = lower;
  row.upper = upper;
  row.significant = significant;
}
