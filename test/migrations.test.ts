import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../warehouse/database/migrate.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
});
afterAll(async () => {
  await database?.drop();
});

describe('migrations', () => {
  it('apply on an empty database and build the star schema with area partitions', async () => {
    const applied = await migrateToLatest(database.db);
    expect(applied).toEqual([
      '0001-star-schema',
      '0002-case-facts',
      '0003-segment-limits',
      '0004-record-keys',
      '0005-dimension-members',
      '0006-warehouse-generation',
      '0007-ingest',
      '0008-year-rollups',
    ]);
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(database.db);
    const tables = rows.map((r) => r.table_name);
    for (const table of [
      'dim_document',
      'dim_source_table',
      'dim_year',
      'dim_case_type',
      'dim_sex',
      'dim_region',
      'dim_nationality',
      'dim_agency',
      'dim_appropriation',
      'dim_fee_activity',
      'fact_figure',
      'load_log',
      'warehouse_generation',
    ]) {
      expect(tables).toContain(table);
    }
    const partitions = await sql<{ child: string }>`
      select c.relname as child from pg_inherits i join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent where p.relname = 'fact_figure' order by 1`.execute(database.db);
    expect(partitions.rows.map((r) => r.child)).toEqual([
      'fact_figure_budget',
      'fact_figure_case_flow',
      'fact_figure_fee',
      'fact_figure_open_balance',
      'fact_figure_other',
      'fact_figure_return',
    ]);
  });

  it('are idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
  });
});
