/**
 * Why a computed value is null. Every null the API returns says which of these it is, so that "unknown" is never
 * mistaken for "none" (and a 0 never stands for either).
 */
export const NULL_REASONS = {
  NOT_PUBLISHED: 'No report printed the figures this value is computed from (ej publicerat).',
  OUTSIDE_COVERAGE:
    'The period lies outside what the basis covers, wholly or in part: case facts cover 2022-01-01 to 2024-12-31 (utanför täckningsperioden).',
  NO_CASES: 'No case falls in this cell, so a rate, mean or percentile has nothing to rest on (inga ärenden).',
  SUPPRESSED: 'Withheld by disclosure control for the public role (röjandeskydd).',
  DIVISION_BY_ZERO: 'The formula divides by zero, e.g. a printed cost of 0 where the activity is reported within another row (division med noll).',
} as const;
export type NullReason = keyof typeof NULL_REASONS;
