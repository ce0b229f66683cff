/**
 * Record keys for the cell key method (see docs/disclosure-control.md): every case carries a fixed pseudo-random
 * integer, uniform in [0, 2^31), derived from the run's seed and the case id alone, so that the same seed always
 * gives every case the same key however the generator's other draws change. Keys are integers so that their sums
 * are exact and independent of summation order (a float sum could differ between the rollups and the base facts).
 */
export const RECORD_KEY_MODULUS = 2 ** 31;

/** murmur3's 32-bit finaliser: a bijection with full avalanche. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function recordKey(seed: number, caseId: number): number {
  let h = mix32((seed ^ 0x5bd1e995) >>> 0);
  h = mix32((h ^ (caseId >>> 0)) >>> 0);
  h = mix32((h ^ Math.floor(caseId / 2 ** 32)) >>> 0);
  return h % RECORD_KEY_MODULUS;
}
