import { YEARS, type Year } from './calendar.js';
import { GENERAL_SEGMENT, GENERATED_CASE_TYPES, SUB_POPULATIONS, SUBCATEGORY_SEGMENTS, assumptionsFor } from './case-type-plan.js';
import type { PublishedCell, Sex } from './published-cells.js';
import { naturalShareWithin } from './duration-model.js';
import { reconcileRates, type RateConstraint, type RateLeaf } from './reconcile-rates.js';

export const SEXES: readonly Sex[] = ['female', 'male'];

/** A sub-population of a segment's decisions in one year (Dublin transfers…), at scale 1. */
export interface SubPopulationTarget {
  key: string;
  outcome: string;
  decided: number;
  meanDays: number;
}

/** What one segment × sex must show in one calendar year, at scale 1 (counts) and as rates. */
export interface YearTarget {
  year: Year;
  received: number;
  decided: number;
  /** Year-end open balance as published, when it is (the generator's follows from the flows; see openStart). */
  publishedOpenEnd: number | null;
  /** approved / (approved + rejected), 0–1. */
  approvalRate: number;
  writtenOffShare: number;
  meanDays: number;
  /** Share decided within limitDays (0–1) when published for this segment; null = no share to meet. */
  shareWithin: number | null;
  limitDays: number | null;
  subPopulations: SubPopulationTarget[];
  /** Outcome counts printed as such (Tabell 17.1, 12.4, 18.1): used instead of rates. */
  fixedOutcomes: { approved: number; rejected: number; writtenOff: number } | null;
}

/** One generated cell: case type × segment × sex, with the stock open on 2022-01-01 and three years of targets. */
export interface CellTarget {
  caseType: string;
  segment: string;
  sex: Sex;
  /** Cases received before 2022 and still open on 2022-01-01 (scale 1). */
  openStart: number;
  sigma: number;
  years: YearTarget[];
}

type Lookup = (
  segment: string | null,
  sex: Sex | null,
  year: number,
  measure: PublishedCell['measure'],
  outcome?: string | null,
) => PublishedCell | undefined;

function lookupOf(cells: readonly PublishedCell[]): Lookup {
  const index = new Map<string, PublishedCell>();
  for (const cell of cells) index.set([cell.segment, cell.sex, cell.year, cell.measure, cell.outcome].join('|'), cell);
  return (segment, sex, year, measure, outcome = null) => index.get([segment, sex, year, measure, outcome].join('|'));
}

const TOLERANCE = { approval_rate: 0.005, mean_processing_days: 1, share_decided_within_limit: 0.01 } as const;
/** Leaves may move up to this part of the tolerance from their printed value; aggregates are met within BAND. */
const LEAF_SLACK = 0.47;
const BAND = 0.4;

/**
 * Builds the calibration targets of every generated cell from the published cells. Where a table lacks a sex
 * split, its totals are split by the case type's assumed female share; where it lacks segments, the case type has
 * one segment, 'general'; "varav" segments become sub-populations of their parent segment.
 */
export function buildCalibrationTargets(published: readonly PublishedCell[]): CellTarget[] {
  const targets: CellTarget[] = [];
  for (const caseType of GENERATED_CASE_TYPES) {
    const cells = published.filter((c) => c.caseType === caseType);
    if (cells.length === 0) continue;
    targets.push(...caseTypeTargets(caseType, cells));
  }
  return targets;
}

