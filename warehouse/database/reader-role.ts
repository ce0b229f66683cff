import { sql, type Kysely } from 'kysely';
import { derivedPassword } from './derived-password.js';
import { ensureReadOnlyLogin, loginUrl } from './read-only-login.js';

/** The read-only role the API connects as: it can SELECT from the warehouse and change nothing. */
export const READER_ROLE = 'warehouse_reader';

/**
 * Creates the read-only login role (or sets its password again) and grants it read access to the warehouse schemas;
 * returns its password. With a `secret` shared by every instance (READER_PASSWORD_SECRET, else the owner connection's
 * password) the password is derived from it, so an instance starting later sets the same one and locks out none
 * started earlier; without one it is random. Needs a connection allowed to create roles (the embedded server's
 * superuser; on a managed server give READER_DATABASE_URL instead).
 */
export async function ensureReaderRole<D>(db: Kysely<D>, secret?: string): Promise<string> {
  const password = await ensureReadOnlyLogin(db, READER_ROLE, { password: secret ? derivedPassword(secret, READER_ROLE) : undefined });
  await grantReader(db, 'public');
  await grantReader(db, 'cases');
  // The load history (deliveries) and the lineage of cases are read from the ingestion schema.
  await grantReader(db, 'ingest');
  return password;
}

/** Read access to one schema's tables; run again whenever a schema is replaced (the case reload swaps `cases`). */
export async function grantReader<D>(db: Kysely<D>, schema: string): Promise<void> {
  const { rows } = await sql<{ exists: boolean }>`select exists (select 1 from pg_roles where rolname = ${READER_ROLE}) as exists`.execute(db);
  if (!rows[0]?.exists) return;
  await sql.raw(`grant usage on schema ${schema} to ${READER_ROLE}`).execute(db);
  await sql.raw(`grant select on all tables in schema ${schema} to ${READER_ROLE}`).execute(db);
}

/** The connection string of the reader role on the same server and database. */
export function readerUrl(ownerUrl: string, password: string): string {
  return loginUrl(ownerUrl, READER_ROLE, password);
}
