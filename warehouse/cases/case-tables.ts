import { sql, type Kysely } from 'kysely';
import { buildDimensionMembers, createDimensionMemberTable } from './dimension-members.js';
import { decidedMonthSums, receivedMonthSums } from './rollup-sums.js';
import { RECORD_KEY_MODULUS } from '../disclosure/record-keys.js';
import { createYearRollups, rebuildYearRollups } from './year-rollups.js';

/**
 * The case-level facts live in their own schema, `cases`, so that a reload can build a complete new copy in
 * `cases_staging` and swap the two by renaming schemas in one transaction: readers see the old warehouse or the new,
 * never a half-loaded one. The same DDL builds both (and migration 0002 builds the first, empty `cases`).
 */
export const CASES_SCHEMA = 'cases';
export const STAGING_SCHEMA = 'cases_staging';

/** Years the fact tables are partitioned into; rows outside fall into the default partition. */
export const PARTITION_YEARS = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;

export async function createCaseTables<D>(db: Kysely<D>, schema: string): Promise<void> {
  const s = (name: string) => sql.raw(`${schema}.${name}`);
  await sql`create schema ${sql.raw(schema)}`.execute(db);

  // One row per case (ärende). Dates are calendar dates; processing_days = decision_date − received_date.
  await sql`
    create table ${s('case_fact')} (
      case_id bigint not null,
      case_type text not null,
      segment text not null,
      subcategory text,
      sex text not null,
      age_group text not null,
      nationality text not null,
      region text,
      channel text not null,
      automated boolean not null default false,
      received_date date not null,
      decision_date date,
      outcome text,
      processing_days integer,
      fee_paid_sek integer,
      appealed boolean not null default false,
      court_outcome text,
      -- Cell key method: a fixed pseudo-random key in [0, 2^31) per case (warehouse/disclosure/record-keys.ts).
      record_key integer not null check (record_key >= 0),
      check (decision_date is null or decision_date >= received_date),
      check ((decision_date is null) = (outcome is null))
    ) partition by range (received_date)`.execute(db);

  // Dated status changes of a case: received, decided, appealed, court_decided, handed_to_police, departed_*.
  await sql`
    create table ${s('case_event')} (
      case_id bigint not null,
      event_type text not null,
      event_date date not null,
      agency text,
      -- The agencies that reported the event (a departure may be reported by two): docs/ingest.md, "Unification".
      sources text[] not null default '{}'
    ) partition by range (event_date)`.execute(db);

  for (const table of ['case_fact', 'case_event']) {
    for (const year of PARTITION_YEARS) {
      await sql`create table ${s(`${table}_${year}`)} partition of ${s(table)}
        for values from (${sql.lit(`${year}-01-01`)}) to (${sql.lit(`${year + 1}-01-01`)})`.execute(db);
    }
    await sql`create table ${s(`${table}_other`)} partition of ${s(table)} default`.execute(db);
  }

  // Rollups for the common groupings: monthly flows at the dimensions most queries group by. Metrics use them when
  // the question needs no other dimension (nationality, age group, channel go to the base facts). Beside each count,
  // the sum of its cases' record keys mod 2^31: a cell's key is then a sum over rollup rows, with no extra scan.
  await sql`
    create table ${s('received_month')} (
      month date not null,
      case_type text not null,
      segment text not null,
      sex text not null,
      region text,
      received bigint not null,
      received_key integer not null
    )`.execute(db);
  await sql`
    create table ${s('decided_month')} (
      month date not null,
      case_type text not null,
      segment text not null,
      sex text not null,
      region text,
      outcome text not null,
      decided bigint not null,
      processing_days_sum bigint not null,
      within_limit bigint not null,
      decided_key integer not null,
      within_key integer not null
    )`.execute(db);

  await createYearRollups(db, schema);
  await createDimensionMemberTable(db, schema);

  // Fingerprint of the load that built this schema: scale, seed, row counts and the content checksum.
  await sql`
    create table ${s('load_info')} (
      -- The source simulator's scale and seed; null for agencies' own extracts.
      scale double precision,
      seed integer,
      case_rows bigint not null,
      event_rows bigint not null,
      checksum text not null,
      loaded_at timestamptz not null default now()
    )`.execute(db);
}

/** Keys and indexes, built after the bulk insert (much faster than maintaining them row by row). */
export async function indexCaseTables<D>(db: Kysely<D>, schema: string): Promise<void> {
  const s = (name: string) => sql.raw(`${schema}.${name}`);
  await sql`alter table ${s('case_fact')} add primary key (case_id, received_date)`.execute(db);
  // It also serves the API's look-up of a case's events (by case_id, its first column): no second index for that.
  await sql`alter table ${s('case_event')} add primary key (case_id, event_type, event_date)`.execute(db);
  await sql`create index on ${s('case_fact')} (case_type, decision_date)`.execute(db);
  await sql`create index on ${s('case_fact')} (decision_date)`.execute(db);
  await sql`create index on ${s('received_month')} (case_type, month)`.execute(db);
  await sql`create index on ${s('decided_month')} (case_type, month)`.execute(db);
}

/**
 * Fills the rollups from the facts of the same schema. `limit_days` is the statutory limit of the case type
 * (dim_case_type); a case type without one counts no decision as within it.
 */
export async function buildCaseRollups<D>(db: Kysely<D>, schema: string): Promise<void> {
  const s = (name: string) => sql.raw(`${schema}.${name}`);
  const M = RECORD_KEY_MODULUS;
  await sql
    .raw(`insert into ${schema}.received_month
      select month, case_type, segment, sex, region, received, (received_key % ${M})::integer
      from (${receivedMonthSums(`${schema}.case_fact`)}) r`)
    .execute(db);
  await sql
    .raw(`insert into ${schema}.decided_month
      select month, case_type, segment, sex, region, outcome, decided, processing_days_sum, within_limit,
        (decided_key % ${M})::integer, (within_key % ${M})::integer
      from (${decidedMonthSums(`${schema}.case_fact`)}) d`)
    .execute(db);
  await rebuildYearRollups(db, schema);
  await buildDimensionMembers(db, schema);
  await sql`analyze ${s('case_fact')}`.execute(db);
  await sql`analyze ${s('case_event')}`.execute(db);
  await sql`analyze ${s('received_month')}`.execute(db);
  await sql`analyze ${s('decided_month')}`.execute(db);
}
