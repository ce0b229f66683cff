import { sql, type Kysely } from 'kysely';
import { bumpGeneration } from '../database/generation.js';
import { createBiViews } from '../bi/metric-views.js';
import { grantReader } from '../database/reader-role.js';
import { CASES_SCHEMA, STAGING_SCHEMA } from './case-tables.js';

const OLD_SCHEMA = 'cases_old';

/** Drops a staging schema left by a load that crashed or was killed. */
export async function dropStaging(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists ${sql.raw(STAGING_SCHEMA)} cascade`.execute(db);
}

/**
 * Replaces `cases` by the loaded `cases_staging`, in the caller's transaction (the publish that also applies the
 * agencies' state); renames are catalog updates: instant. Readers see the old schema or the new one, never a mix (BI
 * views included); a failure inside rolls back to the old one intact.
 */
export async function swapInStaging(trx: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ present: boolean }>`
    select exists (select 1 from pg_namespace where nspname = ${CASES_SCHEMA}) as present`.execute(trx);
  await sql`drop schema if exists ${sql.raw(OLD_SCHEMA)} cascade`.execute(trx);
  if (rows[0]?.present) await sql`alter schema ${sql.raw(CASES_SCHEMA)} rename to ${sql.raw(OLD_SCHEMA)}`.execute(trx);
  await sql`alter schema ${sql.raw(STAGING_SCHEMA)} rename to ${sql.raw(CASES_SCHEMA)}`.execute(trx);
  // The new schema is a new object: the API's read-only role gets its grants in the same transaction.
  await grantReader(trx, CASES_SCHEMA);
  if (rows[0]?.present) await sql`drop schema ${sql.raw(OLD_SCHEMA)} cascade`.execute(trx);
  // API processes drop their cached answers when this commits.
  await bumpGeneration(trx);
  // Dropping the old schema dropped the BI views over it: they come back over the new one before anyone sees either.
  await createBiViews(trx);
}
