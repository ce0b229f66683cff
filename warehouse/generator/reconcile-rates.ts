/**
 * Published rates are rounded (whole percent, whole days) at every level of a table: women, men and "Totalt", each
 * segment and the case type's total. Hitting each leaf (segment × sex) exactly at its printed value can leave the
 * weighted total more than the tolerance away from the printed total. This solver moves the leaf values within
 * their own rounding band until every printed aggregate is met as well — a feasible point exists, since the true
 * unrounded values are one.
 */
export interface RateLeaf {
  value: number;
  /** Bounds the value must stay in: the printed value ± less than the tolerance, or wide when nothing is printed. */
  lo: number;
  hi: number;
  weight: number;
}

export interface RateConstraint {
  target: number;
  leaves: readonly RateLeaf[];
}

function weightedMean(leaves: readonly RateLeaf[]): number | null {
  let w = 0;
  let s = 0;
  for (const leaf of leaves) {
    w += leaf.weight;
    s += leaf.weight * leaf.value;
  }
  return w > 0 ? s / w : null;
}

/** Adjusts the leaves in place so that each constraint's weighted mean is within `band` of its target. */
export function reconcileRates(constraints: readonly RateConstraint[], band: number): void {
  for (let round = 0; round < 200; round++) {
    let worst = 0;
    for (const constraint of constraints) {
      const current = weightedMean(constraint.leaves);
      if (current === null) continue;
      const gap = constraint.target - current;
      worst = Math.max(worst, Math.abs(gap));
      if (Math.abs(gap) <= band) continue;
      // Move the leaves that can move; a leaf at its bound stays there, the others take a larger step next round.
      for (const leaf of constraint.leaves) {
        leaf.value = Math.min(leaf.hi, Math.max(leaf.lo, leaf.value + gap));
      }
    }
    if (worst <= band) return;
  }
}
