/** Edit distance between two short strings (case-insensitive), for "did you mean" lists of filter values. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[y.length] as number;
}

/** All values when there are few, else the `count` nearest to what was sent. */
export function nearestValues(sent: string, valid: readonly string[], count = 8): string[] {
  if (valid.length <= count) return [...valid];
  return [...valid].sort((a, b) => distance(sent, a) - distance(sent, b) || a.localeCompare(b)).slice(0, count);
}
