import { graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiSchema } from '../server/build-schema.js';
import { createRequestContext } from '../resolvers/context.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Runs a query and returns how many SQL statements it sent. */
async function statements(query: string): Promise<{ count: number; errors: unknown }> {
  const context = createRequestContext(database.db, 'admin');
  const result = await graphql({ schema: await buildApiSchema(), source: query, contextValue: context });
  return { count: context.queries.count, errors: result.errors };
}

describe('DataLoader batching', () => {
  it('nested reads cost the same number of statements for 1 parent as for all of them (no N+1)', async () => {
    const nested = (codes: string) => `{
      caseTypes${codes} { code years { year received sources { line } } y2: years(segment: FIRST_TIME) { year } openBalances { year open } }
      feeActivities { code years { year coverageRatio } }
      budgetLines { appropriation years { year utilisation } }
    }`;
    const one = await statements(nested('(codes: [ASYLUM])'));
    const all = await statements(nested(''));
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(all.count).toBe(one.count);
    // caseTypes 1; years: per (segment, sex) shape 2 catalogue statements + 1 published; openBalances 1 + 1;
    // fee years 1 + 1; budget years 1 + 1; the two lists 2.
    expect(all.count).toBeLessThanOrEqual(16);
  });

  it('source tables and their figures and each figure’s table: a constant number of statements', async () => {
    const few = await statements(
      '{ sourceTables(document: "003_18350b40b22d24e9.txt") { table figures(first: 3) { nodes { sourceTable { caption } } } } }',
    );
    const many = await statements('{ sourceTables { table figures(first: 3) { nodes { sourceTable { caption } } } } }');
    expect(few.errors).toBeUndefined();
    expect(many.count).toBe(few.count);
    // tables, their first figures (one windowed statement), and the figures' tables (one batch) — plus one batch the
    // loader splits at a tick boundary; what matters is that the count does not grow with the number of tables.
    expect(many.count).toBeLessThanOrEqual(4);
  });
});
