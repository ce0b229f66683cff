import { sql, type Kysely } from 'kysely';
import * as caseFacts from './0002-case-facts.js';

/**
 * Record keys for the cell key method (docs/disclosure-control.md). A database migrated before them holds generated
 * cases without keys, which cannot be given the keys their seed would have given: its `cases` schema is rebuilt
 * empty (0002's frozen tables plus the keys and the rollups' key sums), and the next start regenerates the cases as
 * on a first start. Frozen: it holds its own DDL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ present: boolean }>`
    select exists (select 1 from information_schema.columns
                   where table_schema = 'cases' and table_name = 'case_fact' and column_name = 'record_key') as present`.execute(db);
  if (rows[0]?.present) return;
  await sql`drop schema if exists cases cascade`.execute(db);
  await caseFacts.up(db);
  await sql`alter table cases.case_fact add column record_key integer not null check (record_key >= 0)`.execute(db);
  await sql`alter table cases.received_month add column received_key integer not null`.execute(db);
  await sql`alter table cases.decided_month add column decided_key integer not null, add column within_key integer not null`.execute(db);
}

export async function down(): Promise<void> {
  // The keys stay: loads build the case tables with them.
}
