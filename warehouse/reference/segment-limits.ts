import type { Insertable } from 'kysely';
import type { DimSegmentLimitTable } from '../database/tables.js';

/** Segments whose processing limit differs from their case type's, with the line that prints it. */
export const SEGMENT_LIMITS: readonly Insertable<DimSegmentLimitTable>[] = [
  { case_type: 'FAMILY', segment: 'first_time', limit_days: 270, document: '000_c6bd8d7f0150f31e.txt', line: 2686, quote: 'Andel avgjorda inom 270' },
];
