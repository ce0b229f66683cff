import type { CountColumn } from '../metrics/metric-counts.js';
import type { CellCounts } from './cell-counts.js';
import { perturbed, type MetricDisclosure } from './metric-disclosure.js';

/**
 * The counts beside a value (numerator, denominator, n…) as the public role sees them: each perturbed by its cell
 * key, the same counts the disclosed value was rebuilt from, so the interval computed from them
 * (resolvers/metric-interval.ts) describes the value shown. A count the rule does not disclose is null (fail closed).
 */
export function discloseCounts(
  rule: MetricDisclosure | undefined,
  cells: CellCounts | null | undefined,
  national: CellCounts | null,
): Partial<Record<CountColumn, number | null>> {
  if (!rule || !cells) return {};
  switch (rule.kind) {
    case 'ratio':
      return { numerator: perturbed(cells, rule.numerator), denominator: perturbed(cells, rule.denominator) };
    case 'statistic':
      return { n: perturbed(cells, rule.count) };
    case 'deviation':
      return {
        numerator: perturbed(cells, rule.numerator),
        denominator: perturbed(cells, rule.denominator),
        reference_numerator: national ? perturbed(national, rule.numerator) : null,
        reference_denominator: national ? perturbed(national, rule.denominator) : null,
      };
    default:
      return {};
  }
}
