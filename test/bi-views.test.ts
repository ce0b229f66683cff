import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { BI_READER_ROLE, biReaderUrl, ensureBiReaderRole } from '../warehouse/bi/bi-reader-role.js';
import { naturalGrain } from '../warehouse/bi/metric-views.js';
import { loadCases } from '../warehouse/cases/load-cases.js';
import { METRICS } from '../warehouse/metrics/catalog.js';
import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES, enumValueName } from '../warehouse/dimensions/dimension-registry.js';
import type { MetricDefinition } from '../warehouse/metrics/metric-definition.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let server: TestServer;
let reader: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  // Keyless requests get the analyst role: the level bi_reader is documented at.
  server = await startTestServer(database.db, { access: readAccessConfig({ ANONYMOUS_ROLE: 'analyst' }) });
  const password = await ensureBiReaderRole(database.db, { statementTimeoutMs: 7000 });
  reader = new pg.Client({ connectionString: biReaderUrl(database.url, password) });
  await reader.connect();
});

afterAll(async () => {
  await reader?.end();
  await server?.close();
  await database?.drop();
});

const COUNT_FIELDS = ['numerator', 'denominator', 'referenceNumerator', 'referenceDenominator', 'n', 'lower', 'upper', 'significant'] as const;
const VIEW_COLUMNS: Record<(typeof COUNT_FIELDS)[number], string> = {
  numerator: 'numerator',
  denominator: 'denominator',
  referenceNumerator: 'reference_numerator',
  referenceDenominator: 'reference_denominator',
  n: 'n',
  lower: 'lower',
  upper: 'upper',
  significant: 'significant',
};

type Row = Record<string, unknown>;

/** Every row of a metric at its view's grain, as the GraphQL `metric` field answers it (paged). */
async function graphqlRows(definition: MetricDefinition): Promise<Row[]> {
  const by = naturalGrain(definition);
  const dims = ATTRIBUTE_DIMENSIONS.filter((d) => by.includes(d)).map((d) => ATTRIBUTES[d].key);
  const query = `query($name: MetricName!, $by: [Dimension!], $after: String) {
    metric(name: $name, by: $by, first: 1000, after: $after) {
      pageInfo { hasNextPage endCursor }
      rows { period year month value ${dims.join(' ')} ${COUNT_FIELDS.join(' ')} }
    }
  }`;
  const rows: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const { body } = await server.graphql<{ metric: { pageInfo: { hasNextPage: boolean; endCursor: string }; rows: Row[] } }>(query, {
      name: definition.name.toUpperCase(),
      by,
      after,
    });
    expect(body.errors).toBeUndefined();
    rows.push(...body.data!.metric.rows);
    if (!body.data!.metric.pageInfo.hasNextPage) return rows;
    after = body.data!.metric.pageInfo.endCursor;
  }
}

/** The view's rows in the GraphQL row's terms: member enum names, period as ISO text. */
async function viewRows(definition: MetricDefinition): Promise<Row[]> {
  const by = naturalGrain(definition);
  const { rows } = await reader.query<Row>(`select * from ${definition.name}`);
  const dims = ATTRIBUTE_DIMENSIONS.filter((d) => by.includes(d));
  return rows.map((r) => {
    const row: Row = { year: r.year, value: r.value };
    if (definition.kind !== 'figure') Object.assign(row, { period: (r.period as Date).toISOString().slice(0, 10), month: r.month });
    for (const d of dims) {
      const spec = ATTRIBUTES[d];
      const code = r[spec.column] as string | null;
      row[spec.key] = code === null || spec.members.kind === 'open' ? code : enumValueName(spec.members, code);
    }
    for (const f of COUNT_FIELDS)
      if (VIEW_COLUMNS[f] in r)
        row[f] = r[VIEW_COLUMNS[f]] === null ? null : typeof r[VIEW_COLUMNS[f]] === 'boolean' ? r[VIEW_COLUMNS[f]] : Number(r[VIEW_COLUMNS[f]]);
    return row;
  });
}

const keyOf = (row: Row, keys: readonly string[]) => JSON.stringify(keys.map((k) => row[k] ?? null));

