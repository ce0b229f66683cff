/**
 * Score intervals for proportions, in TypeScript: what the API computes from a row's final counts (after disclosure
 * control, so the public role's interval rests on the counts it is shown). `wilson.ts` is the same arithmetic in SQL,
 * for the BI views; a test holds the two to the same values.
 */

/** The 0.975 quantile of the standard normal: a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Wilson score interval of x successes in n trials (Wilson 1927): centre (x + z²/2) / (n + z²), half-width
 * z·√(x(n − x)/n + z²/4) / (n + z²). Null when n is 0 (no trials, no proportion).
 */
export function wilsonInterval(x: number, n: number, z: number = Z_95): Interval | null {
  if (!(n > 0) || x < 0 || x > n) return null;
  const centre = (x + (z * z) / 2) / (n + z * z);
  const half = (z * Math.sqrt((x * (n - x)) / n + (z * z) / 4)) / (n + z * z);
  // At x = 0 or x = n one bound is exactly 0 or 1; clamping removes the rounding residue.
  return { lower: x === 0 ? 0 : clamp01(centre - half), upper: x === n ? 1 : clamp01(centre + half) };
}

/**
 * Newcombe's hybrid score interval for p1 − p2 of two independent proportions (Newcombe 1998, method 10):
 * D − √((p1 − l1)² + (u2 − p2)²) to D + √((u1 − p1)² + (p2 − l2)²), with (l, u) the Wilson interval of each.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, z: number = Z_95): Interval | null {
  const a = wilsonInterval(x1, n1, z);
  const b = wilsonInterval(x2, n2, z);
  if (!a || !b) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return { lower: d - Math.hypot(p1 - a.lower, b.upper - p2), upper: d + Math.hypot(a.upper - p1, p2 - b.lower) };
}

/**
 * Interval of a group's rate minus the rate of a whole it is part of (a region against the nation), in the rate's
 * units. The whole contains the group, so the two are not independent; but with w = n_group / n_whole,
 * p_group − p_whole = (1 − w)(p_group − p_rest) exactly, and the group and the rest are disjoint. So the interval is
 * Newcombe's for group vs rest, scaled by (1 − w). A group that is the whole deviates by exactly 0.
 */
export function deviationInterval(x: number, n: number, wholeX: number, wholeN: number, z: number = Z_95): Interval | null {
  if (!(n > 0) || !(wholeN >= n)) return null;
  const restN = wholeN - n;
  if (restN === 0) return { lower: 0, upper: 0 };
  const rest = newcombeInterval(x, n, wholeX - x, restN, z);
  if (!rest) return null;
  const scale = restN / wholeN;
  return { lower: rest.lower * scale, upper: rest.upper * scale };
}
