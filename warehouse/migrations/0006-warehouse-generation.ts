import { sql, type Kysely } from 'kysely';

/**
 * One row counting the warehouse's loads: every case swap and figure load adds one and sends a NOTIFY in the same
 * transaction, so API processes know when their cached answers went stale. Frozen: its own DDL, no shared constants.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table warehouse_generation (
    singleton boolean primary key default true check (singleton),
    generation bigint not null default 1,
    changed_at timestamptz not null default now()
  )`.execute(db);
  await sql`insert into warehouse_generation default values`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists warehouse_generation`.execute(db);
}
