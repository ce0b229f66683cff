import path from 'node:path';
import { rm } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../warehouse/cases/load-cases.js';
import { ingestDeliveries } from '../warehouse/ingest/ingest-deliveries.js';
import { publishCases } from '../warehouse/ingest/publish-cases.js';
import { mivCase, writeFixtureDelivery } from './support/delivery-fixture.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Deltas are published in place, touching only their cases, and a run of full deliveries is built beside its
 * transaction; the warehouse either leaves must be the one a rebuild from the same state gives, to the row: facts,
 * events, rollups, dimension members and row counts.
 */
let database: TestDatabase;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Every published table of `cases`, each as one md5 over its rows in a fixed order. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = {
    case_fact: 'case_id, received_date',
    case_event: 'case_id, event_type, event_date',
    received_month: 'month, case_type, segment, sex, region',
    decided_month: 'month, case_type, segment, sex, region, outcome',
    received_year: 'year, case_type, segment, sex, region',
    decided_year: 'year, case_type, segment, sex, region, outcome',
    dimension_member: 'dimension, case_type, code',
  };
  const out: Record<string, string> = {};
  for (const [table, order] of Object.entries(tables)) {
    const { rows } = await sql<{ h: string; n: number }>`
      select md5(coalesce(string_agg(t::text, '|' order by ${sql.raw(order)}), '')) as h, count(*)::int as n
      from ${sql.raw(`cases.${table}`)} t`.execute(database.db);
    out[table] = `${rows[0]?.n}:${rows[0]?.h}`;
  }
  const { rows } = await sql<{ case_rows: number; event_rows: number }>`select case_rows::int, event_rows::int from cases.load_info`.execute(
    database.db,
  );
  out.load_info = `${rows[0]?.case_rows}/${rows[0]?.event_rows}`;
  return out;
}

async function extract(agency: 'migrationsverket' | 'polismyndigheten' | 'kriminalvarden'): Promise<number> {
  const { rows } = await sql<{ last: number }>`
    select coalesce(max(extract_id), 0)::int as last from ingest.delivery where agency = ${agency} and status = 'published'`.execute(database.db);
  return (rows[0]?.last ?? 0) + 1;
}

describe('incremental and prebuilt publishing', { timeout: 180_000 }, () => {
  it('leaves exactly the warehouse a rebuild from the same state gives', async () => {
    // Some of the simulator's cases, changed (outcome, region, sex), deleted, and new ones; a hand-over and a transport.
    const { rows: existing } = await sql<{ source_id: string }>`
      select source_id from ingest.case_key where agency = 'migrationsverket' order by case_id limit 30`.execute(database.db);
    const changed = existing.slice(0, 20).map((r, i) =>
      mivCase(Number(r.source_id.slice(4)), {
        arendeslag: 'ASYL',
        delmangd: 'FORSTA',
        region: i % 2 ? 'NORD' : 'SYD',
        kon: i % 3 ? 'M' : 'K',
        utfall: i % 2 ? 'AVSLAG' : 'BIFALL',
        avgift_sek: '',
      }),
    );
    const deleted = existing.slice(20, 25).map((r) => mivCase(Number(r.source_id.slice(4)), { op: 'delete' }));
    const fresh = Array.from({ length: 10 }, (_, i) =>
      mivCase(700_000_000 + i, { inkom_datum: '2023-02-01', beslut_datum: i % 2 ? '' : '2023-09-01', utfall: i % 2 ? '' : 'AVSLAG' }),
    );
    const first = await writeFixtureDelivery({
      agency: 'migrationsverket',
      extractId: await extract('migrationsverket'),
      kind: 'delta',
      resources: [
        { name: 'cases', rows: [...changed, ...deleted, ...fresh] },
        { name: 'events', rows: [['MIG-700000000', 'OVERLAMNAT_POLIS', '2023-11-01', 'upsert']] },
      ],
    });
    folder = path.dirname(first);
    const police = await writeFixtureDelivery(
      {
        agency: 'polismyndigheten',
        extractId: await extract('polismyndigheten'),
        kind: 'delta',
        resources: [
          { name: 'cases', rows: [['PM-700000000', 'MIG-700000000', '2023-11-01', 'upsert']] },
          { name: 'events', rows: [['PM-700000000', 'VERKST_AVRESA', '2024-01-15', 'upsert']] },
        ],
      },
      folder,
    );
    const transport = await writeFixtureDelivery(
      {
        agency: 'kriminalvarden',
        extractId: await extract('kriminalvarden'),
        kind: 'delta',
        resources: [{ name: 'transports', rows: [['KV-700000000', 'PM-700000000', '2024-01-15', 'FLYG', 'upsert']] }],
      },
      folder,
    );
    const summary = await ingestDeliveries(database.db, [first, police, transport]);
    expect(summary.published?.mode).toBe('incremental');
    expect(summary.deliveries.map((d) => d.report?.status)).toEqual(['published', 'published', 'published']);

    const incremental = await fingerprint();
    await database.db.transaction().execute((trx) => publishCases(trx, { checksum: 'rebuild', scale: null, seed: null }));
    expect(await fingerprint()).toEqual(incremental);
  });

  it('builds a run of full deliveries beside its transaction into the warehouse a rebuild from the same state gives', async () => {
    // The simulator's three full deliveries, one per agency: the new facts are built on a connection of their own.
    const loaded = await loadCases(database.db, { scale: 0.01, seed: 7, quiet: true });
    expect(loaded.ingest.published?.mode).toBe('prebuilt');
    const prebuilt = await fingerprint();
    await database.db.transaction().execute((trx) => publishCases(trx, { checksum: 'rebuild', scale: null, seed: null }));
    expect(await fingerprint()).toEqual(prebuilt);
  });
});
