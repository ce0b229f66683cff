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

/**
 * The relations the statements read each agency's rows from, each with the state's columns (`_key`, the warehouse
 * columns, `_delivery`): the state tables, or, for a run of full deliveries built beside its publishing
 * transaction (prebuilt-staging.ts), a delivery's accepted rows in its scratch table.
 */
export interface UnifiedSources {
  mivCases: string;
  mivEvents: string;
  policeCases: string;
  policeEvents: string;
  transports: string;
}
export const STATE_SOURCES: UnifiedSources = {
  mivCases: MIV_CASES,
  mivEvents: MIV_EVENTS,
  policeCases: POLICE_CASES,
  policeEvents: POLICE_EVENTS,
  transports: TRANSPORTS,
};

/**
 * `true`, or `<column> = any(array(select source_id from <affected>))`: an array of the affected case numbers is one
 * index scan of the column, walking its keys in order, where a join probes the index once for each case.
 */
export type SourceFilter = (column: string) => string;
export const EVERY_CASE: SourceFilter = () => 'true';
export const affectedOnly =
  (relation: string): SourceFilter =>
  (column) =>
    `${column} = any(array(select source_id from ${relation}))`;

const FACT_COLUMNS = `case_id, case_type, segment, subcategory, sex, age_group, nationality, region, channel,
  automated, received_date, decision_date, outcome, processing_days, fee_paid_sek, appealed, court_outcome, record_key`;

/** A new case's record key: 31 random bits of gen_random_uuid() (a cryptographic generator), from its text's first 8 hex digits (no hyphen among them). */
export const DRAWN_RECORD_KEY = `(('x' || left(gen_random_uuid()::text, 8))::bit(32)::bigint % ${RECORD_KEY_MODULUS})::integer`;

/** The Migration Agency's case keys, `(case_id, source_id, record_key)`. */
export const MIV_CASE_KEYS = `(select case_id, source_id, record_key from ingest.case_key where agency = 'migrationsverket')`;

/**
 * The new cases of `sources` (those without a key yet) with an id from case_key's own `sequence` (named once: a
 * pg_get_serial_sequence call per row would look it up in the catalogue per row) and a drawn record
 * key, into the scratch table `target`: drawn beside the publishing transaction, which inserts them into the key
 * store (insertDrawnKeysStatement). Ids drawn by a load that does not publish are left unused, never reused.
 */
export function drawNewKeysStatement(target: string, sources: UnifiedSources, sequence: string): string {
  return `create unlogged table ${target} as
    select nextval('${sequence.replaceAll("'", "''")}'::regclass) as case_id, s._key as source_id,
      ${DRAWN_RECORD_KEY} as record_key, s._delivery as first_delivery
    from ${sources.mivCases} s
    where not exists (select 1 from ingest.case_key k where k.agency = 'migrationsverket' and k.source_id = s._key)`;
}

/** The keys drawNewKeysStatement drew, into the key store. */
export function insertDrawnKeysStatement(drawn: string): string {
  return `insert into ingest.case_key (case_id, agency, source_id, record_key, first_delivery) overriding system value
    select case_id, 'migrationsverket', source_id, record_key, first_delivery from ${drawn}`;
}

/** The Migration Agency's keys in the store and those drawn beside it, `(case_id, source_id, record_key)`. */
export const keysWithDrawn = (drawn: string) =>
  `(select case_id, source_id, record_key from ingest.case_key where agency = 'migrationsverket'
    union all select case_id, source_id, record_key from ${drawn})`;

/**
 * Draws an id (in the state's scan order) and a record key for new cases. `everyCaseIsNew` (the first load, into an
 * empty key store) leaves out the look-up of existing keys.
 */
export function drawKeysStatement(filter: SourceFilter, everyCaseIsNew = false): string {
  return `insert into ingest.case_key (agency, source_id, record_key, first_delivery)
    select 'migrationsverket', s._key, ${DRAWN_RECORD_KEY}, s._delivery
    from ${MIV_CASES} s
    where ${filter('s._key')}${
      everyCaseIsNew
        ? ''
        : `
      and not exists (select 1 from ingest.case_key k where k.agency = 'migrationsverket' and k.source_id = s._key)`
    }`;
}

/**
 * The unified facts into `target` (a `case_fact` of a schema, or a table like it) of the cases in `keys` (a relation
 * like MIV_CASE_KEYS) that the state holds and `filter` admits.
 */
