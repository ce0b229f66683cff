import { CASE_EVENT_TYPES } from '../dimensions/case-event-types.js';
import { RECORD_KEY_MODULUS } from '../disclosure/record-keys.js';
import { stateTable } from './state-tables.js';

/**
 * The SQL that unifies the agencies' state into case facts, shared by the full rebuild and the incremental publish:
 * each statement takes the schema it writes into and, for the incremental one, a predicate on the Migration Agency's
 * case number (the unified case) that limits it to the cases a delta touched.
 */
export const MIV_CASES = stateTable('migrationsverket', 'cases');
export const MIV_EVENTS = stateTable('migrationsverket', 'events');
export const POLICE_CASES = stateTable('polismyndigheten', 'cases');
export const POLICE_EVENTS = stateTable('polismyndigheten', 'events');
export const TRANSPORTS = stateTable('kriminalvarden', 'transports');

/** `true`, or `<column> in (select source_id from <affected>)`. */
export type SourceFilter = (column: string) => string;
export const EVERY_CASE: SourceFilter = () => 'true';
export const affectedOnly =
  (relation: string): SourceFilter =>
  (column) =>
    `${column} in (select source_id from ${relation})`;

const FACT_COLUMNS = `case_id, case_type, segment, subcategory, sex, age_group, nationality, region, channel,
  automated, received_date, decision_date, outcome, processing_days, fee_paid_sek, appealed, court_outcome, record_key`;

/** Draws an id (in the state's scan order) and a record key (31 random bits of gen_random_uuid(), a cryptographic generator) for new cases. */
export function drawKeysStatement(filter: SourceFilter): string {
  return `insert into ingest.case_key (agency, source_id, record_key, first_delivery)
    select 'migrationsverket', s._key,
           (('x' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 8))::bit(32)::bigint % ${RECORD_KEY_MODULUS})::integer,
           s._delivery
    from ${MIV_CASES} s
    where ${filter('s._key')}
      and not exists (select 1 from ingest.case_key k where k.agency = 'migrationsverket' and k.source_id = s._key)`;
}

export function factsStatement(schema: string, filter: SourceFilter): string {
  return `insert into ${schema}.case_fact (${FACT_COLUMNS})
    select k.case_id, s.case_type, s.segment, s.subcategory, s.sex, s.age_group, s.nationality, s.region, s.channel,
      s.automated, s.received_date, s.decision_date, s.outcome, s.decision_date - s.received_date, s.fee_paid_sek, s.appealed,
      s.court_outcome, k.record_key
    from ${MIV_CASES} s join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = s._key
    where ${filter('s._key')}`;
}

/** The case's own dates as events (`cases` limits it to some case ids, or null for all). */
export function ownEventsStatement(schema: string, cases: string | null): string {
  const where = cases ? `where case_id in (select case_id from ${cases})` : '';
  return `insert into ${schema}.case_event (case_id, event_type, event_date, agency, sources)
    select case_id, 'received', received_date, 'migrationsverket', '{migrationsverket}'::text[] from ${schema}.case_fact ${where}
    union all
    select case_id, 'decided', decision_date, 'migrationsverket', '{migrationsverket}'::text[] from ${schema}.case_fact
    ${where ? `${where} and` : 'where'} decision_date is not null`;
}

const responsibleAgency = `case ev.event_type ${Object.entries(CASE_EVENT_TYPES)
  .map(([type, agency]) => `when '${type}' then '${agency}'`)
  .join(' ')} end`;

/** Every delivered event of a known case, one row per (case, type, date) listing the agencies that reported it. */
export function deliveredEventsStatement(schema: string, filter: SourceFilter): string {
  return `insert into ${schema}.case_event (case_id, event_type, event_date, agency, sources)
    select ev.case_id, ev.event_type, ev.event_date, ${responsibleAgency}, array_agg(distinct ev.source order by ev.source)
    from (
      select k.case_id, e.event_type, e.event_date, 'migrationsverket' as source
      from ${MIV_EVENTS} e
      join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = e.arende_id
      join ${MIV_CASES} c on c._key = e.arende_id
      where ${filter('e.arende_id')}
      union all
      select k.case_id, 'handed_to_police', p.handed_over_date, 'polismyndigheten'
      from ${POLICE_CASES} p
      join ${MIV_CASES} c on c._key = p.mig_referens
      join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = p.mig_referens
      where ${filter('p.mig_referens')}
      union all
      select k.case_id, e.event_type, e.event_date, 'polismyndigheten'
      from ${POLICE_EVENTS} e
      join ${POLICE_CASES} p on p._key = e.polis_arende_nr
      join ${MIV_CASES} c on c._key = p.mig_referens
      join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = p.mig_referens
      where ${filter('p.mig_referens')}
      union all
      select k.case_id, 'departed_enforced', t.departure_date, 'kriminalvarden'
      from ${TRANSPORTS} t
      join ${POLICE_CASES} p on p._key = t.polis_arende_nr
      join ${MIV_CASES} c on c._key = p.mig_referens
      join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = p.mig_referens
      where ${filter('p.mig_referens')}
    ) ev
    group by ev.case_id, ev.event_type, ev.event_date`;
}

/**
 * The Migration Agency case numbers a delivered resource's rows point at, for the rows whose keys are in `keys`
 * (read before a delta is applied, for the old rows, and after, for the new).
 */
export function touchedCasesQuery(agency: string, resource: string, keys: string): string | null {
  const state = stateTable(agency as 'migrationsverket', resource);
  switch (`${agency}/${resource}`) {
    case 'migrationsverket/cases':
      return `select s._key from ${state} s where s._key in (${keys})`;
    case 'migrationsverket/events':
      return `select s.arende_id from ${state} s where s._key in (${keys})`;
    case 'polismyndigheten/cases':
      return `select s.mig_referens from ${state} s where s._key in (${keys})`;
    case 'polismyndigheten/events':
    case 'kriminalvarden/transports':
      return `select p.mig_referens from ${state} s join ${POLICE_CASES} p on p._key = s.polis_arende_nr where s._key in (${keys})`;
    default:
      return null;
  }
}
