import type { TimeDimension } from '../../warehouse/dimensions/dimension-registry.js';
import type { Bilingual } from './language.js';
import type { PxTable } from './table-catalog.js';
import { GRAIN_LABELS } from './time-codes.js';

/**
 * Codelists of the time variable, one valueset per grain the table offers (vs_Tid_year, vs_Tid_quarter…): they
 * restrict Tid to years, quarters, months or weeks, which is how a client asks for "months" without listing them.
 */
export interface TimeCodelist {
  id: string;
  grain: TimeDimension;
  label: Bilingual;
}

export function timeCodelists(table: Pick<PxTable, 'grains'>): TimeCodelist[] {
  return table.grains.map((grain) => ({ id: `vs_Tid_${grain.toLowerCase()}`, grain, label: GRAIN_LABELS[grain] }));
}

export function findTimeCodelist(table: Pick<PxTable, 'grains'>, id: string): TimeCodelist | undefined {
  return timeCodelists(table).find((c) => c.id.toLowerCase() === id.toLowerCase());
}
