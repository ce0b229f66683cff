import { sql, type Kysely } from 'kysely';

/** Scratch tables of one delivery's load, in the unlogged `ingest_work` schema: dropped when it ends, or by the next load. */
export const WORK_SCHEMA = 'ingest_work';

export type WorkStage = 'raw' | 'dups' | 'mapped' | 'keys';

/** `ingest_work.<stage>_<delivery id>_<resource>`, quoted. */
export function workTable(stage: WorkStage, deliveryId: number, resource: string): string {
  return `${WORK_SCHEMA}."${stage}_${deliveryId}_${resource}"`;
}

/** Drops every scratch table (of this load, or left by one that was killed). */
export async function dropWorkTables<D>(db: Kysely<D>, deliveryId?: number): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${WORK_SCHEMA} and c.relkind = 'r'
      and (${deliveryId ?? null}::bigint is null or c.relname ~ ('^[a-z]+_' || ${deliveryId ?? null}::bigint || '_'))`.execute(db);
  for (const { name } of rows) await sql`drop table if exists ${sql.raw(`${WORK_SCHEMA}."${name}"`)}`.execute(db);
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
