import { graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiSchema } from '../server/build-schema.js';
import { createRequestContext } from '../resolvers/context.js';
import type { Role } from '../resolvers/roles.js';
import { MAX_SHARED_SPAN } from '../loaders/metric-page-loader.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

interface Page {
  totalCount: number;
  rows: { year: number; month: number; caseType: string; sex: string | null; value: number | null }[];
  pageInfo: { endCursor: string | null };
}

const cursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
const GROUPING = 'name: RECEIVED, by: [MONTH, CASE_TYPE, SEX], where: { year: [2023] }';
const PAGE = (alias: string, first: number, offset: number, grouping = GROUPING) =>
  `${alias}: metric(${grouping}, first: ${first}${offset > 0 ? `, after: "${cursor(offset)}"` : ''}) { totalCount rows { year month caseType sex value } pageInfo { endCursor } }`;

/** Runs an operation as `role`; its data, errors, and how many statements it sent. */
async function run(role: Role, source: string) {
  const context = createRequestContext(database.db, role);
  const result = await graphql({ schema: await buildApiSchema(), source, contextValue: context });
  return { data: result.data as Record<string, Page> | undefined, errors: result.errors, statements: context.queries.count };
}

describe('aliased pages of one metric grouping', () => {
  for (const role of ['analyst', 'public'] as const) {
    it(`are computed from one statement and equal the pages asked one by one (${role})`, async () => {
      const whole = await run(role, `{ ${PAGE('all', 1000, 0)} }`);
      expect(whole.errors).toBeUndefined();
      const all = whole.data?.all as Page;
      expect(all.totalCount).toBeGreaterThan(40);
      const size = Math.ceil(all.totalCount / 4);

      const together = await run(role, `{ ${[0, 1, 2, 3].map((k) => PAGE(`p${k}`, size, k * size)).join(' ')} }`);
      expect(together.errors).toBeUndefined();
      // What one page alone costs: the grouping's statement (and for the public role the members its row estimate reads).
      expect(together.statements).toBe(whole.statements);
      expect(together.statements).toBeLessThanOrEqual(role === 'public' ? 2 : 1);
      const pages = [0, 1, 2, 3].map((k) => together.data?.[`p${k}`] as Page);
      expect(pages.flatMap((p) => p.rows)).toEqual(all.rows);
      for (const [k, page] of pages.entries()) {
        expect(page.totalCount).toBe(all.totalCount);
        const alone = await run(role, `{ ${PAGE('p', size, k * size)} }`);
        expect(alone.data?.p).toEqual(page);
      }
    });
  }

  it('a different grouping in the same operation gets its own statement', async () => {
    const other = 'name: DECIDED, by: [MONTH, CASE_TYPE, SEX], where: { year: [2023] }';
    const both = await run('analyst', `{ ${PAGE('a', 10, 0)} ${PAGE('b', 10, 10)} ${PAGE('c', 10, 0, other)} }`);
    expect(both.errors).toBeUndefined();
    expect(both.statements).toBe(2);
    const alone = await run('analyst', `{ ${PAGE('c', 10, 0, other)} }`);
    expect(both.data?.c).toEqual(alone.data?.c);
  });

  it('pages further apart than the shared span are computed apart, and past the end still answer the count', async () => {
    const far = MAX_SHARED_SPAN + 5_000;
    const apart = await run('analyst', `{ ${PAGE('near', 10, 0)} ${PAGE('far', 10, far)} }`);
    expect(apart.errors).toBeUndefined();
    // The near page; the far one is past the end, so it asks for the count with a second statement of its own.
    expect(apart.statements).toBe(3);
    expect(apart.data?.far?.rows).toEqual([]);
    expect(apart.data?.far?.totalCount).toBe(apart.data?.near?.totalCount);
  });

  it('a page of no rows answers the count', async () => {
    const none = await run('analyst', `{ ${PAGE('none', 0, 0)} ${PAGE('some', 5, 0)} }`);
    expect(none.errors).toBeUndefined();
    expect(none.data?.none?.rows).toEqual([]);
    expect(none.data?.none?.totalCount).toBeGreaterThan(5);
    expect(none.data?.none?.totalCount).toBe(none.data?.some?.totalCount);
    const alone = await run('analyst', `{ ${PAGE('none', 0, 0)} }`);
    expect(alone.data?.none?.totalCount).toBe(none.data?.some?.totalCount);
  });

  it('a refused grouping refuses each of its pages with the same coded error', async () => {
    const bad = 'name: RECEIVED, by: [YEAR], where: { nationality: ["XX"] }';
    const refused = await run('analyst', `{ ${PAGE('a', 10, 0, bad)} ${PAGE('b', 10, 10, bad)} }`);
    // The fields are non-null, so the first refusal nulls the answer; each page alone is refused the same way.
    expect(refused.errors?.length).toBeGreaterThan(0);
    for (const error of refused.errors ?? []) {
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('nationality');
    }
    const alone = await run('analyst', `{ ${PAGE('b', 10, 10, bad)} }`);
    expect(alone.errors?.[0]?.message).toBe(refused.errors?.[0]?.message);
  });
});
