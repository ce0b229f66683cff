import type { MetricCell } from '../loaders/metric-cell-loaders.js';
import type { MetricName } from '../warehouse/metrics/catalog.js';
import type { NullReason } from '../warehouse/metrics/null-reason.js';
import type { FieldNullReason } from '../schema/field-null-reason.type.js';

/** A typed field's value and where it comes from: a catalogue metric of the year's cell, or a published measure. */
export type FieldSource =
  | { value: number | null; metric: MetricName }
  | { value: number | null; published: true }
  | { value: number | null; suppressed: true };

/**
 * The reasons for the null fields of one typed year. A metric's own reason where the cell was computed; a year the
 * basis does not hold at all (only published) is `absent`: OUTSIDE_COVERAGE for the case facts, NOT_PUBLISHED for
 * published figures; a published-only field that no report printed is NOT_PUBLISHED.
 */
export function fieldNullReasons(cell: MetricCell | undefined, fields: Record<string, FieldSource>, absent: NullReason): FieldNullReason[] {
  const reasons: FieldNullReason[] = [];
  for (const [field, source] of Object.entries(fields)) {
    if (source.value !== null) continue;
    let reason: NullReason;
    if ('suppressed' in source) reason = 'SUPPRESSED';
    else if ('published' in source) reason = 'NOT_PUBLISHED';
    else reason = cell ? (cell.reasons.get(source.metric) ?? absent) : absent;
    reasons.push({ field, reason });
  }
  return reasons;
}
