import { sql, type Kysely } from 'kysely';
import { CASES_SCHEMA } from '../cases/case-tables.js';
import { dimensionMemberSelect } from '../cases/dimension-members.js';
import { decidedMonthSums, receivedMonthSums } from '../cases/rollup-sums.js';
import { rebuildYearRollups } from '../cases/year-rollups.js';
import { bumpGeneration } from '../database/generation.js';
import { grantReader } from '../database/reader-role.js';
import { RECORD_KEY_MODULUS } from '../disclosure/record-keys.js';
import { type PublishInfo, type PublishResult, stepTimer } from './publish-cases.js';
import { affectedOnly, deliveredEventsStatement, DRAWN_RECORD_KEY, factsStatement, MIV_CASES, ownEventsStatement } from './unified-cases-sql.js';

/** Temporary tables of one incremental publish (dropped at commit). */
const AFFECTED = 'pg_temp.affected_source';
const AFFECTED_CASES = 'pg_temp.affected_case';
/** The published rows of the affected cases, and the rows the state gives them now. */
const OLD_FACTS = 'pg_temp.old_fact';
const NEW_FACTS = 'pg_temp.new_fact';
const OLD_EVENTS = 'pg_temp.old_event';
const NEW_EVENTS = 'pg_temp.new_event';
/** Of those, the rows that differ: the old ones to take out, the new ones to put in. */
const GONE_FACTS = 'pg_temp.gone_fact';
const ADDED_FACTS = 'pg_temp.added_fact';
const GONE_EVENTS = 'pg_temp.gone_event';
const ADDED_EVENTS = 'pg_temp.added_event';

/** Collects the Migration Agency case numbers a query yields into the affected set (before or after applying). */
export async function createAffectedSet<D>(trx: Kysely<D>): Promise<void> {
  await sql.raw(`create temp table affected_source (source_id text primary key) on commit drop`).execute(trx);
}

export async function addAffected<D>(trx: Kysely<D>, query: string): Promise<void> {
  await sql.raw(`insert into ${AFFECTED} ${query} on conflict do nothing`).execute(trx);
}

const C = CASES_SCHEMA;
const mod = (expr: string) => `((${expr}) % ${RECORD_KEY_MODULUS} + ${RECORD_KEY_MODULUS}) % ${RECORD_KEY_MODULUS}`;

const same = (a: string, b: string, columns: string[]) => columns.map((c) => `${a}.${c} is not distinct from ${b}.${c}`).join(' and ');

/**
 * Merges signed contributions into a rollup: for every group they touch, the stored row plus the new cases' counts
 * minus the old ones', its key sums mod 2^31; a group left with no case goes. Counts and key sums are additive, so
 * the result equals a rebuild's (test/ingest-incremental.test.ts compares them).
 */
async function mergeRollup<D>(
  trx: Kysely<D>,
  table: string,
  groups: string[],
  measures: string[],
  keys: string[],
  contributions: string,
): Promise<void> {
  const g = groups.join(', ');
  await sql
    .raw(`create temp table rollup_delta on commit drop as select ${g}, ${measures.map((m) => `sum(${m}) as ${m}`).join(', ')}
    from (${contributions}) c group by ${g}`)
    .execute(trx);
  await sql
    .raw(`create temp table rollup_merged on commit drop as
    select d.${groups.join(', d.')}, ${measures.map((m) => `coalesce(r.${m}, 0) + d.${m} as ${m}`).join(', ')}
    from rollup_delta d left join ${C}.${table} r on ${same('r', 'd', groups)}`)
    .execute(trx);
  await sql.raw(`delete from ${C}.${table} r using rollup_delta d where ${same('r', 'd', groups)}`).execute(trx);
  await sql
    .raw(`insert into ${C}.${table} (${g}, ${measures.join(', ')})
    select ${g}, ${measures.map((m) => (keys.includes(m) ? `(${mod(m)})::integer` : m)).join(', ')}
    from rollup_merged where ${measures[0]} <> 0`)
    .execute(trx);
  await sql.raw('drop table rollup_delta, rollup_merged').execute(trx);
}

/**
 * Publishes deltas in place, in the caller's transaction: the cases they touched (collected into the affected set
 * before and after the deltas were applied to the agencies' state) are built again from the state into temporary
 * tables and compared with their published rows; only rows that differ are deleted from and inserted into `cases`
 * (an upsert that resends a case as it was writes nothing there), and the rollups and dimension members are
 * corrected by the signed difference. Readers see the old warehouse until the transaction commits, the new one
 * after, as with a rebuild.
 */
