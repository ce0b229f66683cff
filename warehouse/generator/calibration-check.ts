import { YEARS, yearEnd, yearOf } from './calendar.js';
import { SUB_POPULATIONS, SUBCATEGORY_SEGMENTS, assumptionsFor } from './case-type-plan.js';
import type { GeneratedCase } from './case-row.js';
import type { PublishedCell } from './published-cells.js';

/**
 * Compares generated cases with the published cells they are calibrated to: the generated aggregate of each cell,
 * its deviation, and whether it is within tolerance. Used by the calibration test and the load report; works on a
 * stream of cases (in memory, without a database) as well as on rows read back.
 */
export const TOLERANCES = {
  received: 0,
  decided: 0,
  open_at_end: 0,
  granted_permits: 0,
  /** Percentage points, as a fraction. */
  approval_rate: 0.005,
  mean_processing_days: 1,
  share_decided_within_limit: 0.01,
} as const;

interface Tally {
  received: number[];
  decided: number[];
  open: number[];
  approved: number[];
  rejected: number[];
  days: number[];
  within: Map<number, number[]>;
}

const yearIndex = (year: number) => year - YEARS[0];

/** Accumulates generated cases by case type × segment × subcategory × outcome × sex. */
export class CaseTally {
  private readonly groups = new Map<string, Tally>();
  private readonly limits: number[];

  constructor(limits: readonly number[]) {
    this.limits = [...new Set(limits)];
  }

  add(c: GeneratedCase): void {
    const key = [c.caseType, c.segment, c.subcategory ?? '', c.outcome ?? '', c.sex].join('|');
    let t = this.groups.get(key);
    if (!t) {
      const zeros = () => YEARS.map(() => 0);
      t = {
        received: zeros(),
        decided: zeros(),
        open: zeros(),
        approved: zeros(),
        rejected: zeros(),
        days: zeros(),
        within: new Map(this.limits.map((l) => [l, zeros()])),
      };
      this.groups.set(key, t);
    }
    const ry = yearIndex(yearOf(c.receivedDay));
    if (ry >= 0 && ry < YEARS.length) t.received[ry]!++;
    for (const [i, year] of YEARS.entries()) {
      if (c.receivedDay <= yearEnd(year) && (c.decisionDay === null || c.decisionDay > yearEnd(year))) t.open[i]!++;
    }
    if (c.decisionDay !== null && c.processingDays !== null) {
      const dy = yearIndex(yearOf(c.decisionDay));
      if (dy >= 0 && dy < YEARS.length) {
        t.decided[dy]!++;
        t.days[dy]! += c.processingDays;
        const words = assumptionsFor(c.caseType);
        if (c.outcome === words.approvedOutcome) t.approved[dy]!++;
        if (c.outcome === words.rejectedOutcome) t.rejected[dy]!++;
        for (const [limit, counts] of t.within) if (c.processingDays <= limit) counts[dy]!++;
      }
    }
  }

  /** The generated value of a published cell (same unit as PublishedCell.value), or null if it cannot be formed. */
  valueOf(cell: PublishedCell): number | null {
    const sub = (SUB_POPULATIONS[cell.caseType] ?? []).find((p) => p.key === cell.segment);
    const matching: Tally[] = [];
    for (const [key, tally] of this.groups) {
      const [caseType, segment, subcategory, outcome, sex] = key.split('|');
      if (caseType !== cell.caseType) continue;
      if (cell.sex !== null && sex !== cell.sex) continue;
      if (sub) {
        if (segment !== sub.parentSegment || subcategory !== sub.key) continue;
      } else if (cell.segment !== null && segment !== cell.segment) continue;
      if (cell.outcome !== null && outcome !== cell.outcome) continue;
      matching.push(tally);
    }
    const i = yearIndex(cell.year);
    const sum = (pick: (t: Tally) => number) => matching.reduce((a, t) => a + pick(t), 0);
    const decided = sum((t) => t.decided[i] ?? 0);
    switch (cell.measure) {
      case 'received':
        return sum((t) => t.received[i] ?? 0);
      case 'decided':
        return decided;
      case 'open_at_end':
        return sum((t) => t.open[i] ?? 0);
      case 'granted_permits':
        return sum((t) => t.approved[i] ?? 0);
      case 'approval_rate': {
        const approved = sum((t) => t.approved[i] ?? 0);
        const denominator = approved + sum((t) => t.rejected[i] ?? 0);
        return denominator > 0 ? approved / denominator : null;
      }
      case 'mean_processing_days':
        return decided > 0 ? sum((t) => t.days[i] ?? 0) / decided : null;
      case 'share_decided_within_limit': {
        if (cell.limitDays === null || decided === 0) return null;
        return sum((t) => t.within.get(cell.limitDays as number)?.[i] ?? 0) / decided;
      }
    }
  }
}

