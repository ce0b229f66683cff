import type { RandomStream } from './seeded-random.js';

/**
 * Draws exactly `counts[k]` items of each kind k from a sequence of sum(counts) items, one item at a time and
 * without holding the sequence (sequential selection sampling, Knuth's Algorithm S generalised to several kinds):
 * each kind is chosen with probability remaining_k / remaining_total, so every arrangement is equally likely and
 * the totals are exact — which is what makes published counts and rates come out exactly.
 */
export class ExactQuota<K extends string> {
  private readonly kinds: K[];
  private readonly left: number[];
  private total: number;

  constructor(
    counts: ReadonlyArray<readonly [K, number]>,
    private readonly random: RandomStream,
  ) {
    this.kinds = counts.map(([kind]) => kind);
    this.left = counts.map(([, count]) => Math.max(0, count));
    this.total = this.left.reduce((a, b) => a + b, 0);
  }

  get remaining(): number {
    return this.total;
  }

  /** The kind of the next item; throws when more items are drawn than the counts allow. */
  draw(): K {
    if (this.total <= 0) throw new Error('ExactQuota exhausted');
    let u = Math.floor(this.random.next() * this.total);
    for (let i = 0; i < this.left.length; i++) {
      const left = this.left[i] ?? 0;
      if (u < left) {
        this.left[i] = left - 1;
        this.total--;
        return this.kinds[i] as K;
      }
      u -= left;
    }
    throw new Error('ExactQuota inconsistent');
  }
}
