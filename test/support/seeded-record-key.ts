import { RECORD_KEY_MODULUS } from '../../warehouse/disclosure/record-keys.js';

/** murmur3's 32-bit finaliser: a bijection with full avalanche. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A deterministic record key for hand-made test rows (the warehouse draws real ones at random when it ingests a
 * case): uniform in [0, 2^31), from a seed and the case id.
 */
export function seededRecordKey(seed: number, caseId: number): number {
  let h = mix32((seed ^ 0x5bd1e995) >>> 0);
  h = mix32((h ^ (caseId >>> 0)) >>> 0);
  h = mix32((h ^ Math.floor(caseId / 2 ** 32)) >>> 0);
  return h % RECORD_KEY_MODULUS;
}
