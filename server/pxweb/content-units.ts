import type { MetricUnit } from '../../warehouse/metrics/metric-definition.js';
import type { Bilingual } from './language.js';

/** How a content's values read: its unit and the decimals shown (JSON-stat category.unit). */
export interface ContentUnit {
  label: Bilingual;
  decimals: number;
}

/** Per catalogue unit: counts and money whole, durations to a tenth, shares to a thousandth. */
export const METRIC_UNITS: Record<MetricUnit, ContentUnit> = {
  cases: { label: { sv: 'antal ärenden', en: 'cases' }, decimals: 0 },
  persons: { label: { sv: 'antal personer', en: 'persons' }, decimals: 0 },
  SEK: { label: { sv: 'kronor', en: 'SEK' }, decimals: 0 },
  days: { label: { sv: 'dagar', en: 'days' }, decimals: 1 },
  months: { label: { sv: 'månader', en: 'months' }, decimals: 1 },
  points: { label: { sv: 'procentenheter', en: 'percentage points' }, decimals: 1 },
  ratio: { label: { sv: 'andel (0–1)', en: 'share (0–1)' }, decimals: 3 },
};

/** A published figure's base unit (fact_figure.base_unit: SEK, fraction, count, days…) as a content unit. */
export function figureUnit(baseUnit: string): ContentUnit {
  const known: Record<string, ContentUnit> = {
    SEK: METRIC_UNITS.SEK,
    fraction: METRIC_UNITS.ratio,
    ratio: METRIC_UNITS.ratio,
    days: METRIC_UNITS.days,
    months: METRIC_UNITS.months,
    persons: METRIC_UNITS.persons,
    cases: METRIC_UNITS.cases,
    EUR: { label: { sv: 'euro', en: 'EUR' }, decimals: 0 },
    years: { label: { sv: 'år', en: 'years' }, decimals: 0 },
    weeks: { label: { sv: 'veckor', en: 'weeks' }, decimals: 0 },
  };
  return known[baseUnit] ?? { label: { sv: baseUnit, en: baseUnit }, decimals: Number.isInteger(Number(baseUnit)) ? 0 : 1 };
}
