import { sql, type Kysely } from 'kysely';
import { CASES_SCHEMA, createCaseTables, indexCaseTables } from '../cases/case-tables.js';

/**
 * Record keys for the cell key method (docs/disclosure-control.md). A database migrated before them holds generated
 * cases without keys, which cannot be given the keys their seed would have given: its `cases` schema is rebuilt
 * empty (with the keys and the rollups' key sums), and the next start regenerates the cases as on a first start.
 * A database whose cases already have keys (built by 0002 since) is left alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ present: boolean }>`
    select exists (select 1 from information_schema.columns
                   where table_schema = ${CASES_SCHEMA} and table_name = 'case_fact' and column_name = 'record_key') as present`.execute(db);
  if (rows[0]?.present) return;
  await sql`drop schema if exists ${sql.raw(CASES_SCHEMA)} cascade`.execute(db);
  await createCaseTables(db, CASES_SCHEMA);
  await indexCaseTables(db, CASES_SCHEMA);
}

export async function down(): Promise<void> {
  // The keys stay: 0002's tables are built with them.
}