export async function publishChanges<D>(trx: Kysely<D>, info: PublishInfo): Promise<PublishResult> {
  const db = trx as unknown as Kysely<unknown>;
  const { step, steps } = stepTimer();
  const run = (statement: string) => sql.raw(statement).execute(db);
  await sql`set local work_mem = '256MB'`.execute(db);
  const filter = affectedOnly(AFFECTED);
  // The planner needs the sizes of the small sets to reach the big tables through their keys, not by scans.
  await run(`analyze ${AFFECTED}`);
  // A delta's cases are a sliver of the warehouse: reach them through the keys' indexes, one by one. Left to itself
  // the planner walks whole indexes (merge joins) or hashes whole tables for a few thousand rows.
  await sql`set local enable_hashjoin = off`.execute(db);
  await sql`set local enable_mergejoin = off`.execute(db);
  // The affected cases' ids and keys: the ones drawn before, then new ones drawn for cases the state holds now.
  await run(`create temp table affected_case (case_id bigint not null, source_id text primary key, record_key integer not null) on commit drop`);
  await run(`insert into ${AFFECTED_CASES} select k.case_id, k.source_id, k.record_key
    from ingest.case_key k where k.agency = 'migrationsverket' and ${filter('k.source_id')}`);
  await run(`with drawn as (
      insert into ingest.case_key (agency, source_id, record_key, first_delivery)
      select 'migrationsverket', s._key, ${DRAWN_RECORD_KEY}, s._delivery
      from ${AFFECTED} a join ${MIV_CASES} s on s._key = a.source_id
      where not exists (select 1 from ${AFFECTED_CASES} c where c.source_id = a.source_id)
      returning case_id, source_id, record_key)
    insert into ${AFFECTED_CASES} select case_id, source_id, record_key from drawn`);
  await run(`analyze ${AFFECTED_CASES}`);
  step('keys');
  await run(`create temp table new_fact (like ${C}.case_fact) on commit drop`);
  await run(`create temp table new_event (like ${C}.case_event) on commit drop`);
  await run(factsStatement(NEW_FACTS, AFFECTED_CASES, affectedOnly(AFFECTED_CASES)));
  await run(ownEventsStatement(NEW_EVENTS, NEW_FACTS));
  await run(deliveredEventsStatement(NEW_EVENTS, filter));
  step('build');
  // One index scan per partition for all the cases (an array of ids), not one per case and partition.
  const cases = `case_id = any(array(select case_id from ${AFFECTED_CASES}))`;
  await run(`create temp table old_fact on commit drop as select * from ${C}.case_fact where ${cases}`);
  await run(`create temp table old_event on commit drop as select * from ${C}.case_event where ${cases}`);
  step('read');
  // Whole rows compared (EXCEPT treats nulls as equal): a row that changed in any column is in both sets.
  await run(`create temp table gone_fact on commit drop as select * from ${OLD_FACTS} except select * from ${NEW_FACTS}`);
  await run(`create temp table added_fact on commit drop as select * from ${NEW_FACTS} except select * from ${OLD_FACTS}`);
  await run(`create temp table gone_event on commit drop as select * from ${OLD_EVENTS} except select * from ${NEW_EVENTS}`);
  await run(`create temp table added_event on commit drop as select * from ${NEW_EVENTS} except select * from ${OLD_EVENTS}`);
  for (const table of [GONE_FACTS, GONE_EVENTS]) await run(`analyze ${table}`);
  await sql`set local enable_hashjoin = on`.execute(db);
  await sql`set local enable_mergejoin = on`.execute(db);
  // A case has one fact row: its id names it. An event is named by its key, among its case's events.
  const goneFacts = await run(`delete from ${C}.case_fact where case_id = any(array(select case_id from ${GONE_FACTS}))`);
  const goneEvents = await run(`delete from ${C}.case_event e using ${GONE_EVENTS} g
    where e.case_id = any(array(select distinct case_id from ${GONE_EVENTS}))
      and e.case_id = g.case_id and e.event_type = g.event_type and e.event_date = g.event_date`);
  const addedFacts = await run(`insert into ${C}.case_fact select * from ${ADDED_FACTS}`);
  const addedEvents = await run(`insert into ${C}.case_event select * from ${ADDED_EVENTS}`);
  step('write');
  await mergeRollup(
    db,
    'received_month',
    ['month', 'case_type', 'segment', 'sex', 'region'],
    ['received', 'received_key'],
    ['received_key'],
    `${receivedMonthSums(ADDED_FACTS)} union all ${receivedMonthSums(GONE_FACTS, true)}`,
  );
  await mergeRollup(
    db,
    'decided_month',
    ['month', 'case_type', 'segment', 'sex', 'region', 'outcome'],
    ['decided', 'processing_days_sum', 'within_limit', 'decided_key', 'within_key'],
    ['decided_key', 'within_key'],
    `${decidedMonthSums(ADDED_FACTS)} union all ${decidedMonthSums(GONE_FACTS, true)}`,
  );
  await rebuildYearRollups(db, C);
  await sql`insert into ${sql.raw(C)}.dimension_member (dimension, code, case_type, cases)
    select dimension, code, case_type, sum(cases) from (
      select dimension, code, case_type, cases from (${dimensionMemberSelect(ADDED_FACTS)}) n
      union all select dimension, code, case_type, -cases from (${dimensionMemberSelect(GONE_FACTS)}) o
    ) d group by 1, 2, 3
    on conflict (dimension, case_type, code) do update set cases = dimension_member.cases + excluded.cases`.execute(db);
  await sql`delete from ${sql.raw(C)}.dimension_member where cases <= 0`.execute(db);
  step('rollups');
  const caseDelta = Number(addedFacts.numAffectedRows ?? 0) - Number(goneFacts.numAffectedRows ?? 0);
  const eventDelta = Number(addedEvents.numAffectedRows ?? 0) - Number(goneEvents.numAffectedRows ?? 0);
  const { rows: totals } = await sql<{ case_rows: number; event_rows: number }>`
    update ${sql.raw(C)}.load_info set case_rows = case_rows + ${caseDelta}, event_rows = event_rows + ${eventDelta},
      checksum = ${info.checksum}, loaded_at = now()
    returning case_rows::int, event_rows::int`.execute(db);
  await grantReader(db, 'ingest');
  await bumpGeneration(db);
  step('generation');
  return { caseRows: totals[0]?.case_rows ?? 0, eventRows: totals[0]?.event_rows ?? 0, mode: 'incremental', steps };
}
