import { sql, type Kysely } from 'kysely';
import { ATTRIBUTES, CASE_ATTRIBUTE_DIMENSIONS } from '../dimensions/dimension-registry.js';

/**
 * Which members of each case dimension occur with which case type, written beside the rollups at every load (one
 * pass over the facts with grouping sets, columns from the dimension registry). `dimensionValues` reads it, and the
 * row estimate that refuses oversized groupings before they run multiplies per case type only the members it has.
 */
export const MEMBER_DIMENSIONS = CASE_ATTRIBUTE_DIMENSIONS.filter((d) => d !== 'CASE_TYPE');

export async function createDimensionMemberTable<D>(db: Kysely<D>, schema: string): Promise<void> {
  await sql`create table if not exists ${sql.raw(`${schema}.dimension_member`)} (
    dimension text not null, code text not null, case_type text not null, cases bigint not null,
    primary key (dimension, case_type, code)
  )`.execute(db);
}

/** (dimension, code, case_type, cases) of every member of every case dimension in a relation of case facts. */
export function dimensionMemberSelect(relation: string) {
  const columns = MEMBER_DIMENSIONS.map((d) => sql.ref(ATTRIBUTES[d].column));
  const sets = columns.map((c) => sql`(case_type, ${c})`);
  // grouping(c) is 0 in the set that groups by c: that set's rows name its members.
  const dimensionOf = sql.join(
    MEMBER_DIMENSIONS.map((d) => sql`when grouping(${sql.ref(ATTRIBUTES[d].column)}) = 0 then ${d}`),
    sql` `,
  );
  const codeOf = sql.join(
    MEMBER_DIMENSIONS.map((d) => sql`when grouping(${sql.ref(ATTRIBUTES[d].column)}) = 0 then ${sql.ref(ATTRIBUTES[d].column)}`),
    sql` `,
  );
  return sql`select * from (
      select case ${dimensionOf} end as dimension, case ${codeOf} end as code, case_type, count(*) as cases
      from ${sql.raw(relation)}
      group by grouping sets (${sql.join(sets)})
    ) m where m.code is not null`;
}

export async function buildDimensionMembers<D>(db: Kysely<D>, schema: string): Promise<void> {
  // Rebuilt whole, like the rollups: a schema's facts may have been written again since.
  await sql`delete from ${sql.raw(`${schema}.dimension_member`)}`.execute(db);
  await sql`insert into ${sql.raw(`${schema}.dimension_member`)} ${dimensionMemberSelect(`${schema}.case_fact`)}`.execute(db);
}
