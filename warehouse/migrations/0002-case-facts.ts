import { sql, type Kysely } from 'kysely';

/**
 * Case-level facts (ärenden), their events and rollups, in the `cases` schema; empty until the generator loads.
 * Frozen: this is the DDL as it stood when the migration was written. Loads build later shapes with the live
 * `createCaseTables` (warehouse/cases/case-tables.ts) in a staging schema and swap it in; a change of shape that an
 * empty warehouse must also have gets a migration of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema cases`.execute(db);
  await sql`
    create table cases.case_fact (
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
      primary key (case_id, received_date),
      check (decision_date is null or decision_date >= received_date),
      check ((decision_date is null) = (outcome is null))
    ) partition by range (received_date)`.execute(db);
  await sql`
    create table cases.case_event (
      case_id bigint not null,
      event_type text not null,
      event_date date not null,
      agency text,
      primary key (case_id, event_type, event_date)
    ) partition by range (event_date)`.execute(db);
  for (const table of ['case_fact', 'case_event']) {
    for (const year of [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
      await sql`create table ${sql.raw(`cases.${table}_${year}`)} partition of ${sql.raw(`cases.${table}`)}
        for values from (${sql.lit(`${year}-01-01`)}) to (${sql.lit(`${year + 1}-01-01`)})`.execute(db);
    }
    await sql`create table ${sql.raw(`cases.${table}_other`)} partition of ${sql.raw(`cases.${table}`)} default`.execute(db);
  }
  await sql`
    create table cases.received_month (
      month date not null, case_type text not null, segment text not null, sex text not null, region text,
      received bigint not null
    )`.execute(db);
  await sql`
    create table cases.decided_month (
      month date not null, case_type text not null, segment text not null, sex text not null, region text,
      outcome text not null, decided bigint not null, processing_days_sum bigint not null, within_limit bigint not null
    )`.execute(db);
  await sql`
    create table cases.load_info (
      scale double precision not null,
      seed integer not null,
      case_rows bigint not null,
      event_rows bigint not null,
      checksum text not null,
      loaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index on cases.case_fact (case_type, decision_date)`.execute(db);
  await sql`create index on cases.case_fact (decision_date)`.execute(db);
  await sql`create index on cases.case_event (case_id)`.execute(db);
  await sql`create index on cases.received_month (case_type, month)`.execute(db);
  await sql`create index on cases.decided_month (case_type, month)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropSchema('cases').ifExists().cascade().execute();
}
