import type { Year } from './calendar.js';
import { MAX_PROCESSING_DAYS, SUB_POPULATION_SIGMA, assumptionsFor } from './case-type-plan.js';
import type { CellTarget, YearTarget } from './calibration-targets.js';
import { countBelow, fitDurationModel, type DurationModel } from './duration-model.js';
import { normalQuantile as quantileOfStandardNormal } from './normal-distribution.js';
import type { Sex } from './published-cells.js';

/** One stratum of a year's decisions: the segment's ordinary decisions ('main') or a sub-population. */
export interface StratumPlan {
  key: string;
  subcategory: string | null;
  decided: number;
  /** The exact sum of processing days the stratum's decisions must add up to. */
  daysSum: number;
  model: DurationModel;
  /** How many decisions fall within the model's limit (the lower part of the mixture). */
  below: number;
  outcomes: [string, number][];
}

export interface YearPlan {
  year: Year;
  received: number;
  decided: number;
  /** Open at the year's end: the stock before, plus received, minus decided. */
  openEnd: number;
  strata: StratumPlan[];
}

/** A cell's integer plan at one scale. */
export interface CellPlan {
  caseType: string;
  segment: string;
  sex: Sex;
  openStart: number;
  years: YearPlan[];
}

/** Counts at scale N: rounded half up, so scale 1 gives the published counts unchanged. */
function scaled(value: number, scale: number): number {
  return Math.round(value * scale);
}

/**
 * Turns a cell's targets into whole numbers at the given scale: flows, stocks, outcome counts, sums of processing
 * days and counts within the limit. At scale 1 every count is the published one and every rate is met to within
 * the rounding of one case; at other scales the flows are rounded and the stock follows them.
 */
export function planCell(target: CellTarget, scale: number): CellPlan {
  const openStart = scaled(target.openStart, scale);
  let stock = openStart;
  const years: YearPlan[] = target.years.map((y) => {
    const received = scaled(y.received, scale);
    // Rounding must not decide more than is open: cap the decisions by the stock (only ever bites at scale ≠ 1).
    const decided = Math.min(scaled(y.decided, scale), stock + received);
    stock += received - decided;
    return { year: y.year, received, decided, openEnd: stock, strata: planStrata(target, y, decided, scale) };
  });
  return { caseType: target.caseType, segment: target.segment, sex: target.sex, openStart, years };
}

function planStrata(target: CellTarget, y: YearTarget, decided: number, scale: number): StratumPlan[] {
  const assumptions = assumptionsFor(target.caseType);
  const limit = y.limitDays;
  // Sub-populations first, each at most what is left of the year's decisions.
  let left = decided;
  const subs = y.subPopulations.map((p) => {
    const n = Math.min(left, scaled(p.decided, scale));
    left -= n;
    return { target: p, n };
  });
  const strata: StratumPlan[] = [];
  let subDays = 0;
  let subBelow = 0;
  let subRejected = 0;
  let dublin = 0;
  for (const { target: p, n } of subs) {
    // A sub-population prints a mean only: a single log-normal, whose natural share within the limit is kept.
    const single = fitDurationModel({
      meanDays: p.meanDays,
      sigma: SUB_POPULATION_SIGMA,
      shareWithin: null,
      limitDays: null,
      cap: MAX_PROCESSING_DAYS,
    });
    const share = limit === null ? null : shareUnder(single, limit);
    const model = fitDurationModel({
      meanDays: p.meanDays,
      sigma: SUB_POPULATION_SIGMA,
      shareWithin: share,
      limitDays: limit,
      cap: MAX_PROCESSING_DAYS,
    });
    const below = countBelow(model, n);
    const daysSum = Math.round(p.meanDays * n);
    subDays += daysSum;
    subBelow += below;
    if (p.outcome === 'rejected') subRejected += n;
    if (p.outcome === 'dublin_transfer') dublin += n;
    strata.push({ key: p.key, subcategory: p.key, decided: n, daysSum, model, below, outcomes: [[p.outcome, n]] });
  }

  const main = decided - subs.reduce((a, s) => a + s.n, 0);
  const totalDays = Math.round(y.meanDays * decided);
  const mainDays = Math.max(0, totalDays - subDays);
  const totalBelow = y.shareWithin === null ? null : Math.round(y.shareWithin * decided);
  const mainShare = totalBelow === null || main === 0 ? null : Math.min(1, Math.max(0, (totalBelow - subBelow) / main));
  const mainModel = fitDurationModel({
    meanDays: main > 0 ? mainDays / main : y.meanDays,
    sigma: target.sigma,
    shareWithin: mainShare,
    limitDays: mainShare === null ? null : limit,
    cap: MAX_PROCESSING_DAYS,
  });
  const mainBelow = mainShare === null ? countBelow(mainModel, main) : Math.max(0, Math.min(main, (totalBelow ?? 0) - subBelow));

  let outcomes: [string, number][];
  if (y.fixedOutcomes) {
    const f = y.fixedOutcomes;
    const approved = Math.min(main, scaled(f.approved, scale));
    const writtenOff = Math.min(main - approved, scaled(f.writtenOff, scale));
    outcomes = [
      [assumptions.approvedOutcome, approved],
      [assumptions.rejectedOutcome, main - approved - writtenOff],
      ['written_off', writtenOff],
    ];
  } else {
    // With few decisions, one case moves the rate by more than the tolerance: among write-off counts near the
    // assumed one, take the one whose whole approved count comes closest to the target rate.
    const base = Math.round(y.writtenOffShare * (decided - dublin));
    let writtenOff = base;
    let best = Infinity;
    for (let w = Math.max(0, base - 3); w <= Math.min(decided - dublin, base + 3); w++) {
      const c = decided - dublin - w;
      const miss = c > 0 ? Math.abs(Math.round(y.approvalRate * c) / c - y.approvalRate) + Math.abs(w - base) * 1e-9 : Infinity;
      if (miss < best) {
        best = miss;
        writtenOff = w;
      }
    }
    const counted = decided - dublin - writtenOff;
    const approved = Math.round(y.approvalRate * counted);
    // The sub-populations' rejections count in the approval rate; the main stratum carries the rest.
    const mainRejected = Math.max(0, counted - approved - subRejected);
    outcomes = [
      [assumptions.approvedOutcome, approved],
      [assumptions.rejectedOutcome, mainRejected],
      ['written_off', main - approved - mainRejected],
    ];
  }
  strata.unshift({ key: 'main', subcategory: null, decided: main, daysSum: mainDays, model: { ...mainModel }, below: mainBelow, outcomes });
  return strata;
}

function shareUnder(model: DurationModel, limit: number): number {
  // Fraction of the single log-normal at or below the limit, by its own quantiles (cheap: 200 points).
  let count = 0;
  for (let i = 0; i < 200; i++) {
    const p = (i + 0.5) / 200;
    const x = Math.exp(model.mu + model.sigma * quantileOfStandardNormal(p));
    if (x < limit + 0.5) count++;
  }
  return count / 200;
}
