import { isoDate } from './calendar.js';
import type { GeneratedCase, GeneratedEvent } from './case-row.js';

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, \N for null, t/f for booleans). Every value is a number, a
 * date or one of the generator's own codes, none of which contains a tab, newline or backslash, so nothing needs
 * escaping.
 */
export const CASE_FACT_COLUMNS = [
  'case_id',
  'case_type',
  'segment',
  'subcategory',
  'sex',
  'age_group',
  'nationality',
  'region',
  'channel',
  'automated',
  'received_date',
  'decision_date',
  'outcome',
  'processing_days',
  'fee_paid_sek',
  'appealed',
  'court_outcome',
  'record_key',
] as const;
export const CASE_EVENT_COLUMNS = ['case_id', 'event_type', 'event_date', 'agency'] as const;

const text = (value: string | null) => value ?? '\\N';
const int = (value: number | null) => (value === null ? '\\N' : String(value));

export function caseFactLine(c: GeneratedCase): string {
  return `${c.caseId}\t${c.caseType}\t${c.segment}\t${text(c.subcategory)}\t${c.sex}\t${c.ageGroup}\t${c.nationality}\t${text(c.region)}\t${c.channel}\t${c.automated ? 't' : 'f'}\t${isoDate(c.receivedDay)}\t${c.decisionDay === null ? '\\N' : isoDate(c.decisionDay)}\t${text(c.outcome)}\t${int(c.processingDays)}\t${int(c.feePaidSek)}\t${c.appealed ? 't' : 'f'}\t${text(c.courtOutcome)}\t${c.recordKey}\n`;
}

export function caseEventLine(e: GeneratedEvent): string {
  return `${e.caseId}\t${e.eventType}\t${isoDate(e.eventDay)}\t${text(e.agency)}\n`;
}
