import { sql, type Kysely } from 'kysely';
import { BI_SCHEMA } from './bi-schema.js';
import { ensureReadOnlyLogin, loginUrl } from '../database/read-only-login.js';

/**
 * The login for BI tools (Power BI, Tableau, Metabase, Excel, psql…): SELECT on the `bi` views and nothing else.
 * It is an analyst-level login: the views show the metrics exactly (no cell-key perturbation), as the API's analyst role
 * sees them, but never a case row (the views aggregate; the `cases` schema is not granted). Give it to people who may
 * see analyst-level aggregates.
 */
export const BI_READER_ROLE = 'bi_reader';

export interface BiReaderOptions {
  /** Fixed password (so saved BI connections keep working across restarts); random when absent. */
  password?: string;
  /** Milliseconds after which the server cancels one of its statements. */
  statementTimeoutMs: number;
}

/** Creates (or re-keys) the bi_reader login and grants it the views; returns its password. Needs a role that may create roles. */
export async function ensureBiReaderRole<D>(db: Kysely<D>, options: BiReaderOptions): Promise<string> {
  const password = await ensureReadOnlyLogin(db, BI_READER_ROLE, {
    password: options.password,
    // Unqualified names find the views: `select * from approval_rate`.
    settings: { statement_timeout: options.statementTimeoutMs, search_path: BI_SCHEMA },
  });
  await grantBiReader(db);
  return password;
}

/** SELECT on every view of `bi`; run again whenever the views are recreated (a new schema is a new object). */
export async function grantBiReader<D>(db: Kysely<D>): Promise<void> {
  const { rows } = await sql<{ ready: boolean }>`
    select exists (select 1 from pg_roles where rolname = ${BI_READER_ROLE})
       and exists (select 1 from pg_namespace where nspname = ${BI_SCHEMA}) as ready`.execute(db);
  if (!rows[0]?.ready) return;
  await sql.raw(`grant usage on schema ${BI_SCHEMA} to ${BI_READER_ROLE}`).execute(db);
  await sql.raw(`grant select on all tables in schema ${BI_SCHEMA} to ${BI_READER_ROLE}`).execute(db);
}

/** The connection string of bi_reader on the same server and database. */
export function biReaderUrl(ownerUrl: string, password: string): string {
  return loginUrl(ownerUrl, BI_READER_ROLE, password);
}