function caseTypeTargets(caseType: string, cells: readonly PublishedCell[]): CellTarget[] {
  const get = lookupOf(cells);
  const assumptions = assumptionsFor(caseType);
  const subPops = SUB_POPULATIONS[caseType] ?? [];
  const notSegments = new Set([...subPops.map((s) => s.key), ...(SUBCATEGORY_SEGMENTS[caseType] ?? [])]);
  const printedSegments = [...new Set(cells.map((c) => c.segment).filter((s): s is string => s !== null && !notSegments.has(s)))].sort();
  const segments = printedSegments.length > 0 ? printedSegments : [GENERAL_SEGMENT];
  const printed = (segment: string) => (segment === GENERAL_SEGMENT ? null : segment);

  /** A count of one leaf: printed for the sex, or the printed total split by the assumed female share. */
  const count = (
    segment: string | null,
    sex: Sex,
    year: number,
    measure: 'received' | 'decided' | 'open_at_end' | 'granted_permits',
    outcome: string | null = null,
  ): number | null => {
    const own = get(segment, sex, year, measure, outcome);
    if (own) return own.value;
    const total = get(segment, null, year, measure, outcome);
    if (!total) return null;
    const female = Math.round(total.value * assumptions.femaleShare);
    return sex === 'female' ? female : total.value - female;
  };

  interface Leaf {
    segment: string;
    sex: Sex;
    cell: CellTarget;
  }
  const leaves: Leaf[] = [];
  for (const segment of segments) {
    for (const sex of SEXES) {
      const years: YearTarget[] = YEARS.map((year) => {
        const seg = printed(segment);
        let decided = count(seg, sex, year, 'decided');
        let fixedOutcomes: YearTarget['fixedOutcomes'] = null;
        const granted = count(seg, sex, year, 'granted_permits');
        if (decided === null && granted !== null) {
          // Tabell 18.1 prints granted permits only: refusals and write-offs follow the assumed rates.
          const rejected = Math.round((granted * (1 - assumptions.approvalRate)) / assumptions.approvalRate);
          const writtenOff = Math.round(((granted + rejected) * assumptions.writtenOffShare) / (1 - assumptions.writtenOffShare));
          fixedOutcomes = { approved: granted, rejected, writtenOff };
          decided = granted + rejected + writtenOff;
        }
        decided ??= 0;
        const approvedCount = count(seg, sex, year, 'decided', 'approved');
        const rejectedCount = count(seg, sex, year, 'decided', 'rejected');
        const writtenOffCount = count(seg, sex, year, 'decided', 'written_off');
        const revokedCount = count(seg, sex, year, 'decided', 'revoked');
        if (approvedCount !== null && rejectedCount !== null && writtenOffCount !== null) {
          fixedOutcomes = { approved: approvedCount, rejected: rejectedCount, writtenOff: writtenOffCount };
        } else if (revokedCount !== null) {
          fixedOutcomes = { approved: revokedCount, rejected: decided - revokedCount, writtenOff: 0 };
        }
        const subPopulations: SubPopulationTarget[] = subPops
          .filter((p) => p.parentSegment === segment)
          .map((p) => ({
            key: p.key,
            outcome: p.outcome,
            decided: count(p.key, sex, year, 'decided') ?? 0,
            meanDays: (get(p.key, sex, year, 'mean_processing_days') ?? get(p.key, null, year, 'mean_processing_days'))?.value ?? 60,
          }));
        return {
          year,
          // Without a printed inflow (revocations, resettlement) the inflow is taken equal to the decisions.
          received: count(seg, sex, year, 'received') ?? decided,
          decided,
          publishedOpenEnd: count(seg, sex, year, 'open_at_end'),
          approvalRate: assumptions.approvalRate,
          writtenOffShare: assumptions.writtenOffShare,
          meanDays: assumptions.meanDays,
          shareWithin: null,
          limitDays: null,
          subPopulations,
          fixedOutcomes,
        };
      });
      leaves.push({ segment, sex, cell: { caseType, segment, sex, openStart: 0, sigma: assumptions.sigma, years } });
    }
  }

  reconcileLeafRates(leaves, segments, printed, get);
  reconcileSubPopulations(
    leaves.map((l) => l.cell),
    get,
  );
  settleOpeningStocks(
    leaves.map((l) => l.cell),
    get,
    segments.length > 1 || segments[0] !== GENERAL_SEGMENT,
  );
  return leaves.map((l) => l.cell);
}

/**
 * Approval rate, mean processing days and share within the limit of each leaf (segment × sex × year): printed
 * values where printed, else the case type's total, else the stated assumption; then reconciled so that every
 * printed aggregate (segment total, case type by sex, case type total) is met as well.
 */
