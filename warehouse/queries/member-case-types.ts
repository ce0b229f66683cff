import { sql, type Kysely } from 'kysely';
import type { Database } from '../database/tables.js';
import { ATTRIBUTES, type AttributeDimension } from '../metrics/dimensions.js';

/**
 * For a dimension of the case facts: each member code with the case types whose cases hold it. Read from the monthly
 * rollups where they keep the dimension (outcome: the decided rollup), else from the base facts.
 */
export async function memberCaseTypes(db: Kysely<Database>, d: AttributeDimension): Promise<Map<string, string[]>> {
  const spec = ATTRIBUTES[d];
  const column = sql.ref(spec.column);
  const source = !spec.inRollups ? sql`cases.case_fact` : d === 'OUTCOME' ? sql`cases.decided_month` : sql`cases.received_month`;
  const { rows } = await sql<{ code: string; case_types: string[] }>`
    select ${column} as code, array_agg(distinct case_type order by case_type) as case_types
    from ${source} where ${column} is not null group by 1`.execute(db);
  return new Map(rows.map((r) => [r.code, r.case_types]));
}

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