export function factsStatement(target: string, keys: string, filter: SourceFilter, sources: UnifiedSources = STATE_SOURCES): string {
  return `insert into ${target} (${FACT_COLUMNS})
    select k.case_id, s.case_type, s.segment, s.subcategory, s.sex, s.age_group, s.nationality, s.region, s.channel,
      s.automated, s.received_date, s.decision_date, s.outcome, s.decision_date - s.received_date, s.fee_paid_sek, s.appealed,
      s.court_outcome, k.record_key
    from ${sources.mivCases} s join ${keys} k on k.source_id = s._key
    where ${filter('s._key')}`;
}
/**
 * factsStatement and ownEventsStatement as one statement: the events are taken from the facts as they are written
 * (RETURNING), not read back from the freshly written table. Returns `facts` and `events`, the rows of each.
 */
export function factsWithOwnEventsStatement(
  factsTarget: string,
  eventsTarget: string,
  keys: string,
  filter: SourceFilter,
  sources: UnifiedSources = STATE_SOURCES,
): string {
  return `with f as (${factsStatement(factsTarget, keys, filter, sources)} returning case_id, received_date, decision_date),
    e as (${ownEventsStatement(eventsTarget, 'f')} returning 1)
    select (select count(*) from f)::bigint as facts, (select count(*) from e)::bigint as events`;
}

/**
 * The case's own dates as events, from a relation of facts into `target`. Two plain scans of the facts, not one with
 * a lateral VALUES per row: that rescan per row cost 4.5 s of CPU against 2.8 s for 3.8 million events.
 */
export function ownEventsStatement(target: string, facts: string): string {
  return `insert into ${target} (case_id, event_type, event_date, agency, sources)
    select case_id, 'received', received_date, 'migrationsverket', '{migrationsverket}'::text[] from ${facts}
    union all
    select case_id, 'decided', decision_date, 'migrationsverket', '{migrationsverket}'::text[] from ${facts}
    where decision_date is not null`;
}

const responsibleAgency = `case ev.event_type ${Object.entries(CASE_EVENT_TYPES)
  .map(([type, agency]) => `when '${type}' then '${agency}'`)
  .join(' ')} end`;

/**
 * Every delivered event of a known case into `target`, one row per (case, type, date) listing the agencies that
 * reported it. The agencies' rows are first brought to the Migration Agency case number they belong to; the case's
 * state row and its key are then joined once for all of them (each join of a source to them would hash the
 * whole state again).
 */
export function deliveredEventsStatement(
  target: string,
  filter: SourceFilter,
  keys: string = MIV_CASE_KEYS,
  sources: UnifiedSources = STATE_SOURCES,
): string {
  return `insert into ${target} (case_id, event_type, event_date, agency, sources)
    select k.case_id, ev.event_type, ev.event_date, ${responsibleAgency}, array_agg(distinct ev.source order by ev.source)
    from (
      select e.arende_id as case_number, e.event_type, e.event_date, 'migrationsverket' as source
      from ${sources.mivEvents} e
      where ${filter('e.arende_id')}
      union all
      select p.mig_referens, 'handed_to_police', p.handed_over_date, 'polismyndigheten'
      from ${sources.policeCases} p
      where ${filter('p.mig_referens')}
      union all
      select p.mig_referens, e.event_type, e.event_date, 'polismyndigheten'
      from ${sources.policeEvents} e
      join ${sources.policeCases} p on p._key = e.polis_arende_nr
      where ${filter('p.mig_referens')}
      union all
      select p.mig_referens, 'departed_enforced', t.departure_date, 'kriminalvarden'
      from ${sources.transports} t
      join ${sources.policeCases} p on p._key = t.polis_arende_nr
      where ${filter('p.mig_referens')}
    ) ev
    join ${sources.mivCases} c on c._key = ev.case_number
    join ${keys} k on k.source_id = ev.case_number
    group by k.case_id, ev.event_type, ev.event_date`;
}

/**
 * The Migration Agency case numbers a delivered resource's rows point at, for the rows whose keys are in `keys`
 * (read before a delta is applied, for the old rows, and after, for the new).
 */
export function touchedCasesQuery(agency: string, resource: string, keys: string): string | null {
  const state = stateTable(agency as 'migrationsverket', resource);
  switch (`${agency}/${resource}`) {
    case 'migrationsverket/cases':
      // The case numbers themselves (a case the state does not hold is then left out where its key is drawn).
      return keys;
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
