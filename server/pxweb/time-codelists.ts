import type { TimeDimension } from '../../warehouse/dimensions/dimension-registry.js';
import type { Bilingual } from './language.js';
import { GRAIN_LABELS } from './time-codes.js';

/**
 * Codelists of the time variable, derived from the grains a table offers. A valueset per grain (vs_Tid_year,
 * vs_Tid_quarter…) restricts Tid to years, quarters, months or weeks; an aggregation (agg_Tid_month_quarter…) groups
 * the finer periods into the coarser ones. Either way the engine computes the coarser grain itself, so a rate of a
 * quarter is the quarter's rate, never a sum of monthly rates.
 */
export interface TimeCodelist {
  id: string;
  type: 'Valueset' | 'Aggregation';
  /** The grain the codelist's codes are in. */
  grain: TimeDimension;
  /** For an aggregation: the grain it groups. */
  from: TimeDimension | null;
  label: Bilingual;
}

/** Finer grains that nest in coarser ones (weeks straddle months and years, so they nest in none). */
const NESTS: readonly [TimeDimension, TimeDimension][] = [
  ['MONTH', 'QUARTER'],
  ['MONTH', 'YEAR'],
  ['QUARTER', 'YEAR'],
];

export function timeCodelists(table: { grains: readonly TimeDimension[] }): TimeCodelist[] {
  const valuesets = table.grains.map(
    (grain): TimeCodelist => ({ id: `vs_Tid_${grain.toLowerCase()}`, type: 'Valueset', grain, from: null, label: GRAIN_LABELS[grain] }),
  );
  const aggregations = NESTS.filter(([fine, coarse]) => table.grains.includes(fine) && table.grains.includes(coarse)).map(
    ([fine, coarse]): TimeCodelist => ({
      id: `agg_Tid_${fine.toLowerCase()}_${coarse.toLowerCase()}`,
      type: 'Aggregation',
      grain: coarse,
      from: fine,
      label: {
        sv: `${GRAIN_LABELS[fine].sv} till ${GRAIN_LABELS[coarse].sv.toLowerCase()}`,
        en: `${GRAIN_LABELS[fine].en} into ${GRAIN_LABELS[coarse].en.toLowerCase()}`,
      },
    }),
  );
  return [...valuesets, ...aggregations];
}

export function findTimeCodelist(table: { grains: readonly TimeDimension[] }, id: string): TimeCodelist | undefined {
  return timeCodelists(table).find((c) => c.id.toLowerCase() === id.toLowerCase());
}
