import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/** Role settings a read-only login gets beside `default_transaction_read_only = on`. */
export type LoginSettings = Readonly<Record<string, string | number>>;

/**
 * Creates (or re-keys) a login that can change nothing (read-only transactions by default, no privileges of its own;
 * its grants are given separately) and returns its password: `password` when given, else random url-safe text (which
 * locks out whoever connected with the previous one). Needs a connection allowed to create roles.
 */
export async function ensureReadOnlyLogin<D>(
  db: Kysely<D>,
  role: string,
  options: { password?: string; settings?: LoginSettings } = {},
): Promise<string> {
  const password = options.password ?? randomBytes(18).toString('base64url');
  // Instances starting together would race on the role's catalog row ("tuple concurrently updated"): one at a time.
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`read-only login ${role}`}))`.execute(trx);
    const { rows } = await sql<{ exists: boolean }>`select exists (select 1 from pg_roles where rolname = ${role}) as exists`.execute(trx);
    // Role names and passwords cannot be bound parameters in DDL: the role is our own constant, the password a quoted literal.
    const quoted = `'${password.replace(/'/g, "''")}'`;
    if (rows[0]?.exists) await sql.raw(`alter role ${role} with login password ${quoted}`).execute(trx);
    else await sql.raw(`create role ${role} with login password ${quoted} nosuperuser nocreatedb nocreaterole noinherit`).execute(trx);
    await sql.raw(`alter role ${role} set default_transaction_read_only = on`).execute(trx);
    for (const [name, value] of Object.entries(options.settings ?? {})) {
      await sql.raw(`alter role ${role} set ${name} = ${typeof value === 'number' ? Math.trunc(value) : value}`).execute(trx);
    }
  });
  return password;
}

/** The connection string of a login on the same server and database as the owner's. */
export function loginUrl(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
