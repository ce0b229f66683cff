import { inList } from './in-list.js';
import type { Kysely, Selectable } from 'kysely';
import type { CaseEventTable, CaseFactTable, Database } from '../database/tables.js';

/** Filter of the case list; each given field must match, lists any of their values. */
export interface CaseFilter {
  caseType?: readonly string[];
  caseSegment?: readonly string[];
  sex?: readonly string[];
  region?: readonly string[];
  nationality?: readonly string[];
  outcome?: readonly string[];
  /** Inclusive ISO dates on the received date. */
  receivedFrom?: string;
  receivedTo?: string;
  /** true: decided cases only; false: open cases only. */
  decided?: boolean;
}

export type CaseRecord = Selectable<CaseFactTable>;
export type CaseEventRecord = Selectable<CaseEventTable>;

/** A column of a case row. */
export type CaseColumn = keyof CaseRecord;

/** The columns of a case row, in the table's order (so that one selection is one statement text). */
const CASE_COLUMNS = [
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
] as const satisfies readonly CaseColumn[];

function filtered(db: Kysely<Database>, filter: CaseFilter) {
  let query = db.selectFrom('cases.case_fact as c');
  const list = (column: 'case_type' | 'segment' | 'sex' | 'region' | 'nationality' | 'outcome', values: readonly string[] | undefined) => {
    if (values !== undefined) query = query.where((eb) => inList(eb, `c.${column}`, values));
  };
  list('case_type', filter.caseType);
  list('segment', filter.caseSegment);
  list('sex', filter.sex);
  list('region', filter.region);
  list('nationality', filter.nationality);
  list('outcome', filter.outcome);
  if (filter.receivedFrom) query = query.where('c.received_date', '>=', new Date(`${filter.receivedFrom}T00:00:00Z`));
  if (filter.receivedTo) query = query.where('c.received_date', '<=', new Date(`${filter.receivedTo}T00:00:00Z`));
  if (filter.decided === true) query = query.where('c.decision_date', 'is not', null);
  if (filter.decided === false) query = query.where('c.decision_date', 'is', null);
  return query;
}

/**
 * One page of cases in case-id order after `afterId`; `limit` + 1 rows tell whether more follow. `columns`: only
 * these (and the case id, the cursor) are read, the others are absent from the rows; all when not given.
 */
export function casePage(db: Kysely<Database>, filter: CaseFilter, limit: number, afterId: number | null, columns?: ReadonlySet<CaseColumn>) {
  const from = filtered(db, filter);
  let query = (
    columns ? from.select(CASE_COLUMNS.filter((c) => c === 'case_id' || columns.has(c)).map((c) => `c.${c}` as const)) : from.selectAll('c')
  ) as ReturnType<typeof from.selectAll<'c'>>;
  if (afterId !== null) query = query.where('c.case_id', '>', afterId);
  return query.orderBy('c.case_id').limit(limit + 1);
}

/** A column of an event row the API shows (the case id is always read: a page's events are grouped by it). */
export type EventColumn = 'event_type' | 'event_date' | 'agency' | 'sources';
const EVENT_COLUMNS = ['event_type', 'event_date', 'agency', 'sources'] as const satisfies readonly EventColumn[];

/**
 * The events of many cases in one statement, in date order. `columns`: only these (and the case id) are read, the
 * others are absent from the rows; all when not given.
 */
export function eventsOfCases(db: Kysely<Database>, caseIds: readonly number[], columns?: ReadonlySet<EventColumn>) {
  const from = db.selectFrom('cases.case_event');
  const selected = (columns ? from.select(['case_id', ...EVENT_COLUMNS.filter((c) => columns.has(c))]) : from.selectAll()) as ReturnType<
    typeof from.selectAll
  >;
  return selected
    .where((eb) => inList(eb, 'case_id', caseIds))
    .orderBy('case_id')
    .orderBy('event_date')
    .orderBy('event_type');
}
