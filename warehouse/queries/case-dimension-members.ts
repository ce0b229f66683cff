import type { Kysely } from 'kysely';
import type { Database } from '../database/tables.js';
import type { AttributeDimension } from '../dimensions/dimension-registry.js';
import { rememberForGeneration } from '../database/generation-memo.js';

/** Per case type, the members each case dimension has (cases.dimension_member): case type → dimension → codes. */
export type CaseTypeMembers = ReadonlyMap<string, ReadonlyMap<AttributeDimension, readonly string[]>>;

export function caseTypeMembers(db: Kysely<Database>): Promise<CaseTypeMembers> {
  return rememberForGeneration(db, 'case-type-members', () => readCaseTypeMembers(db));
}

async function readCaseTypeMembers(db: Kysely<Database>): Promise<CaseTypeMembers> {
  const rows = await db
    .selectFrom('cases.dimension_member')
    .select(['dimension', 'code', 'case_type'])
    .orderBy('case_type')
    .orderBy('code')
    .execute();
  const members = new Map<string, Map<AttributeDimension, string[]>>();
  for (const row of rows) {
    let dimensions = members.get(row.case_type);
    if (!dimensions) members.set(row.case_type, (dimensions = new Map()));
    const dimension = row.dimension as AttributeDimension;
    dimensions.set(dimension, [...(dimensions.get(dimension) ?? []), row.code]);
  }
  return members;
}

/** For one dimension: each member code with the case types whose cases hold it (remembered per generation). */
export function memberCaseTypes(db: Kysely<Database>, d: AttributeDimension): Promise<ReadonlyMap<string, readonly string[]>> {
  return rememberForGeneration(db, `member-case-types:${d}`, () => readMemberCaseTypes(db, d));
}

async function readMemberCaseTypes(db: Kysely<Database>, d: AttributeDimension): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('cases.dimension_member').select(['code', 'case_type']).where('dimension', '=', d).orderBy('case_type').execute();
  const byCode = new Map<string, string[]>();
  for (const row of rows) byCode.set(row.code, [...(byCode.get(row.code) ?? []), row.case_type]);
  return byCode;
}
