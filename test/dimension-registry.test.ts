import { sql } from 'kysely';
import { isEnumType, isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiSchema } from '../server/build-schema.js';
import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES, DIMENSIONS, enumValueName } from '../warehouse/dimensions/dimension-registry.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * The dimension registry is the one place a dimension is declared: this test fails when an entry is missing
 * anywhere it is needed — in the facts, the rollups, the published figures, the GraphQL enums and types — or when the
 * facts hold a code the registry does not know.
 */
let database: TestDatabase;
let schema: GraphQLSchema;
beforeAll(async () => {
  database = await createTestDatabase();
  schema = await buildApiSchema();
});
afterAll(async () => {
  await database?.drop();
});

async function columnsOf(schemaName: string, table: string): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns where table_schema = ${schemaName} and table_name = ${table}`.execute(database.db);
  return rows.map((r) => r.column_name);
}

describe('the dimension registry', () => {
  it('names a column the facts, rollups and published figures really have', async () => {
    const facts = await columnsOf('cases', 'case_fact');
    const received = await columnsOf('cases', 'received_month');
    const decided = await columnsOf('cases', 'decided_month');
    const figures = await columnsOf('public', 'fact_figure');
    for (const d of ATTRIBUTE_DIMENSIONS) {
      const spec = ATTRIBUTES[d];
      if (spec.basis === 'cases') expect(facts, d).toContain(spec.column);
      if (spec.inRollups) expect([...received, ...decided], d).toContain(spec.column);
      if (spec.figureColumn) expect(figures, d).toContain(spec.figureColumn);
    }
  });

  it('knows every code the case facts hold in a closed set', async () => {
    for (const d of ATTRIBUTE_DIMENSIONS) {
      const spec = ATTRIBUTES[d];
      if (spec.basis !== 'cases' || spec.members.kind !== 'closed') continue;
      const { rows } = await sql<{
        code: string;
      }>`select distinct ${sql.ref(spec.column)} as code from cases.case_fact where ${sql.ref(spec.column)} is not null`.execute(database.db);
      const known = spec.members.list.map((m) => m.code);
      for (const { code } of rows) expect(known, `${d} code ${code}`).toContain(code);
    }
  });

  it('gives every dimension its filter, row field, enum value and member enum in the schema', () => {
    const where = schema.getType('MetricWhere');
    const row = schema.getType('MetricRow');
    const dimension = schema.getType('Dimension');
    if (!isInputObjectType(where) || !isObjectType(row) || !isEnumType(dimension)) throw new Error('metric types missing');
    expect(dimension.getValues().map((v) => v.name)).toEqual([...DIMENSIONS]);
    for (const d of ATTRIBUTE_DIMENSIONS) {
      const spec = ATTRIBUTES[d];
      expect(Object.keys(where.getFields()), d).toContain(spec.key);
      expect(Object.keys(row.getFields()), d).toContain(spec.key);
      if (spec.members.kind === 'closed') {
        const members = spec.members;
        const type = schema.getType(members.enumName);
        if (!isEnumType(type)) throw new Error(`enum ${members.enumName} missing`);
        expect(type.getValues().map((v) => v.name)).toEqual(members.list.map((m) => enumValueName(members, m.code)));
      }
    }
  });
});
