import { sql, type Kysely } from 'kysely';
import { RECORD_KEY_MODULUS } from '../generator/record-key.js';
import { CASE_EVENT_TYPES } from '../dimensions/case-event-types.js';
import { buildCaseRollups, createCaseTables, indexCaseTables, STAGING_SCHEMA } from '../cases/case-tables.js';
import { dropStaging, swapInStagingWithin } from '../cases/staging-swap.js';
import { grantReader } from '../database/reader-role.js';
import { stateTable } from './state-tables.js';

const MIV_CASES = stateTable('migrationsverket', 'cases');
const MIV_EVENTS = stateTable('migrationsverket', 'events');
const POLICE_CASES = stateTable('polismyndigheten', 'cases');
const POLICE_EVENTS = stateTable('polismyndigheten', 'events');
const TRANSPORTS = stateTable('kriminalvarden', 'transports');

/** The load's fingerprint and origin, as cases.load_info keeps it. */
export interface PublishInfo {
  checksum: string;
  scale: number | null;
  seed: number | null;
}

export interface PublishResult {
  caseRows: number;
  eventRows: number;
  /** Seconds of each step of the rebuild, for the bench's phase shares. */
  steps: Record<string, number>;
}

/**
 * Draws a warehouse case id and a record key for every Migration Agency case seen for the first time. The key comes
 * from PostgreSQL's gen_random_uuid() (a cryptographic generator): 31 of its random bits. Kept for good in
 * ingest.case_key, so a cell's perturbation changes only when its cases change.
 */
async function drawCaseKeys<D>(trx: Kysely<D>): Promise<void> {
  await sql
    .raw(
      `insert into ingest.case_key (agency, source_id, record_key, first_delivery)
       select 'migrationsverket', s._key,
              (('x' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 8))::bit(32)::bigint % ${RECORD_KEY_MODULUS})::integer,
              s._delivery
       from ${MIV_CASES} s
       where not exists (select 1 from ingest.case_key k where k.agency = 'migrationsverket' and k.source_id = s._key)
       order by s._key`,
    )
    .execute(trx);
}

const responsibleAgency = `case ev.event_type ${Object.entries(CASE_EVENT_TYPES)
  .map(([type, agency]) => `when '${type}' then '${agency}'`)
  .join(' ')} end`;

/**
 * Builds the unified case facts from the agencies' current state, in the caller's transaction, and swaps them in.
 * A case is the Migration Agency's; the Police's return case joins it through its reference, the transport through
 * the Police's case. An event reported by several agencies (the hand-over, the enforced departure) is one event
 * listing its sources. Events of a case not (yet) delivered stay in their agency's state, unpublished, until it is.
 */
export async function publishCases<D>(trx: Kysely<D>, info: PublishInfo): Promise<PublishResult> {
  const db = trx as unknown as Kysely<unknown>;
  const steps: Record<string, number> = {};
  let at = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = (now - at) / 1000;
    at = now;
  };
  await sql`set local maintenance_work_mem = '512MB'`.execute(db);
  await sql`set local work_mem = '256MB'`.execute(db);
  await drawCaseKeys(db);
  step('keys');
  await dropStaging(db);
  await createCaseTables(db, STAGING_SCHEMA);
  step('tables');
  const facts = await sql
    .raw(
      `insert into ${STAGING_SCHEMA}.case_fact (case_id, case_type, segment, subcategory, sex, age_group, nationality, region, channel,
         automated, received_date, decision_date, outcome, processing_days, fee_paid_sek, appealed, court_outcome, record_key)
       select k.case_id, s.case_type, s.segment, s.subcategory, s.sex, s.age_group, s.nationality, s.region, s.channel,
         s.automated, s.received_date, s.decision_date, s.outcome, s.decision_date - s.received_date, s.fee_paid_sek, s.appealed,
         s.court_outcome, k.record_key
       from ${MIV_CASES} s join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = s._key`,
    )
    .execute(db);
  step('facts');
  // The case's own dates, then every delivered event of a known case, one row per (case, type, date).
  const own = await sql
    .raw(
      `insert into ${STAGING_SCHEMA}.case_event (case_id, event_type, event_date, agency, sources)
       select case_id, 'received', received_date, 'migrationsverket', '{migrationsverket}'::text[] from ${STAGING_SCHEMA}.case_fact
       union all
       select case_id, 'decided', decision_date, 'migrationsverket', '{migrationsverket}'::text[] from ${STAGING_SCHEMA}.case_fact
       where decision_date is not null`,
    )
    .execute(db);
  const delivered = await sql
    .raw(
      `insert into ${STAGING_SCHEMA}.case_event (case_id, event_type, event_date, agency, sources)
       select ev.case_id, ev.event_type, ev.event_date, ${responsibleAgency}, array_agg(distinct ev.source order by ev.source)
       from (
         select k.case_id, e.event_type, e.event_date, 'migrationsverket' as source
         from ${MIV_EVENTS} e
         join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = e.arende_id
         join ${MIV_CASES} c on c._key = e.arende_id
         union all
         select k.case_id, 'handed_to_police', p.handed_over_date, 'polismyndigheten'
         from ${POLICE_CASES} p
         join ${MIV_CASES} c on c._key = p.mig_referens
         join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = p.mig_referens
         union all
         select k.case_id, e.event_type, e.event_date, 'polismyndigheten'
         from ${POLICE_EVENTS} e
         join ${POLICE_CASES} p on p._key = e.polis_arende_nr
         join ${MIV_CASES} c on c._key = p.mig_referens
         join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = p.mig_referens
         union all
         select k.case_id, 'departed_enforced', t.departure_date, 'kriminalvarden'
         from ${TRANSPORTS} t
         join ${POLICE_CASES} p on p._key = t.polis_arende_nr
         join ${MIV_CASES} c on c._key = p.mig_referens
         join ingest.case_key k on k.agency = 'migrationsverket' and k.source_id = p.mig_referens
       ) ev
       group by ev.case_id, ev.event_type, ev.event_date`,
    )
    .execute(db);
  step('events');
  await indexCaseTables(db, STAGING_SCHEMA);
  step('indexes');
  await buildCaseRollups(db, STAGING_SCHEMA);
  step('rollups');
  const caseRows = Number(facts.numAffectedRows ?? 0);
  const eventRows = Number(own.numAffectedRows ?? 0) + Number(delivered.numAffectedRows ?? 0);
  await sql`insert into ${sql.raw(STAGING_SCHEMA)}.load_info (scale, seed, case_rows, event_rows, checksum)
    values (${info.scale}, ${info.seed}, ${caseRows}, ${eventRows}, ${info.checksum})`.execute(db);
  // State tables made since the read-only role was granted the schema: lineage and the load history read them.
  await grantReader(db, 'ingest');
  await swapInStagingWithin(db);
  step('swap');
  return { caseRows, eventRows, steps };
}