/** Whether a published cell is one the generator calibrates (Tabell 8.4's categories only set shares). */
export function isCalibratedCell(cell: PublishedCell): boolean {
  return !(SUBCATEGORY_SEGMENTS[cell.caseType] ?? []).includes(cell.segment ?? '');
}

/**
 * How far a printed year-end balance is from the flows: open_end(y) − (open_end(2022) + Σ received − Σ decided
 * over 2023…y), from the printed figures of the same cell. Zero for a set that reconciles; the generator keeps the
 * flows exact and the 2022 balance, so its later balances differ from print by exactly this much.
 */
export function openBalanceResidual(cell: PublishedCell, published: readonly PublishedCell[]): number {
  if (cell.measure !== 'open_at_end') return 0;
  const find = (measure: PublishedCell['measure'], year: number) =>
    published.find(
      (p) =>
        p.caseType === cell.caseType &&
        p.segment === cell.segment &&
        p.sex === cell.sex &&
        p.outcome === null &&
        p.measure === measure &&
        p.year === year,
    )?.value;
  const base = find('open_at_end', YEARS[0]);
  if (base === undefined) return 0;
  let flow = base;
  for (const year of YEARS) {
    if (year === YEARS[0] || year > cell.year) continue;
    const received = find('received', year);
    const decided = find('decided', year);
    if (received === undefined || decided === undefined) return 0;
    flow += received - decided;
  }
  return cell.value - flow;
}

/**
 * How far a printed count is from what any exact set of cases can show, given the other printed figures: for a
 * year-end balance, its flow residual (above); for a total, the difference from the sum of its printed parts
 * (segments, or women + men) plus the parts' own residuals. Tabell 7.1 is such a case: its 2022 total of decided
 * temporary-protection cases (49 314) is one more than its segments (49 313 + 0). Zero where print is consistent.
 */
export function printedResidual(cell: PublishedCell, published: readonly PublishedCell[]): number {
  if (!(['received', 'decided', 'open_at_end'] as string[]).includes(cell.measure) || cell.outcome !== null) return 0;
  const find = (segment: string | null, sex: PublishedCell['sex']) =>
    published.find(
      (p) =>
        p.caseType === cell.caseType &&
        p.segment === segment &&
        p.sex === sex &&
        p.outcome === null &&
        p.measure === cell.measure &&
        p.year === cell.year,
    );
  const hidden = new Set([...(SUB_POPULATIONS[cell.caseType] ?? []).map((p) => p.key), ...(SUBCATEGORY_SEGMENTS[cell.caseType] ?? [])]);
  const segments = [
    ...new Set(published.filter((p) => p.caseType === cell.caseType && p.segment !== null && !hidden.has(p.segment)).map((p) => p.segment as string)),
  ];
  let parts: (PublishedCell | undefined)[] = [];
  if (cell.segment === null && segments.length > 0) parts = segments.map((s) => find(s, cell.sex));
  else if (cell.sex === null) parts = [find(cell.segment, 'female'), find(cell.segment, 'male')];
  const own = openBalanceResidual(cell, published);
  if (parts.length === 0 || parts.some((p) => p === undefined)) return own;
  const present = parts as PublishedCell[];
  return cell.value - present.reduce((a, p) => a + p.value, 0) + present.reduce((a, p) => a + printedResidual(p, published), 0);
}

export interface CellComparison {
  cell: PublishedCell;
  generated: number | null;
  deviation: number;
  allowed: number;
  ok: boolean;
}

export function compareWithPublished(tally: CaseTally, published: readonly PublishedCell[]): CellComparison[] {
  return published.filter(isCalibratedCell).map((cell) => {
    const generated = tally.valueOf(cell);
    const allowed = TOLERANCES[cell.measure] + Math.abs(printedResidual(cell, published));
    const deviation = generated === null ? Infinity : Math.abs(generated - cell.value);
    return { cell, generated, deviation, allowed, ok: deviation <= allowed + 1e-9 };
  });
}
