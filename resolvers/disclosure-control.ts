import { isTimeDimension, type Dimension } from '../warehouse/metrics/dimensions.js';
import type { MetricRowData } from '../warehouse/metrics/metric-request.js';

/** Cells resting on fewer cases than this are not shown to the public role. */
export const MIN_CELL_SIZE = 5;

/**
 * Disclosure control for aggregates from case-level facts, shown to the public role. The rule, applied to all rows
 * of a result before it is paged:
 *
 * 1. Primary: a cell resting on 1–4 cases is suppressed.
 * 2. Complement: along each grouped dimension, the sibling cells (equal in every other dimension and period) add up
 *    to a parent total that another query can show; a cell whose siblings together hold 1–4 cases is suppressed,
 *    since the parent minus it would disclose them.
 * 3. Secondary: along each grouped dimension, a sibling group with exactly one suppressed cell also loses its
 *    smallest other non-empty cell, so that the parent total minus the shown cells does not disclose the suppressed one.
 *
 * Rules 2–3 repeat until nothing changes. Returns, per row, whether it is suppressed.
 */
export function suppressSmallCells(rows: readonly MetricRowData[], by: readonly Dimension[]): boolean[] {
  const suppressed = rows.map((r) => r.support > 0 && r.support < MIN_CELL_SIZE);
  const axes: (Dimension | 'PERIOD')[] = [...by.filter((d) => !isTimeDimension(d)), ...(by.some(isTimeDimension) ? ['PERIOD' as const] : [])];
  const keyWithout = (row: MetricRowData, axis: Dimension | 'PERIOD') =>
    JSON.stringify([axis === 'PERIOD' ? null : row.bucket, ...by.filter((d) => !isTimeDimension(d) && d !== axis).map((d) => row.dims[d] ?? null)]);

  for (let changed = true; changed; ) {
    changed = false;
    for (const axis of axes) {
      const groups = new Map<string, number[]>();
      rows.forEach((row, i) => groups.set(keyWithout(row, axis), [...(groups.get(keyWithout(row, axis)) ?? []), i]));
      for (const members of groups.values()) {
        if (members.length < 2) continue;
        const parent = members.reduce((sum, i) => sum + (rows[i] as MetricRowData).support, 0);
        for (const i of members) {
          const rest = parent - (rows[i] as MetricRowData).support;
          if (!suppressed[i] && rest > 0 && rest < MIN_CELL_SIZE) {
            suppressed[i] = true;
            changed = true;
          }
        }
        const hidden = members.filter((i) => suppressed[i]);
        if (hidden.length === 1) {
          const candidates = members.filter((i) => !suppressed[i] && (rows[i] as MetricRowData).support > 0);
          const smallest = candidates.sort((a, b) => (rows[a] as MetricRowData).support - (rows[b] as MetricRowData).support)[0];
          if (smallest !== undefined) {
            suppressed[smallest] = true;
            changed = true;
          }
        }
      }
    }
  }
  return suppressed;
}

/**
 * The same rule for one count shown beside its parent total (a typed domain field split by segment or sex): hidden
 * when it rests on 1–4 cases, or when the parent minus it does.
 */
export function suppressCount(count: number | null, parent: number | null): boolean {
  if (count === null) return false;
  if (count > 0 && count < MIN_CELL_SIZE) return true;
  const rest = parent === null ? 0 : parent - count;
  return rest > 0 && rest < MIN_CELL_SIZE;
}
