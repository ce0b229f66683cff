import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { bumpGeneration } from '../warehouse/database/generation.js';
import { GenerationMemo } from '../warehouse/database/generation-memo.js';
import type { Database } from '../warehouse/database/tables.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { waitFor } from './support/wait-for.js';

describe('GenerationMemo', () => {
  it('computes every time until trusted, then once per generation', async () => {
    const memo = new GenerationMemo();
    let calls = 0;
    const compute = async () => ++calls;
    expect(await memo.remember('k', compute)).toBe(1);
    expect(await memo.remember('k', compute)).toBe(2);
    memo.trust('7');
    expect(await memo.remember('k', compute)).toBe(3);
    expect(await memo.remember('k', compute)).toBe(3);
    memo.trust('7');
    expect(await memo.remember('k', compute)).toBe(3);
    memo.trust('8');
    expect(await memo.remember('k', compute)).toBe(4);
    memo.distrust();
    expect(await memo.remember('k', compute)).toBe(5);
    expect(await memo.remember('k', compute)).toBe(6);
  });

  it('keeps no failed look-up and no value computed across a distrust', async () => {
    const memo = new GenerationMemo();
    memo.trust('1');
    await expect(memo.remember('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo.remember('k', async () => 'up')).toBe('up');
    let release: (v: string) => void = () => undefined;
    const slow = memo.remember('s', () => new Promise<string>((resolve) => (release = resolve)));
    memo.distrust();
    memo.trust('2');
    release('old');
    expect(await slow).toBe('old');
    expect(await memo.remember('s', async () => 'new')).toBe('new');
  });
});

describe('a metric request with the memo of a process that follows the generation', () => {
  const PUBLIC_KEY = 'generation-memo-public-key-01';
  let database: TestDatabase;
  let server: TestServer;
  let statements: string[] = [];
  let logged: Kysely<Database>;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The server's own handle, logging every statement it sends.
    logged = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: database.pool }),
      log: (event) => {
        if (event.level === 'query') statements.push(event.query.sql);
      },
    });
    server = await startTestServer(logged, {
      access: readAccessConfig({ API_KEYS: `${PUBLIC_KEY}:public` }),
      // The cache off: the memo follows the generation all the same.
      resultCache: { maxBytes: 0, listenUrl: database.url, heartbeatMs: 200 },
    });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const ask = async (nationality: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': PUBLIC_KEY },
      body: JSON.stringify({
        query: `query($n: [String!]) { metric(name: RECEIVED, by: [YEAR, REGION], where: { nationality: $n }) { totalCount } }`,
        variables: { n: [nationality] },
      }),
    });
    return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  };

  it('sends one statement once the members are remembered, and forgets them with a load', async () => {
    // The first request reads the open set's members and the case types' members beside its own statement.
    expect((await ask('SY')).errors).toBeUndefined();
    statements = [];
    expect((await ask('SY')).errors).toBeUndefined();
    expect(statements, statements.join('\n----\n')).toHaveLength(1);
    expect(statements[0]).toContain('with grouped as');

    // A member the warehouse does not have is refused, from memory.
    expect((await ask('XQ')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A load adds it: once its notification is in, the filter accepts it.
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into dim_nationality (code, name_en, name_sv) values ('XQ', 'Testland', 'Testland')`.execute(trx);
      await bumpGeneration(trx);
    });
    await waitFor('the new member accepted', async () => (await ask('XQ')).errors === undefined);
    expect((await ask('XQ')).errors).toBeUndefined();
  });
});
