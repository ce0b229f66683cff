import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWarehouse, type WarehouseConnection } from '../warehouse/database/connect.js';
import { HOT_AFTER, namedStatements } from '../warehouse/database/named-statements.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('namedStatements', () => {
  it('names a read once it is hot, never a write, and no more than its budget', () => {
    const statements = namedStatements(3, 2);
    const first = 'select 1';
    expect(statements.nameOf(first)).toBeUndefined();
    expect(statements.nameOf(first)).toBeUndefined();
    const name = statements.nameOf(first);
    expect(name).toMatch(/^w_[0-9a-f]{16}$/);
    expect(statements.nameOf(first)).toBe(name);
    for (let i = 0; i < 5; i++) expect(statements.nameOf('insert into t values (1)')).toBeUndefined();
    for (let i = 0; i < 3; i++) statements.nameOf('with x as (select 2) select * from x');
    expect(statements.named).toBe(2);
    for (let i = 0; i < 5; i++) expect(statements.nameOf('select 3')).toBeUndefined();
  });
});

describe('a warehouse connection', () => {
  let database: TestDatabase;
  let connection: WarehouseConnection;
  beforeAll(async () => {
    database = await createTestDatabase();
    connection = connectWarehouse(database.url, { maxConnections: 1 });
  });
  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });

  it('prepares a hot statement on its connection and answers it as before', async () => {
    const ask = () =>
      connection.db
        .selectFrom('dim_case_type')
        .select(['code', 'statutory_limit_days'])
        .where('code', 'in', ['ASYLUM', 'WORK'])
        .orderBy('code')
        .execute();
    const answers = [];
    for (let i = 0; i < HOT_AFTER + 3; i++) answers.push(await ask());
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.length).toBe(2);
    const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(connection.db);
    expect(rows.some((r) => r.name.startsWith('w_') && r.statement.includes('dim_case_type'))).toBe(true);
  });
});
