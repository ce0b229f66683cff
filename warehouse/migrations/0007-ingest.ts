import { sql, type Kysely } from 'kysely';

/**
 * The ingestion side of the warehouse (docs/ingest.md): the code maps, every delivery with its outcome, the rejected
 * rows, and the surrogate case ids with their record keys, kept across loads. The agencies' current state lives in
 * `ingest.state_<agency>_<resource>` tables made from their Table Schemas at first load; scratch tables of a load
 * in the unlogged `ingest_work` schema. Frozen: its own DDL, no shared constants.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema if not exists ingest`.execute(db);
  await sql`create table ingest.code_map (
    agency text not null,
    field text not null,
    source_code text not null,
    code text not null,
    valid_from date not null,
    valid_to date,
    primary key (agency, field, source_code, valid_from)
  )`.execute(db);
  await sql`create table ingest.delivery (
    delivery_id bigint generated always as identity primary key,
    agency text not null,
    extract_id bigint not null,
    kind text not null check (kind in ('full', 'delta')),
    status text not null check (status in ('validating', 'refused', 'published', 'replayed', 'interrupted')),
    manifest_hash text not null,
    extracted_at timestamptz,
    period_start date,
    period_end date,
    received_at timestamptz not null default now(),
    finished_at timestamptz,
    rows_total bigint not null default 0,
    rows_rejected bigint not null default 0,
    rows_applied bigint not null default 0,
    rows_held bigint not null default 0,
    report jsonb not null default '{}'::jsonb,
    message text,
    generation bigint
  )`.execute(db);
  // One published extract per agency and id: a second file under the same id is refused, the same one replayed.
  await sql`create unique index delivery_extract on ingest.delivery (agency, extract_id) where status = 'published'`.execute(db);
  await sql`create table ingest.reject (
    delivery_id bigint not null references ingest.delivery on delete cascade,
    resource text not null,
    row_number bigint not null,
    source_key text,
    field text not null,
    cell text,
    kind text not null,
    message text not null
  )`.execute(db);
  await sql`create index on ingest.reject (delivery_id, kind)`.execute(db);
  // A warehouse case id is drawn once per (agency, source id) and never reused; so is its record key (cell key method).
  await sql`create table ingest.case_key (
    case_id bigint generated always as identity primary key,
    agency text not null,
    source_id text not null,
    record_key integer not null check (record_key >= 0),
    first_delivery bigint not null,
    unique (agency, source_id)
  )`.execute(db);
  await sql`create schema if not exists ingest_work`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists ingest_work cascade`.execute(db);
  await sql`drop schema if exists ingest cascade`.execute(db);
}
