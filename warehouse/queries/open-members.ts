import { sql, type Kysely } from 'kysely';
import type { Database } from '../database/tables.js';
import type { MemberTable } from '../dimensions/dimension-registry.js';
import { rememberForGeneration } from '../database/generation-memo.js';

/** The codes of the open sets' reference tables, in one statement (remembered per generation): table → codes. */
export function openSetMembers(db: Kysely<Database>, tables: readonly MemberTable[]): Promise<ReadonlyMap<MemberTable, readonly string[]>> {
  return rememberForGeneration(db, `open-set-members:${tables.join(',')}`, () => readOpenSetMembers(db, tables));
}

async function readOpenSetMembers(db: Kysely<Database>, tables: readonly MemberTable[]): Promise<Map<MemberTable, string[]>> {
  const members = new Map<MemberTable, string[]>(tables.map((t) => [t, []]));
  if (tables.length === 0) return members;
  const parts = tables.map((t) => sql`select ${t}::text as member_table, code from ${sql.table(t)}`);
  const { rows } = await sql<{ member_table: MemberTable; code: string }>`${sql.join(parts, sql` union all `)} order by 1, 2`.execute(db);
  for (const row of rows) members.get(row.member_table)?.push(row.code);
  return members;
}