describe('the bi schema', () => {
  it('has a view for every metric of the catalogue, and published_figures (drift)', async () => {
    const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.views where table_schema = 'bi'`.execute(
      database.db,
    );
    expect(rows.map((r) => r.name).sort()).toEqual([...METRICS.map((m) => m.name), 'published_figures'].sort());
  });

  it.each(METRICS.map((m) => [m.name, m] as const))('%s: the view rows equal the GraphQL rows at the same grain', async (_, definition) => {
    const [api, view] = await Promise.all([graphqlRows(definition), viewRows(definition)]);
    expect(view.length).toBe(api.length);
    expect(api.length).toBeGreaterThan(0);
    const by = naturalGrain(definition);
    const keys = ['year', 'month', ...ATTRIBUTE_DIMENSIONS.filter((d) => by.includes(d)).map((d) => ATTRIBUTES[d].key)];
    const byKey = new Map(view.map((r) => [keyOf(r, keys), r]));
    for (const row of api) {
      const match = byKey.get(keyOf(row, keys));
      expect(match, keyOf(row, keys)).toBeDefined();
      for (const [field, expected] of Object.entries(row)) {
        if (keys.includes(field) || (field === 'period' && definition.kind === 'figure')) continue;
        if (!(field in match!) && expected === null) continue;
        const actual = match![field];
        if (typeof expected === 'number' && typeof actual === 'number') expect(actual, field).toBeCloseTo(expected, 9);
        else expect(actual, `${field} of ${keyOf(row, keys)}`).toEqual(expected);
      }
    }
  });

  it('shows published figures with their provenance', async () => {
    const { rows } = await reader.query<{ document: string; line: number; quote: string }>(
      'select document, line, quote from published_figures where measure = $1 limit 1',
      ['approval_rate'],
    );
    expect(rows[0]?.document).toMatch(/\.txt$/);
    expect(rows[0]?.line).toBeGreaterThan(0);
    expect(rows[0]?.quote.length).toBeGreaterThan(0);
  });
});

describe('bi_reader', () => {
  it('reads in read-only transactions with a statement timeout', async () => {
    const { rows } = await reader.query<{ ro: string; timeout: string; user: string }>(
      `select current_setting('default_transaction_read_only') as ro, current_setting('statement_timeout') as timeout, current_user as user`,
    );
    expect(rows[0]).toEqual({ ro: 'on', timeout: '7s', user: BI_READER_ROLE });
  });

  it('cannot read outside bi: no case rows, no tables', async () => {
    for (const table of ['cases.case_fact', 'cases.received_month', 'public.fact_figure', 'public.dim_case_type']) {
      await expect(reader.query(`select * from ${table} limit 1`), table).rejects.toThrow(/permission denied/);
    }
  });

  it('cannot write, even when it asks for a read-write transaction', async () => {
    await expect(reader.query('create table bi.intruder (x int)')).rejects.toThrow(/read-only transaction/);
    await reader.query('begin read write');
    try {
      await expect(reader.query('create table bi.intruder (x int)')).rejects.toThrow(/permission denied/);
    } finally {
      await reader.query('rollback');
    }
    await reader.query('begin read write');
    try {
      await expect(reader.query('create view bi.approval_rate_copy as select 1')).rejects.toThrow(/permission denied/);
    } finally {
      await reader.query('rollback');
    }
    await reader.query('begin read write');
    try {
      // A view over a join is not updatable anyway; the grant is SELECT only either way.
      await expect(reader.query('delete from published_figures')).rejects.toThrow(/permission denied|cannot delete from view/);
    } finally {
      await reader.query('rollback');
    }
  });

  it('keeps its views across a case reload: recreated in the swap transaction', async () => {
    await loadCases(database.db, { scale: 0.002, quiet: true, seed: 7 });
    const { rows } = await reader.query<{ n: string }>('select count(*) as n from received');
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    const { rows: views } = await reader.query<{ n: string }>(`select count(*) as n from information_schema.views where table_schema = 'bi'`);
    expect(Number(views[0]?.n)).toBe(METRICS.length + 1);
  });
});
