import { addKeySums, type CellCountName, type CellCounts } from './cell-counts.js';
import { perturbCount } from './cell-key.js';
import { API_PTABLE, type PTable } from './ptable.js';

/**
 * How each metric computed from case facts is shown to the public role under the cell key method: which counts of
 * its cell it rests on, and how its value is rebuilt from those counts once each is perturbed. Counts are shown
 * perturbed; rates are computed from perturbed counts; means, medians and percentiles are shown as computed but
 * withheld when the perturbed count beneath them is small. A metric without an entry here shows nothing to the
 * public role (fail closed); a test checks that every case metric of the catalogue has one.
 *
 * A list of count names means their sum (approved + rejected): a cell of the union of those records, whose key is the
 * sum of their key sums.
 */
type Counts = readonly CellCountName[];
export type MetricDisclosure =
  | { kind: 'count'; count: Counts }
  | { kind: 'difference'; plus: Counts; minus: Counts }
  /** numerator / denominator (× months per bucket for per-month rates); a share is clamped to 0–1. */
  | { kind: 'ratio'; numerator: Counts; denominator: Counts; share: boolean; perMonth?: boolean }
  /** A mean, median or percentile: its own value, withheld over a small cell. */
  | { kind: 'statistic'; count: Counts }
  /** A group's rate minus the rate of all its siblings along `across` together, in percentage points. */
  | { kind: 'deviation'; numerator: Counts; denominator: Counts; across: 'REGION' };

const APPROVED: Counts = ['approved_n'];
const MERITS: Counts = ['approved_n', 'rejected_n'];

export const METRIC_DISCLOSURE: Readonly<Record<string, MetricDisclosure>> = {
  received: { kind: 'count', count: ['received_n'] },
  decided: { kind: 'count', count: ['decided_n'] },
  approved: { kind: 'count', count: APPROVED },
  rejected: { kind: 'count', count: ['rejected_n'] },
  approval_rate: { kind: 'ratio', numerator: APPROVED, denominator: MERITS, share: true },
  mean_processing_days: { kind: 'statistic', count: ['decided_n'] },
  median_processing_days: { kind: 'statistic', count: ['decided_n'] },
  p90_processing_days: { kind: 'statistic', count: ['decided_n'] },
  share_within_statutory_limit: { kind: 'ratio', numerator: ['within_n'], denominator: ['limited_n'], share: true },
  clearance_rate: { kind: 'ratio', numerator: ['decided_n'], denominator: ['received_n'], share: false },
  court_change_rate: { kind: 'ratio', numerator: ['court_changed_n'], denominator: ['court_decided_n'], share: true },
  approval_rate_deviation_pp: { kind: 'deviation', numerator: APPROVED, denominator: MERITS, across: 'REGION' },
  open_at_end: { kind: 'count', count: ['open_end'] },
  backlog_change: { kind: 'difference', plus: ['open_end'], minus: ['open_start'] },
  backlog_months: { kind: 'ratio', numerator: ['open_end'], denominator: ['decided'], share: false, perMonth: true },
};

/**
 * The smallest perturbed count over which a rate, mean, median or percentile is shown: js + D + 1 (9). A cell of 1–4
 * records is perturbed to at most js + D (8), so nothing computed over one is ever shown; and the decision looks only
 * at the perturbed count, which the public sees anyway, so withholding tells nothing more.
 */
export const MIN_SHOWN_BASE = API_PTABLE.parameters.blockedUpTo + API_PTABLE.parameters.maxDeviation + 1;

/** The summed count and key sum of a set of counts of one cell (a cell of the union of their records). */
export function combined(cells: CellCounts, names: Counts): { count: number; keySum: number } {
  let count = 0;
  let keySum = 0;
  for (const name of names) {
    const cell = cells.get(name);
    count += cell?.count ?? 0;
    keySum = addKeySums(keySum, cell?.keySum ?? 0);
  }
  return { count, keySum };
}

export function perturbed(cells: CellCounts, names: Counts, table: PTable = API_PTABLE): number {
  const { count, keySum } = combined(cells, names);
  return perturbCount(count, keySum, table);
}

export interface DisclosedValue {
  value: number | null;
  /** Withheld by disclosure control (not merely undefined, as a rate over no cases is). */
  suppressed: boolean;
}

/**
 * The value the public role sees for one cell. `value` is the true value (used as is only for statistics over a large
 * enough cell); `national` is the sibling total for deviations; `monthsPerBucket` scales per-month rates.
 */
export function discloseValue(
  rule: MetricDisclosure | undefined,
  cells: CellCounts | null | undefined,
  value: number | null,
  options: { monthsPerBucket: number; national?: CellCounts | null },
): DisclosedValue {
  if (!rule || !cells) return { value: null, suppressed: true };
  switch (rule.kind) {
    case 'count':
      return { value: perturbed(cells, rule.count), suppressed: false };
    case 'difference':
      return { value: perturbed(cells, rule.plus) - perturbed(cells, rule.minus), suppressed: false };
    case 'statistic': {
      // Over a cell shown as empty the statistic is as undefined as over an empty one: nothing says cases are there.
      const count = perturbed(cells, rule.count);
      if (count === 0 || value === null) return { value: null, suppressed: false };
      return count >= MIN_SHOWN_BASE ? { value, suppressed: false } : { value: null, suppressed: true };
    }
    case 'ratio': {
      const denominator = perturbed(cells, rule.denominator);
      if (denominator === 0) return { value: null, suppressed: false };
      if (denominator < MIN_SHOWN_BASE) return { value: null, suppressed: true };
      const rate = (perturbed(cells, rule.numerator) / denominator) * (rule.perMonth ? options.monthsPerBucket : 1);
      return { value: rule.share ? Math.min(1, Math.max(0, rate)) : rate, suppressed: false };
    }
    case 'deviation': {
      const denominator = perturbed(cells, rule.denominator);
      const national = options.national ? perturbed(options.national, rule.denominator) : 0;
      if (denominator === 0 || national === 0) return { value: null, suppressed: false };
      if (denominator < MIN_SHOWN_BASE) return { value: null, suppressed: true };
      const rate = Math.min(1, perturbed(cells, rule.numerator) / denominator);
      const nationalRate = Math.min(1, perturbed(options.national as CellCounts, rule.numerator) / national);
      return { value: 100 * (rate - nationalRate), suppressed: false };
    }
  }
}
