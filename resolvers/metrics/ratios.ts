/**
 * Derived metrics of the typed domain fields, each defined once here and used by every resolver that shows it.
 * A ratio is undefined (null) when either side is unpublished or the denominator is zero.
 */
export function ratio(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (numerator == null || denominator == null || denominator === 0) return null;
  return numerator / denominator;
}

export function difference(a: number | null | undefined, b: number | null | undefined): number | null {
  return a == null || b == null ? null : a - b;
}

/** Fee coverage ratio (avgiftstäckning): fee revenue / cost of the fee-financed activity. */
export const feeCoverageRatio = (revenue: number | null, cost: number | null) => ratio(revenue, cost);

/** Gap to the economic target (avvikelse från ekonomiskt mål), in ratio points: coverage − target. */
export const feeCoverageGap = (coverage: number | null, target: number | null) => difference(coverage, target);

/** Budget utilisation (anslagsutnyttjande): outcome / allocation. */
export const budgetUtilisation = (outcome: number | null, allocated: number | null) => ratio(outcome, allocated);

/** Clearance rate (avgörandegrad): decided / received. */
export const clearanceRate = (decided: number | null, received: number | null) => ratio(decided, received);

/** Voluntary return share (andel självmant utresta): voluntary departures / all departures. */
export const voluntaryReturnShare = (voluntary: number | null, departed: number | null) => ratio(voluntary, departed);

/** Backlog change (förändring av öppna ärenden): open at this year end − open at the previous year end. */
export const backlogChange = (open: number | null, previousOpen: number | null) => difference(open, previousOpen);
