import { sql, type Kysely } from 'kysely';
import { CASES_SCHEMA } from '../cases/case-tables.js';
import { dimensionMemberSelect } from '../cases/dimension-members.js';
import { decidedMonthSums, receivedMonthSums } from '../cases/rollup-sums.js';
import { rebuildYearRollups } from '../cases/year-rollups.js';
import { bumpGeneration } from '../database/generation.js';
import { grantReader } from '../database/reader-role.js';
import { RECORD_KEY_MODULUS } from '../disclosure/record-keys.js';
import { type PublishInfo, type PublishResult, stepTimer } from './publish-cases.js';
import { affectedOnly, deliveredEventsStatement, drawKeysStatement, factsStatement, ownEventsStatement } from './unified-cases-sql.js';

/** Temporary tables of one incremental publish (dropped at commit). */
const AFFECTED = 'pg_temp.affected_source';
const AFFECTED_CASES = 'pg_temp.affected_case';
const OLD_FACTS = 'pg_temp.old_fact';
const NEW_FACTS = 'pg_temp.new_fact';

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
 * Publishes deltas in place, in the caller's transaction: only the cases they touched (collected into the affected
 * set before and after the deltas were applied to the agencies' state) are taken out of `cases` and built again
 * from the state, and the rollups and dimension members are corrected by the difference. Readers see the old
 * warehouse until the transaction commits, the new one after, as with a rebuild.
 */
export async function publishChanges<D>(trx: Kysely<D>, info: PublishInfo): Promise<PublishResult> {
  const db = trx as unknown as Kysely<unknown>;
  const { step, steps } = stepTimer();
  await sql`set local work_mem = '256MB'`.execute(db);
  const filter = affectedOnly(AFFECTED);
  // The planner needs the sizes of the small sets to reach the big tables through their keys, not by scans.
  await sql.raw(`analyze ${AFFECTED}`).execute(db);
  // A delta's cases are a sliver of the warehouse: reach them through the keys' indexes, one by one. Left to itself
  // the planner walks whole indexes (merge joins) or hashes whole tables for a few thousand rows.
  await sql`set local enable_hashjoin = off`.execute(db);
  await sql`set local enable_mergejoin = off`.execute(db);
  await sql.raw(drawKeysStatement(filter)).execute(db);
  await sql
    .raw(`create temp table affected_case on commit drop as
    select k.case_id from ingest.case_key k join ${AFFECTED} a on a.source_id = k.source_id where k.agency = 'migrationsverket'`)
    .execute(db);
  await sql.raw(`analyze ${AFFECTED_CASES}`).execute(db);
  step('keys');
  await sql
    .raw(`create temp table old_fact on commit drop as select * from ${C}.case_fact where case_id in (select case_id from ${AFFECTED_CASES})`)
    .execute(db);
  const oldEvents = await sql.raw(`delete from ${C}.case_event where case_id in (select case_id from ${AFFECTED_CASES})`).execute(db);
  const oldFacts = await sql.raw(`delete from ${C}.case_fact where case_id in (select case_id from ${AFFECTED_CASES})`).execute(db);
  step('delete');
  const facts = await sql.raw(factsStatement(C, filter)).execute(db);
  await sql
    .raw(`create temp table new_fact on commit drop as select * from ${C}.case_fact where case_id in (select case_id from ${AFFECTED_CASES})`)
    .execute(db);
  step('facts');
  const own = await sql.raw(ownEventsStatement(C, AFFECTED_CASES)).execute(db);
  step('own events');
  const delivered = await sql.raw(deliveredEventsStatement(C, filter)).execute(db);
  await sql`set local enable_hashjoin = on`.execute(db);
  await sql`set local enable_mergejoin = on`.execute(db);
  step('events');
  await mergeRollup(
    db,
    'received_month',
    ['month', 'case_type', 'segment', 'sex', 'region'],
    ['received', 'received_key'],
    ['received_key'],
    `${receivedMonthSums(NEW_FACTS)} union all ${receivedMonthSums(OLD_FACTS, true)}`,
  );
  await mergeRollup(
    db,
    'decided_month',
    ['month', 'case_type', 'segment', 'sex', 'region', 'outcome'],
    ['decided', 'processing_days_sum', 'within_limit', 'decided_key', 'within_key'],
    ['decided_key', 'within_key'],
    `${decidedMonthSums(NEW_FACTS)} union all ${decidedMonthSums(OLD_FACTS, true)}`,
  );
  await rebuildYearRollups(db, C);
  await sql`insert into ${sql.raw(C)}.dimension_member (dimension, code, case_type, cases)
    select dimension, code, case_type, sum(cases) from (
      select dimension, code, case_type, cases from (${dimensionMemberSelect(NEW_FACTS)}) n
      union all select dimension, code, case_type, -cases from (${dimensionMemberSelect(OLD_FACTS)}) o
    ) d group by 1, 2, 3
    on conflict (dimension, case_type, code) do update set cases = dimension_member.cases + excluded.cases`.execute(db);
  await sql`delete from ${sql.raw(C)}.dimension_member where cases <= 0`.execute(db);
  step('rollups');
  const caseDelta = Number(facts.numAffectedRows ?? 0) - Number(oldFacts.numAffectedRows ?? 0);
  const eventDelta = Number(own.numAffectedRows ?? 0) + Number(delivered.numAffectedRows ?? 0) - Number(oldEvents.numAffectedRows ?? 0);
  const { rows: totals } = await sql<{ case_rows: number; event_rows: number }>`
    update ${sql.raw(C)}.load_info set case_rows = case_rows + ${caseDelta}, event_rows = event_rows + ${eventDelta},
      checksum = ${info.checksum}, loaded_at = now()
    returning case_rows::int, event_rows::int`.execute(db);
  await grantReader(db, 'ingest');
  await bumpGeneration(db);
  step('generation');
  return { caseRows: totals[0]?.case_rows ?? 0, eventRows: totals[0]?.event_rows ?? 0, mode: 'incremental', steps };
}
