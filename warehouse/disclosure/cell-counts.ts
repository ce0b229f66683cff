import { sql, type RawBuilder } from 'kysely';

/**
 * The counts behind a metric cell, each with the sum of its records' keys, as one bigint[] column (`cell_counts`)
 * beside the value: what the cell key method needs to perturb every count the public role sees, in the same
 * statement (the rollups keep the key sums beside their counts, so this costs no extra scan).
 *
 * Case flows carry the flow counts (received, decided, approved, rejected, within the limit, with a limit, ruled on
 * by the court, changed by it); open balances the balance at the end and start of the bucket and the bucket's flows.
 */
export const CASE_FLOW_COUNTS = [
  'received_n',
  'decided_n',
  'approved_n',
  'rejected_n',
  'within_n',
  'limited_n',
  'court_decided_n',
  'court_changed_n',
] as const;
export const OPEN_BALANCE_COUNTS = ['open_end', 'open_start', 'decided', 'received'] as const;
export type CellCountName = (typeof CASE_FLOW_COUNTS)[number] | (typeof OPEN_BALANCE_COUNTS)[number];

/** The key-sum column of a flow count: received_n → received_k. */
export const keyColumn = (count: (typeof CASE_FLOW_COUNTS)[number]) => count.replace(/_n$/, '_k');

export interface CellCount {
  count: number;
  keySum: bigint;
}
export type CellCounts = ReadonlyMap<CellCountName, CellCount>;

/** The cell_counts column of a grouped case-flow query over flows aliased f: [n, key, n, key, …]. */
export function caseFlowCellCounts(): RawBuilder<unknown> {
  const parts = CASE_FLOW_COUNTS.flatMap((c) => [sql`sum(${sql.ref(`f.${c}`)})`, sql`sum(${sql.ref(`f.${keyColumn(c)}`)})`]);
  return sql`array[${sql.join(parts)}]::bigint[]`;
}

/** The cell_counts column of an open-balance row aliased o (columns open_end, open_start, decided, received and their _k). */
export function openBalanceCellCounts(): RawBuilder<unknown> {
  const parts = OPEN_BALANCE_COUNTS.flatMap((c) => [sql.ref(`o.${c}`), sql.ref(`o.${c}_k`)]);
  return sql`array[${sql.join(parts)}]::bigint[]`;
}

/** Parses a cell_counts value (pg gives bigint[] as strings). */
export function parseCellCounts(names: readonly CellCountName[], raw: unknown): CellCounts | null {
  if (!Array.isArray(raw)) return null;
  const counts = new Map<CellCountName, CellCount>();
  names.forEach((name, i) => {
    counts.set(name, { count: Number(raw[2 * i] ?? 0), keySum: BigInt(String(raw[2 * i + 1] ?? 0)) });
  });
  return counts;
}
