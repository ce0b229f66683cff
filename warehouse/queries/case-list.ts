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

/** One page of cases in case-id order after `afterId`; `limit` + 1 rows tell whether more follow. */
export function casePage(db: Kysely<Database>, filter: CaseFilter, limit: number, afterId: number | null) {
  let query = filtered(db, filter).selectAll('c');
  if (afterId !== null) query = query.where('c.case_id', '>', afterId);
  return query.orderBy('c.case_id').limit(limit + 1);
}

/** The events of many cases in one statement, in date order. */
export function eventsOfCases(db: Kysely<Database>, caseIds: readonly number[]) {
  return db
    .selectFrom('cases.case_event')
    .selectAll()
    .where((eb) => inList(eb, 'case_id', caseIds))
    .orderBy('case_id')
    .orderBy('event_date')
    .orderBy('event_type');
}
