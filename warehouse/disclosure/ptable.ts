/**
 * The perturbation table (p-table) of the cell key method, for frequency counts, built as the R package `ptable`
 * (sdcTools; Giessing 2016) describes it: for every original count i, a distribution over noise values v with
 *
 * - |v| ≤ D (maximum deviation),
 * - mean 0 (unbiased) and variance V where the support allows it,
 * - i + v ≥ 0 (no negative counts), and 0 stays 0,
 * - i + v never in 1…js (small counts never shown: with js = 4 the counts 1–4 move to 0 or to 5 and above),
 *
 * and, among the distributions meeting these, the one of maximum entropy. Where the support cannot reach the variance
 * V with mean 0 (the counts just above and below the blocked band), the row takes the closest variance it can. Rows
 * for i > js + D are all the same (the "symmetric" row); `row(i)` returns it for any large i.
 */
export interface PTableParameters {
  /** Maximum deviation D. */
  maxDeviation: number;
  /** Target variance V of the noise. */
  variance: number;
  /** Perturbed counts 1…js never appear. */
  blockedUpTo: number;
}

/** One noise value of a row with its probability and the interval of cell keys [lower, upper) that selects it. */
export interface PTableEntry {
  noise: number;
  probability: number;
  lower: number;
  upper: number;
}

export interface PTable {
  parameters: PTableParameters;
  /** The rows for i = 0 … js + D + 1; the last is the symmetric row of all larger counts. */
  rows: readonly (readonly PTableEntry[])[];
  row(count: number): readonly PTableEntry[];
}

/** The noise values a count may take. */
function support(count: number, p: PTableParameters): number[] {
  if (count === 0) return [0];
  const values: number[] = [];
  for (let v = -p.maxDeviation; v <= p.maxDeviation; v++) {
    const shown = count + v;
    if (shown < 0 || (shown >= 1 && shown <= p.blockedUpTo)) continue;
    values.push(v);
  }
  return values;
}

/** Mean-0 distribution on two points a < 0 < b. */
function twoPoint(a: number, b: number): Map<number, number> {
  return new Map([
    [a, b / (b - a)],
    [b, -a / (b - a)],
  ]);
}

/**
 * The maximum-entropy distribution on `values` with mean 0 and variance `variance`: p(v) ∝ exp(α v + β v²), with α,
 * β found by Newton's method on the convex dual log Σ exp(α v + β v²) − β V (its gradient is (E v, E v² − V)).
 */
function maximumEntropy(values: readonly number[], variance: number): Map<number, number> {
  let alpha = 0;
  let beta = 0;
  const probabilities = (a: number, b: number) => {
    const exponents = values.map((v) => a * v + b * v * v);
    const top = Math.max(...exponents);
    const weights = exponents.map((e) => Math.exp(e - top));
    const total = weights.reduce((s, w) => s + w, 0);
    return weights.map((w) => w / total);
  };
  const dual = (a: number, b: number) => {
    const exponents = values.map((v) => a * v + b * v * v);
    const top = Math.max(...exponents);
    return top + Math.log(exponents.reduce((s, e) => s + Math.exp(e - top), 0)) - b * variance;
  };
  for (let iteration = 0; iteration < 200; iteration++) {
    const p = probabilities(alpha, beta);
    const m1 = values.reduce((s, v, k) => s + (p[k] ?? 0) * v, 0);
    const m2 = values.reduce((s, v, k) => s + (p[k] ?? 0) * v * v, 0);
    const m3 = values.reduce((s, v, k) => s + (p[k] ?? 0) * v ** 3, 0);
    const m4 = values.reduce((s, v, k) => s + (p[k] ?? 0) * v ** 4, 0);
    const g1 = m1;
    const g2 = m2 - variance;
    if (Math.abs(g1) < 1e-13 && Math.abs(g2) < 1e-13) break;
    // Hessian: the covariance of (v, v²).
    const h11 = m2 - m1 * m1;
    const h12 = m3 - m1 * m2;
    const h22 = m4 - m2 * m2;
    const det = h11 * h22 - h12 * h12;
    const dAlpha = (h22 * g1 - h12 * g2) / det;
    const dBeta = (h11 * g2 - h12 * g1) / det;
    // Backtracking: Newton steps on the dual never need to increase it.
    let step = 1;
    const before = dual(alpha, beta);
    while (step > 1e-6 && dual(alpha - step * dAlpha, beta - step * dBeta) > before) step /= 2;
    alpha -= step * dAlpha;
    beta -= step * dBeta;
  }
  const p = probabilities(alpha, beta);
  return new Map(values.map((v, k) => [v, p[k] ?? 0]));
}

function rowDistribution(count: number, p: PTableParameters): Map<number, number> {
  const values = support(count, p);
  const negatives = values.filter((v) => v < 0);
  const positives = values.filter((v) => v > 0);
  if (negatives.length === 0 || positives.length === 0) {
    if (!values.includes(0)) throw new Error(`p-table: count ${count} has no unbiased noise within D = ${p.maxDeviation}`);
    return new Map([[0, 1]]);
  }
  const lowest = Math.min(...negatives);
  const highest = Math.max(...positives);
  const nearestBelow = Math.max(...negatives);
  const nearestAbove = Math.min(...positives);
  const minVariance = values.includes(0) ? 0 : -nearestBelow * nearestAbove;
  const maxVariance = -lowest * highest;
  if (p.variance <= minVariance) return values.includes(0) ? new Map([[0, 1]]) : twoPoint(nearestBelow, nearestAbove);
  if (p.variance >= maxVariance) return twoPoint(lowest, highest);
  return maximumEntropy(values, p.variance);
}

export function buildPTable(parameters: PTableParameters): PTable {
  const { maxDeviation, variance, blockedUpTo } = parameters;
  if (!Number.isInteger(maxDeviation) || maxDeviation < 1) throw new Error('p-table: D must be a positive integer');
  if (!(variance > 0)) throw new Error('p-table: V must be positive');
  // A count of 1 must be able to move to 0 or past the blocked band, unbiased: js + 1 − 1 ≤ D.
  if (!Number.isInteger(blockedUpTo) || blockedUpTo < 0 || blockedUpTo > maxDeviation) throw new Error('p-table: js must be an integer in 0…D');
  const rows: PTableEntry[][] = [];
  for (let count = 0; count <= blockedUpTo + maxDeviation + 1; count++) {
    const distribution = [...rowDistribution(count, parameters)].filter(([, q]) => q > 0).sort((a, b) => a[0] - b[0]);
    let lower = 0;
    const row = distribution.map(([noise, probability], k) => {
      const upper = k === distribution.length - 1 ? 1 : lower + probability;
      const entry = { noise, probability, lower, upper };
      lower = upper;
      return entry;
    });
    rows.push(row);
  }
  const last = rows.length - 1;
  return { parameters, rows, row: (count) => rows[Math.min(count, last)] as PTableEntry[] };
}

/**
 * The parameters this API uses (justified in docs/disclosure-control.md): D = 4, V = 2, js = 4. D = 4 is the
 * smallest maximum deviation with which a count of 1 can move unbiased (to 0 or to 5) while 1–4 stay blocked.
 */
export const API_PTABLE_PARAMETERS: PTableParameters = { maxDeviation: 4, variance: 2, blockedUpTo: 4 };

export const API_PTABLE = buildPTable(API_PTABLE_PARAMETERS);