function reconcileLeafRates(
  leaves: readonly { segment: string; sex: Sex; cell: CellTarget }[],
  segments: readonly string[],
  printed: (segment: string) => string | null,
  get: Lookup,
): void {
  for (const year of YEARS) {
    const at = (leaf: { cell: CellTarget }) => leaf.cell.years.find((y) => y.year === year) as YearTarget;
    for (const measure of ['approval_rate', 'mean_processing_days', 'share_decided_within_limit'] as const) {
      const tol = TOLERANCE[measure];
      const solve = () => {
        const rateLeaves = new Map<string, RateLeaf>();
        for (const leaf of leaves) {
          const y = at(leaf);
          const seg = printed(leaf.segment);
          const own = get(seg, leaf.sex, year, measure);
          const segTotal = get(seg, null, year, measure);
          const typeSex = get(null, leaf.sex, year, measure);
          const typeTotal = get(null, null, year, measure);
          const limitSource = own ?? segTotal ?? (seg === null ? undefined : (typeSex ?? typeTotal));
          let value: number;
          let lo = -Infinity;
          let hi = Infinity;
          if (own) {
            value = own.value;
            lo = value - LEAF_SLACK * tol;
            hi = value + LEAF_SLACK * tol;
          } else if (segTotal) {
            value = segTotal.value;
          } else if (measure === 'share_decided_within_limit') {
            if (!limitSource) continue;
            value = naturalShareWithin(y.meanDays, leaf.cell.sigma, limitSource.limitDays ?? 0);
          } else if (typeSex ?? typeTotal) {
            value = (typeSex ?? typeTotal)?.value ?? 0;
          } else {
            continue;
          }
          if (measure === 'approval_rate' || measure === 'share_decided_within_limit') {
            lo = Math.max(lo, 0);
            hi = Math.min(hi, 1);
          } else {
            lo = Math.max(lo, 1);
          }
          if (measure === 'share_decided_within_limit') y.limitDays = limitSource?.limitDays ?? null;
          const weight = measure === 'approval_rate' ? approvalWeight(y) : y.decided;
          rateLeaves.set(`${leaf.segment}|${leaf.sex}`, { value, lo, hi, weight });
        }
        const constraints: RateConstraint[] = [];
        const group = (target: PublishedCell | undefined, members: (l: { segment: string; sex: Sex }) => boolean) => {
          if (!target) return;
          const members_ = leaves
            .filter(members)
            .map((l) => rateLeaves.get(`${l.segment}|${l.sex}`))
            .filter((l): l is RateLeaf => !!l);
          if (members_.length > 0) constraints.push({ target: target.value, leaves: members_ });
        };
        for (const segment of segments) {
          group(get(printed(segment), null, year, measure), (l) => l.segment === segment);
        }
        if (segments[0] !== GENERAL_SEGMENT) {
          for (const sex of SEXES) group(get(null, sex, year, measure), (l) => l.sex === sex);
          group(get(null, null, year, measure), () => true);
        }
        reconcileRates(constraints, BAND * tol);
        return { rateLeaves, constraints };
      };
      let { rateLeaves, constraints } = solve();
      // Rounded rates by sex may not reconcile with the printed total under the assumed write-off share: the sexes'
      // decisions then weigh differently in the rate than in the decisions. Shift the write-off shares (within
      // 0–35 %) of the leaves that pull the total the wrong way, until the printed total is met.
      for (let round = 0; measure === 'approval_rate' && round < 60; round++) {
        const violated = constraints.filter((c) => Math.abs(c.target - weighted(c.leaves)) > BAND * tol);
        if (violated.length === 0) break;
        for (const c of violated) {
          const direction = Math.sign(c.target - weighted(c.leaves));
          for (const leaf of leaves) {
            const rate = rateLeaves.get(`${leaf.segment}|${leaf.sex}`);
            if (!rate || !c.leaves.includes(rate)) continue;
            const y = at(leaf);
            const wrongWay = (rate.value - c.target) * direction < 0;
            y.writtenOffShare = Math.min(0.35, Math.max(0, y.writtenOffShare + (wrongWay ? 0.01 : -0.01)));
          }
        }
        ({ rateLeaves, constraints } = solve());
      }
      for (const leaf of leaves) {
        const rate = rateLeaves.get(`${leaf.segment}|${leaf.sex}`);
        if (!rate) continue;
        const y = at(leaf);
        if (measure === 'approval_rate') y.approvalRate = rate.value;
        else if (measure === 'mean_processing_days') y.meanDays = rate.value;
        else y.shareWithin = rate.value;
      }
    }
  }
}

function weighted(leaves: readonly RateLeaf[]): number {
  const w = leaves.reduce((a, l) => a + l.weight, 0);
  return w > 0 ? leaves.reduce((a, l) => a + l.weight * l.value, 0) / w : 0;
}

/** Decisions that count in the approval rate: all but write-offs and Dublin transfers. */
export function approvalWeight(y: YearTarget): number {
  const dublin = y.subPopulations.filter((p) => p.outcome === 'dublin_transfer').reduce((a, p) => a + p.decided, 0);
  return Math.max(0, y.decided - dublin - Math.round(y.writtenOffShare * (y.decided - dublin)));
}

