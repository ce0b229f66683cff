import { sql, type RawBuilder } from 'kysely';
import { RECORD_KEY_MODULUS } from './record-keys.js';

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
  /**
   * The sum of the records' keys mod 2^31 as the database sends it (may be negative for an open balance, a difference
   * of sums): all the cell key needs (cell-key.ts), and exact as a number, where the whole sum of a national cell is not.
   */
  keySum: number;
}
export type CellCounts = ReadonlyMap<CellCountName, CellCount>;

/**
 * A key sum as it leaves the database: mod 2^31, so that Node reads it as an exact number instead of a BigInt per
 * count (16 per row of a public answer). PostgreSQL's % keeps the sign of a negative sum; the cell key folds it.
 */
const keySumMod = (sum: RawBuilder<unknown>) => sql`${sum} % ${sql.lit(RECORD_KEY_MODULUS)}`;

/** The cell_counts column of a grouped case-flow query over flows aliased f: [n, key, n, key, …]. */
export function caseFlowCellCounts(): RawBuilder<unknown> {
  const parts = CASE_FLOW_COUNTS.flatMap((c) => [sql`sum(${sql.ref(`f.${c}`)})`, keySumMod(sql`sum(${sql.ref(`f.${keyColumn(c)}`)})`)]);
  return sql`array[${sql.join(parts)}]::bigint[]`;
}

/** The cell_counts column of an open-balance row aliased o (columns open_end, open_start, decided, received and their _k). */
export function openBalanceCellCounts(): RawBuilder<unknown> {
  const parts = OPEN_BALANCE_COUNTS.flatMap((c) => [sql.ref(`o.${c}`), keySumMod(sql.ref(`o.${c}_k`))]);
  return sql`array[${sql.join(parts)}]::bigint[]`;
}

/** Parses a cell_counts value (pg gives bigint[] as strings; every element here is within ±2^53). */
export function parseCellCounts(names: readonly CellCountName[], raw: unknown): CellCounts | null {
  if (!Array.isArray(raw)) return null;
  const counts = new Map<CellCountName, CellCount>();
  names.forEach((name, i) => {
    counts.set(name, { count: Number(raw[2 * i] ?? 0), keySum: Number(raw[2 * i + 1] ?? 0) });
  });
  return counts;
}

/** Two key sums together, kept mod 2^31 so that any number of them stays exact. */
export const addKeySums = (a: number, b: number): number => (a + b) % RECORD_KEY_MODULUS;
