/**
 * Splits a whole number over parts in proportion to weights, each part at most its cap, rounding by largest
 * remainder (ties to the earlier part): deterministic, and the parts always sum to the total when the caps allow.
 */
export function splitByWeight(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const n = weights.length;
  const parts = new Array<number>(n).fill(0);
  const cap = (i: number) => (caps ? (caps[i] ?? 0) : Infinity);
  let left = total;
  // Repeat: a part that hits its cap drops out and the rest is shared again among the others.
  for (let round = 0; round < n + 1 && left > 0; round++) {
    const open = weights.map((w, i) => (parts[i]! < cap(i) ? Math.max(0, w) : 0));
    let weightSum = open.reduce((a, b) => a + b, 0);
    if (weightSum <= 0) {
      // No weight left where there is room: share by remaining room instead.
      for (let i = 0; i < n; i++) open[i] = parts[i]! < cap(i) ? Math.min(cap(i) - parts[i]!, total) : 0;
      weightSum = open.reduce((a, b) => a + b, 0);
      if (weightSum <= 0) break;
    }
    const exact = open.map((w) => (left * w) / weightSum);
    const add = exact.map((x, i) => Math.min(Math.floor(x), cap(i) - parts[i]!));
    let given = add.reduce((a, b) => a + b, 0);
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, i] of order) {
      if (given >= left) break;
      if (open[i]! > 0 && parts[i]! + add[i]! < cap(i)) {
        add[i] = add[i]! + 1;
        given++;
      }
    }
    for (let i = 0; i < n; i++) parts[i] = parts[i]! + add[i]!;
    left -= given;
  }
  return parts;
}