/** The sub-population means by sex against their printed totals (weights: the sub-population's decisions). */
function reconcileSubPopulations(cells: readonly CellTarget[], get: Lookup): void {
  const tol = TOLERANCE.mean_processing_days;
  for (const year of YEARS) {
    const groups = new Map<string, { target: SubPopulationTarget; sex: Sex }[]>();
    for (const cell of cells) {
      const y = cell.years.find((t) => t.year === year) as YearTarget;
      for (const target of y.subPopulations) {
        const list = groups.get(target.key) ?? [];
        list.push({ target, sex: cell.sex });
        groups.set(target.key, list);
      }
    }
    for (const [key, members] of groups) {
      const total = get(key, null, year, 'mean_processing_days');
      if (!total) continue;
      const leaves = members.map(({ target, sex }) => {
        const own = get(key, sex, year, 'mean_processing_days');
        const value = own?.value ?? total.value;
        return { value, lo: own ? value - LEAF_SLACK * tol : 1, hi: own ? value + LEAF_SLACK * tol : Infinity, weight: target.decided };
      });
      reconcileRates([{ target: total.value, leaves }], BAND * tol);
      members.forEach(({ target }, i) => {
        target.meanDays = (leaves[i] as RateLeaf).value;
      });
    }
  }
}

/**
 * The stock open on 2022-01-01. Where the year-end balances are printed: open_start = open_end(2022) +
 * decided(2022) − received(2022). A printed set that does not reconcile (open_end(y) ≠ open_end(y−1) +
 * received(y) − decided(y), as in Tabell 8.1 for family ties: up to 35 cases) cannot be met exactly by any set of
 * cases, since every case received and not yet decided is open. We keep the flows (received, decided) exact in
 * every year and anchor the stock on 2022, so the later year-ends differ from print by exactly the printed
 * residual. Where no balance is printed for the segment but one is for the case type (state compensation, 2024),
 * that one is split over the segments in proportion to decisions × mean days (Little's law); where none is printed
 * at all (visas, revocations, remigration, resettlement), the opening stock is Little's law's: decisions per day
 * × mean processing days. A stock is never allowed to go negative: it is raised to the smallest that stays ≥ 0.
 */
function settleOpeningStocks(cells: readonly CellTarget[], get: Lookup, segmented: boolean): void {
  const netFlowTo = (cell: CellTarget, year: number) => cell.years.filter((y) => y.year <= year).reduce((a, y) => a + y.received - y.decided, 0);
  const little = (cell: CellTarget) => {
    const first = cell.years[0] as YearTarget;
    return (first.decided * first.meanDays) / 365;
  };
  for (const cell of cells) {
    const first = cell.years[0] as YearTarget;
    if (first.publishedOpenEnd !== null) {
      cell.openStart = first.publishedOpenEnd + first.decided - first.received;
      continue;
    }
    // A case-type balance printed for some year: shared out over the segments × sexes that lack their own.
    const printedYear = cell.years.find(
      (y) => get(null, cell.sex, y.year, 'open_at_end') ?? (segmented ? get(null, null, y.year, 'open_at_end') : undefined),
    );
    if (segmented && printedYear) {
      const total = get(null, null, printedYear.year, 'open_at_end');
      const peers = cells.filter((c) => c.caseType === cell.caseType && (c.years[0] as YearTarget).publishedOpenEnd === null);
      const weightOf = (c: CellTarget) => {
        const y = c.years.find((t) => t.year === printedYear.year) as YearTarget;
        return y.decided * y.meanDays;
      };
      const totalWeight = peers.reduce((a, c) => a + weightOf(c), 0);
      if (total && totalWeight > 0) {
        // Largest remainder over the peers, in a fixed order, so the shares sum to the printed total exactly.
        const shares = peers.map((c) => (total.value * weightOf(c)) / totalWeight);
        const floors = shares.map(Math.floor);
        let left = total.value - floors.reduce((a, b) => a + b, 0);
        const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
        for (const [, i] of order) {
          if (left <= 0) break;
          floors[i] = (floors[i] ?? 0) + 1;
          left--;
        }
        const mine = floors[peers.indexOf(cell)] ?? 0;
        cell.openStart = mine - netFlowTo(cell, printedYear.year);
      } else {
        cell.openStart = Math.round(little(cell));
      }
    } else {
      cell.openStart = Math.round(little(cell));
    }
  }
  for (const cell of cells) {
    const lowest = Math.min(0, ...YEARS.map((year) => cell.openStart + netFlowTo(cell, year)));
    if (lowest < 0) cell.openStart -= lowest;
  }
}
