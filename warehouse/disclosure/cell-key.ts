import { RECORD_KEY_MODULUS } from './record-keys.js';
import { API_PTABLE, type PTable } from './ptable.js';

/**
 * The cell key method's lookup: a cell's key is the fractional part of the sum of its records' keys (here integers
 * mod 2^31, scaled to [0, 1)); the p-table row of the cell's count gives the noise whose key interval holds it. The
 * same records always make the same key, so the same cell always gets the same noise, whichever query shows it.
 */
export function cellKey(keySum: bigint | number | string): number {
  // The key sums of metric cells arrive as exact numbers already mod 2^31 (cell-counts.ts): no BigInt for them.
  if (typeof keySum === 'number' && Number.isSafeInteger(keySum)) {
    return (((keySum % RECORD_KEY_MODULUS) + RECORD_KEY_MODULUS) % RECORD_KEY_MODULUS) / RECORD_KEY_MODULUS;
  }
  const modulus = BigInt(RECORD_KEY_MODULUS);
  const sum = BigInt(keySum);
  return Number(((sum % modulus) + modulus) % modulus) / RECORD_KEY_MODULUS;
}

/** The noise a cell of `count` records with this cell key gets. */
export function cellNoise(count: number, key: number, table: PTable = API_PTABLE): number {
  const row = table.row(count);
  for (const entry of row) if (key >= entry.lower && key < entry.upper) return entry.noise;
  return (row[row.length - 1] as { noise: number }).noise;
}

/** The perturbed count the public role sees. */
export function perturbCount(count: number, keySum: bigint | number | string, table: PTable = API_PTABLE): number {
  if (count <= 0) return 0;
  return count + cellNoise(count, cellKey(keySum), table);
}
