import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/**
 * A seeded random stream (pure-rand's xoroshiro128+). Every cell, year and stratum of the generator draws from a
 * stream of its own, derived from the run's seed and the stratum's name: the draws of one stratum do not depend on
 * how many draws another made, so a change in one case type never reshuffles the others.
 */
export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [from, to] (both included). */
  int(from: number, to: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** An index drawn with the given weights (need not sum to 1). */
  pick(weights: readonly number[]): number;
}

/** FNV-1a over the key, mixed with the seed: a stable 32-bit seed per named stream. */
function streamSeed(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

export function randomStream(seed: number, ...key: readonly (string | number)[]): RandomStream {
  const rng = xoroshiro128plus(streamSeed(seed, key.join('/')));
  const next = () => uniformFloat64(rng);
  return {
    next,
    int: (from, to) => from + Math.floor(next() * (to - from + 1)),
    chance: (p) => next() < p,
    pick: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let u = next() * total;
      for (let i = 0; i < weights.length; i++) {
        u -= weights[i] ?? 0;
        if (u < 0) return i;
      }
      return weights.length - 1;
    },
  };
}
