import { isTimeDimension, timeGrain, type Dimension } from '../dimensions/dimension-registry.js';
import { MONTHS_PER_BUCKET } from '../metrics/bucket-ranges.js';
import type { CountColumn } from '../metrics/metric-counts.js';
import type { MetricRowData } from '../metrics/metric-request.js';
import { discloseCounts } from './disclose-counts.js';
import { addKeySums, type CellCountName, type CellCounts, type CellCount } from './cell-counts.js';
import { discloseValue, METRIC_DISCLOSURE, type DisclosedValue } from './metric-disclosure.js';

export interface DisclosedRow {
  value: DisclosedValue;
  previous: DisclosedValue;
  /** The counts beside the value, perturbed (disclose-counts.ts). */
  counts: Partial<Record<CountColumn, number | null>>;
}

/** Sums the counts and key sums of several cells: the cell of all their records. */
function mergeCells(cells: readonly (CellCounts | null | undefined)[]): CellCounts {
  const merged = new Map<CellCountName, CellCount>();
  for (const cell of cells) {
    for (const [name, { count, keySum }] of cell ?? []) {
      const before = merged.get(name);
      merged.set(name, { count: (before?.count ?? 0) + count, keySum: addKeySums(before?.keySum ?? 0, keySum) });
    }
  }
  return merged;
}

/**
 * The values the public role sees for the rows of one result (all rows, before paging): every count perturbed by its
 * cell key, every rate rebuilt from perturbed counts, statistics over small cells withheld. `valueOf` picks which
 * computed value of the row belongs to `metric` (the first, or one computed alongside in the same statement).
 */
export function discloseRows(
  metric: string,
  rows: readonly MetricRowData[],
  by: readonly Dimension[],
  valueOf: (row: MetricRowData) => number | null = (row) => row.value,
): DisclosedRow[] {
  const rule = METRIC_DISCLOSURE[metric];
  const grain = timeGrain(by);
  const monthsPerBucket = grain ? MONTHS_PER_BUCKET[grain] : 1;
  let nationalOf: (row: MetricRowData) => CellCounts | null = () => null;
  if (rule?.kind === 'deviation') {
    // The sibling total along the axis: the same bucket and every other dimension, all values of `across` together.
    const others = by.filter((d) => !isTimeDimension(d) && d !== rule.across);
    const key = (row: MetricRowData) => JSON.stringify([row.bucket, ...others.map((d) => row.dims[d] ?? null)]);
    const groups = new Map<string, MetricRowData[]>();
    for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
    const totals = new Map([...groups].map(([k, members]) => [k, mergeCells(members.map((m) => m.cells))]));
    nationalOf = (row) => totals.get(key(row)) ?? null;
  }
  return rows.map((row) => ({
    value: discloseValue(rule, row.cells, valueOf(row), { monthsPerBucket, national: nationalOf(row) }),
    counts: discloseCounts(rule, row.cells, nationalOf(row)),
    // A deviation's previous value would need the previous bucket's siblings: not shown to the public role.
    previous:
      row.previous === null && !row.previousCells
        ? { value: null, suppressed: false }
        : rule?.kind === 'deviation'
          ? { value: null, suppressed: true }
          : discloseValue(rule, row.previousCells, row.previous, { monthsPerBucket }),
  }));
}
