import type { Kysely } from 'kysely';
import { CASES_SCHEMA, createCaseTables, indexCaseTables } from '../cases/case-tables.js';

/** Case-level facts (ärenden), their events and rollups, in the `cases` schema; empty until the generator loads. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createCaseTables(db, CASES_SCHEMA);
  await indexCaseTables(db, CASES_SCHEMA);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropSchema(CASES_SCHEMA).ifExists().cascade().execute();
}
