import { discloseRows, type DisclosedRow } from './disclose-rows.js';
import { perturbed } from './metric-disclosure.js';
import { isTimeDimension, type Dimension } from '../dimensions/dimension-registry.js';
import type { MetricRowData, OrderField } from '../metrics/metric-request.js';

/**
 * Disclosure control for aggregates from case-level facts, shown to the public role: the cell key method
 * (docs/disclosure-control.md). Every count is perturbed by the noise its cell key selects in the p-table, rates are
 * rebuilt from perturbed counts, and means, medians and percentiles over small cells are withheld. The same cell gets
 * the same noise in every query, so differencing two answers no longer discloses the records between them; the
 * suppression rules used before (small cells, their complements and secondary cells) are retired for it.
 */
export interface ControlledRow {
  row: MetricRowData;
  suppressed: boolean;
}

/**
 * The rows of a result as the public role sees them: values and previous values replaced by their disclosed ones.
 * A case-flow group exists only where it has cases, so a row whose flows all perturb to 0 is left out: shown, it would
 * tell an empty-looking group (1–4 cases) from one that does not exist.
 */
export function controlRows(metric: string, rows: readonly MetricRowData[], by: readonly Dimension[]): ControlledRow[] {
  const disclosed = discloseRows(metric, rows, by);
  return rows.flatMap((row, i) => {
    const { value, previous, counts } = disclosed[i] as DisclosedRow;
    const flows = row.cells?.has('received_n') ? perturbed(row.cells, ['received_n']) + perturbed(row.cells, ['decided_n']) : null;
    if (flows === 0) return [];
    // Only the counts the catalogue puts beside this metric, each as disclosed (null where the rule has none).
    const shownCounts = row.counts && Object.fromEntries(Object.keys(row.counts).map((c) => [c, counts[c as keyof typeof counts] ?? null]));
    // Object.assign onto a copy, not a spread with more properties: that is slow on Node 20, and this runs per row.
    const shown = Object.assign(Object.assign({}, row), { value: value.value, previous: previous.value, previousSupport: null, counts: shownCounts });
    return [{ row: shown, suppressed: value.suppressed }];
  });
}

/** The request's order without its VALUE terms: the database must not order by true values for the public role. */
export function orderWithoutValue<T extends { field: OrderField }>(orderBy: readonly T[]): T[] {
  return orderBy.filter((o) => o.field !== 'VALUE');
}

/**
 * Re-sorts rows that the database ordered by the request's order without VALUE: within each run of rows equal on the
 * terms before the first VALUE term (contiguous, since the database ordered by them first), a stable sort on the
 * disclosed value; ties keep the database's order (the remaining terms, then the group key), never the true value.
 * Withheld values sort last; other nulls first ascending and last descending, as in SQL.
 */
export function orderByDisclosedValue(
  rows: readonly ControlledRow[],
  orderBy: readonly { field: OrderField; descending: boolean }[],
): ControlledRow[] {
  const first = orderBy.findIndex((o) => o.field === 'VALUE');
  if (first < 0) return [...rows];
  const descending = (orderBy[first] as { descending: boolean }).descending;
  const prefix = orderBy.slice(0, first).map((o) => o.field as Dimension);
  const runKey = (r: ControlledRow) => JSON.stringify(prefix.map((d) => (isTimeDimension(d) ? r.row.bucket : (r.row.dims[d] ?? null))));
  const compare = (a: ControlledRow, b: ControlledRow) => {
    if (a.suppressed !== b.suppressed) return a.suppressed ? 1 : -1;
    const x = a.row.value;
    const y = b.row.value;
    if (x === null || y === null) return x === y ? 0 : (x === null) === descending ? 1 : -1;
    return descending ? y - x : x - y;
  };
  const sorted: ControlledRow[] = [];
  for (let start = 0; start < rows.length; ) {
    let end = start + 1;
    while (end < rows.length && runKey(rows[end] as ControlledRow) === runKey(rows[start] as ControlledRow)) end++;
    sorted.push(...rows.slice(start, end).sort(compare));
    start = end;
  }
  return sorted;
}
