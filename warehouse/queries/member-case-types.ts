import type { Kysely } from 'kysely';
import type { Database } from '../database/tables.js';
import { ATTRIBUTES, type AttributeDimension } from '../dimensions/dimension-registry.js';

/** The members of an open set's reference table with their names (appropriations have only a Swedish name). */
export async function openMemberNames(db: Kysely<Database>, d: AttributeDimension): Promise<{ code: string; nameSv: string; name: string }[]> {
  const members = ATTRIBUTES[d].members;
  if (members.kind !== 'open') return [];
  if (members.table === 'dim_appropriation') {
    const rows = await db.selectFrom('dim_appropriation').select(['code', 'name_sv']).orderBy('code').execute();
    return rows.map((r) => ({ code: r.code, nameSv: r.name_sv, name: r.name_sv }));
  }
  const rows = await db.selectFrom(members.table).select(['code', 'name_sv', 'name_en']).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, nameSv: r.name_sv, name: r.name_en }));
}
