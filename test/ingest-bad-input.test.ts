import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGeneration } from '../warehouse/database/generation.js';
import type { AgencyCode } from '../warehouse/ingest/agencies.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ingestDeliveries, type IngestSummary } from '../warehouse/ingest/ingest-deliveries.js';
import { csv, header, mivCase, writeFixtureDelivery, type FixtureDelivery } from './support/delivery-fixture.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Every kind of bad input a delivery can bring, each against the template's warehouse (loaded through ingestion from
 * the simulated agencies): a refusal names file, line or field and leaves the served warehouse as it was; row faults
 * are rejected rows of a delivery that loads.
 */
let database: TestDatabase;
const folders: string[] = [];
/** Case numbers for new cases, far from the simulator's. */
let nextCase = 800_000_000;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

async function nextExtract(agency: AgencyCode): Promise<number> {
  const { rows } = await sql<{ last: number }>`
    select coalesce(max(extract_id), 0)::int as last from ingest.delivery where agency = ${agency} and status = 'published'`.execute(database.db);
  return (rows[0]?.last ?? 0) + 1;
}

async function deliver(delivery: Omit<FixtureDelivery, 'extractId'> & { extractId?: number }): Promise<string> {
  const directory = await writeFixtureDelivery({ ...delivery, extractId: delivery.extractId ?? (await nextExtract(delivery.agency)) });
  folders.push(path.dirname(directory));
  return directory;
}

interface Snapshot {
  generation: string;
  cases: number;
  events: number;
}
async function snapshot(): Promise<Snapshot> {
  const { rows } = await sql<{ cases: number; events: number }>`
    select (select count(*)::int from cases.case_fact) as cases, (select count(*)::int from cases.case_event) as events`.execute(database.db);
  return { generation: await readGeneration(database.db), cases: rows[0]?.cases ?? -1, events: rows[0]?.events ?? -1 };
}

/** Ingests one delivery that must be refused, and checks the served warehouse did not change. */
async function refused(directory: string): Promise<NonNullable<IngestSummary['deliveries'][number]['report']>['refusal'] & { message: string }> {
  const before = await snapshot();
  const summary = await ingestDeliveries(database.db, [directory]);
  expect(summary.published).toBeNull();
  expect(await snapshot()).toEqual(before);
  const outcome = summary.deliveries[0];
  if (outcome?.error) return { code: outcome.error.code, ...outcome.error.place, message: outcome.error.message };
  expect(outcome?.report?.status).toBe('refused');
  return { ...(outcome?.report?.refusal ?? { code: 'none' }), message: outcome?.report?.message ?? '' };
}

/** A delta of the Migration Agency's cases: `n` new, valid cases, then whatever rows the test adds. */
function newCases(n: number, extra: string[][] = []): string[][] {
  return [...Array.from({ length: n }, () => mivCase(nextCase++)), ...extra];
}

const CASES_HEADER = header('migrationsverket', 'cases', 'delta');

describe('the package layer', { timeout: 180_000 }, () => {
  it('refuses a byte flipped in transit (checksum), naming the file', async () => {
    const directory = await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', rows: newCases(3) }] });
    const file = path.join(directory, 'cases.csv');
    const bytes = await readFile(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5] === 0x31 ? 0x32 : 0x31;
    await writeFile(file, bytes);
    const refusal = await refused(directory);
    expect(refusal.code).toBe('CHECKSUM');
    expect(refusal.message).toMatch(/^cases\.csv: sha256 is sha256:[0-9a-f]{64}, the manifest says sha256:/);
  });

  it('refuses a file cut short in transit (byte count)', async () => {
    const directory = await deliver({
      agency: 'migrationsverket',
      kind: 'delta',
      resources: [{ name: 'cases', bytes: csv([CASES_HEADER, ...newCases(2)]).slice(0, -10), claim: { bytes: 9_999, rows: 2 } }],
    });
    expect((await refused(directory)).code).toBe('BYTE_COUNT');
  });

  it('refuses a manifest that lies about its row count', async () => {
    const directory = await deliver({
      agency: 'migrationsverket',
      kind: 'delta',
      resources: [{ name: 'cases', rows: newCases(3), claim: { rows: 4 } }],
    });
    const refusal = await refused(directory);
    expect(refusal).toMatchObject({ code: 'ROW_COUNT', file: 'cases.csv' });
    expect(refusal.message).toContain('the file holds 3 rows, the manifest says 4');
  });

  it('refuses an empty file, and a manifest that is not one', async () => {
    const empty = await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', bytes: '' }] });
    expect(await refused(empty)).toMatchObject({ code: 'EMPTY_FILE', file: 'cases.csv', line: 1 });
    const bad = await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', rows: newCases(1) }] });
    await writeFile(path.join(bad, 'datapackage.json'), '{"profile": "tabular-data-package", "agency": "skatteverket"');
    expect(await refused(bad)).toMatchObject({ code: 'MANIFEST', file: 'datapackage.json' });
  });

  it('refuses an extract id out of order, a different file under a used id, and replays the same extract as a no-op', async () => {
    const id = await nextExtract('migrationsverket');
    const first = await deliver({ agency: 'migrationsverket', kind: 'delta', extractId: id, resources: [{ name: 'cases', rows: newCases(2) }] });
    const loaded = await ingestDeliveries(database.db, [first]);
    expect(loaded.deliveries[0]?.report?.status).toBe('published');

    const before = await snapshot();
    const replay = await ingestDeliveries(database.db, [first]);
    expect(replay.deliveries[0]?.report?.status).toBe('replayed');
    expect(replay.deliveries[0]?.report?.message).toContain('nothing to do');
    expect(replay.published).toBeNull();
    expect(await snapshot()).toEqual(before);

    const other = await deliver({ agency: 'migrationsverket', kind: 'delta', extractId: id, resources: [{ name: 'cases', rows: newCases(2) }] });
    expect(await refused(other)).toMatchObject({ code: 'EXTRACT_CONFLICT', field: 'extract.id' });
    // Ids may leave gaps, but never go back.
    const later = await deliver({ agency: 'migrationsverket', kind: 'delta', extractId: id + 2, resources: [{ name: 'cases', rows: newCases(2) }] });
    expect((await ingestDeliveries(database.db, [later])).deliveries[0]?.report?.status).toBe('published');
    const older = await deliver({ agency: 'migrationsverket', kind: 'delta', extractId: id + 1, resources: [{ name: 'cases', rows: newCases(2) }] });
    const refusal = await refused(older);
    expect(refusal.code).toBe('EXTRACT_ORDER');
    expect(refusal.message).toContain(`comes after extract ${id + 2}`);
  });
});

describe('the structure layer', { timeout: 180_000 }, () => {
  it('refuses a wrong delimiter, and a header with a renamed or a missing column, naming line 1 and the expected header', async () => {
    const semicolons = csv([CASES_HEADER, ...newCases(2)]).replaceAll(',', ';');
    const a = await refused(
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', bytes: semicolons, claim: { rows: 2 } }] }),
    );
    expect(a).toMatchObject({ code: 'HEADER', file: 'cases.csv', line: 1 });
    expect(a.message).toContain(`the header must be exactly: ${CASES_HEADER.join(',')}`);
    const renamed = csv([CASES_HEADER.map((h) => (h === 'kon' ? 'sex' : h)), ...newCases(2)]);
    const b = await refused(
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', bytes: renamed, claim: { rows: 2 } }] }),
    );
    expect(b).toMatchObject({ code: 'HEADER', line: 1 });
    expect(b.message).toContain('"sex"');
    const missing = csv([CASES_HEADER.slice(0, -1), ...newCases(2).map((r) => r.slice(0, -1))]);
    expect(
      await refused(await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', bytes: missing, claim: { rows: 2 } }] })),
    ).toMatchObject({
      code: 'HEADER',
    });
  });

  it('refuses a truncated last line, naming its line', async () => {
    const text = csv([CASES_HEADER, ...newCases(3)]);
    const cut = text.slice(0, text.lastIndexOf(',', text.length - 30));
    const refusal = await refused(
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', bytes: cut, claim: { rows: 3 } }] }),
    );
    expect(refusal).toMatchObject({ code: 'STRUCTURE', file: 'cases.csv', line: 4 });
  });

  it('refuses a file that is not UTF-8 (naming the line) and one that starts with a byte order mark', async () => {
    const rows = newCases(3);
    const latin1 = Buffer.from(
      csv([CASES_HEADER, ...rows]).replace(`MIG-${nextCase - 1},ARB,FORSTA,`, `MIG-${nextCase - 1},ARB,FORSTA,Läkare`),
      'latin1',
    );
    const a = await refused(
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', bytes: latin1, claim: { rows: 3 } }] }),
    );
    expect(a).toMatchObject({ code: 'ENCODING', file: 'cases.csv', line: 4 });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([CASES_HEADER, ...newCases(2)]))]);
    const b = await refused(
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', bytes: bom, claim: { rows: 2 } }] }),
    );
    expect(b).toMatchObject({ code: 'ENCODING', line: 1 });
    expect(b.message).toContain('byte order mark');
  });

  it('loads quoted commas and line breaks inside a cell as they are', async () => {
    const n = nextCase;
    const directory = await deliver({
      agency: 'migrationsverket',
      kind: 'delta',
      resources: [{ name: 'cases', rows: [mivCase(nextCase++, { underkategori: 'Läkare, "specialist"\nkirurgi' })] }],
    });
    const summary = await ingestDeliveries(database.db, [directory]);
    expect(summary.deliveries[0]?.report?.status).toBe('published');
    const { rows } = await sql<{ subcategory: string }>`
      select f.subcategory from cases.case_fact f join ingest.case_key k on k.case_id = f.case_id where k.source_id = ${`MIG-${n}`}`.execute(
      database.db,
    );
    expect(rows).toEqual([{ subcategory: 'Läkare, "specialist"\nkirurgi' }]);
  });
});

describe('rows: types, constraints, codes, keys and rules', { timeout: 180_000 }, () => {
  it('rejects bad rows of a delivery that loads: a malformed date, a date after the data end, a decision before receipt, an outcome without a decision', async () => {
    const bad = [
      mivCase(nextCase++, { inkom_datum: '2024-02-30' }),
      mivCase(nextCase++, { beslut_datum: '2031-01-01' }),
      mivCase(nextCase++, { inkom_datum: '2024-06-01', beslut_datum: '2024-05-01' }),
      mivCase(nextCase++, { beslut_datum: '' }),
    ];
    const directory = await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', rows: newCases(200, bad) }] });
    const before = await snapshot();
    const summary = await ingestDeliveries(database.db, [directory]);
    const report = summary.deliveries[0]?.report;
    expect(report?.status).toBe('published');
    expect(report?.rowsRejected).toBe(4);
    expect(report?.rowsApplied).toBe(200);
    expect(report?.rejectsByKind).toEqual({ TYPE: 1, AFTER_DATA_END: 1, DECISION_BEFORE_RECEIPT: 1, OUTCOME_WITHOUT_DECISION: 1 });
    expect(report?.firstErrors.find((e) => e.kind === 'TYPE')).toMatchObject({
      resource: 'cases',
      row: 201,
      field: 'inkom_datum',
      cell: '2024-02-30',
    });
    expect((await snapshot()).cases).toBe(before.cases + 200);
  });

  it('rejects an unknown code in 1 % of rows (listing it with its count) and refuses the delivery at 30 %', async () => {
    const few = newCases(99, [mivCase(nextCase++, { arendeslag: 'NYTT_SLAG' })]);
    const loaded = await ingestDeliveries(database.db, [
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', rows: few }] }),
    ]);
    const report = loaded.deliveries[0]?.report;
    expect(report?.status).toBe('published');
    expect(report?.rejectsByKind).toEqual({ UNMAPPED_CODE: 1 });
    expect(report?.unmappedCodes).toEqual([{ resource: 'cases', field: 'arendeslag', code: 'NYTT_SLAG', count: 1 }]);

    const many = newCases(
      70,
      Array.from({ length: 30 }, () => mivCase(nextCase++, { kon: 'X' })),
    );
    const refusal = await refused(await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', rows: many }] }));
    expect(refusal.code).toBe('REJECT_THRESHOLD');
    expect(refusal.message).toContain('30 of 100 rows rejected (30.0 %)');
    const { rows } = await sql<{ report: { unmappedCodes: { code: string; count: number }[] } }>`
      select report from ingest.delivery where status = 'refused' order by delivery_id desc limit 1`.execute(database.db);
    expect(rows[0]?.report.unmappedCodes).toEqual([{ resource: 'cases', field: 'kon', code: 'X', count: 30 }]);
  });

  it('in a full delivery keeps the last row of a duplicated key and rejects the earlier; holds transports of unknown cases', async () => {
    const transports = Array.from({ length: 150 }, (_, i) => [`KV-${900_000 + i}`, `PM-${900_000 + i}`, '2024-06-01', 'FLYG']);
    transports.push([`KV-${900_000}`, `PM-${900_000}`, '2024-06-02', 'MARK']);
    const directory = await deliver({ agency: 'kriminalvarden', kind: 'full', resources: [{ name: 'transports', rows: transports }] });
    // Several times the previous full extract: refused unless the operator accepts the swing.
    const swing = await refused(directory);
    expect(swing.code).toBe('ROW_COUNT_SWING');
    expect(swing.message).toMatch(/^151 rows against \d+ in the previous full extract/);
    const summary = await ingestDeliveries(database.db, [directory], { allowSwing: true });
    const report = summary.deliveries[0]?.report;
    expect(report?.status).toBe('published');
    expect(report?.rejectsByKind).toEqual({ DUPLICATE_KEY: 1 });
    expect(report?.firstErrors[0]).toMatchObject({ row: 1, sourceKey: 'KV-900000', kind: 'DUPLICATE_KEY' });
    expect(report?.rowsHeld).toBe(150);
    const { rows } = await sql<{ departure_date: Date; transport_mode: string }>`
      select departure_date, transport_mode from ingest.state_kriminalvarden_transports where _key = 'KV-900000'`.execute(database.db);
    expect(rows).toEqual([{ departure_date: new Date('2024-06-02T00:00:00Z'), transport_mode: 'MARK' }]);
  });
});

describe('deltas, late arrivals and deletions', { timeout: 180_000 }, () => {
  it('holds an event of a case not yet delivered and publishes it once the case arrives', async () => {
    const n = nextCase++;
    const event = [[`MIG-${n}`, 'OVERKLAGAT', '2024-07-01', 'upsert']];
    const first = await ingestDeliveries(database.db, [
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'events', rows: event }] }),
    ]);
    expect(first.deliveries[0]?.report).toMatchObject({ status: 'published', rowsRejected: 0, rowsHeld: 1 });
    const events = () =>
      sql<{ event_type: string; sources: string[] }>`
        select e.event_type, e.sources from cases.case_event e join ingest.case_key k on k.case_id = e.case_id
        where k.source_id = ${`MIG-${n}`} order by e.event_date, e.event_type`.execute(database.db);
    expect((await events()).rows).toEqual([]);

    await ingestDeliveries(database.db, [
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', rows: [mivCase(n, { utfall: 'AVSLAG' })] }] }),
    ]);
    expect((await events()).rows.map((r) => r.event_type)).toEqual(['received', 'decided', 'appealed']);
  });

  it('deletes a case with a delta, keeping its warehouse id and record key for good', async () => {
    const n = nextCase++;
    await ingestDeliveries(database.db, [
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', rows: [mivCase(n)] }] }),
    ]);
    const key = await database.db.selectFrom('ingest.case_key').selectAll().where('source_id', '=', `MIG-${n}`).executeTakeFirstOrThrow();
    const count = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from cases.case_fact where case_id = ${key.case_id}`.execute(database.db)).rows[0]?.n,
      );
    expect(await count()).toBe(1);
    const deleted = await ingestDeliveries(database.db, [
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', rows: [mivCase(n, { op: 'delete' })] }] }),
    ]);
    expect(deleted.deliveries[0]?.report).toMatchObject({ status: 'published', rowsApplied: 1 });
    expect(await count()).toBe(0);
    // Back again: the same id and key, never a new draw.
    await ingestDeliveries(database.db, [
      await deliver({ agency: 'migrationsverket', kind: 'delta', resources: [{ name: 'cases', rows: [mivCase(n)] }] }),
    ]);
    expect(await database.db.selectFrom('ingest.case_key').selectAll().where('source_id', '=', `MIG-${n}`).executeTakeFirstOrThrow()).toEqual(key);
    expect(await count()).toBe(1);
  });

  it('unifies a hand-over and an enforced departure reported by two agencies into one event each, listing both', async () => {
    const n = nextCase++;
    const police = `PM-${n}`;
    await ingestDeliveries(database.db, [
      await deliver({
        agency: 'migrationsverket',
        kind: 'delta',
        resources: [
          { name: 'cases', rows: [mivCase(n, { arendeslag: 'ASYL', utfall: 'AVSLAG', avgift_sek: '' })] },
          { name: 'events', rows: [[`MIG-${n}`, 'OVERLAMNAT_POLIS', '2024-08-01', 'upsert']] },
        ],
      }),
      await deliver({
        agency: 'polismyndigheten',
        kind: 'delta',
        resources: [
          { name: 'cases', rows: [[police, `MIG-${n}`, '2024-08-01', 'upsert']] },
          { name: 'events', rows: [[police, 'VERKST_AVRESA', '2024-10-10', 'upsert']] },
        ],
      }),
      await deliver({
        agency: 'kriminalvarden',
        kind: 'delta',
        resources: [{ name: 'transports', rows: [[`KV-${n}`, police, '2024-10-10', 'FLYG', 'upsert']] }],
      }),
    ]);
    const { rows } = await sql<{ event_type: string; agency: string; sources: string[] }>`
      select e.event_type, e.agency, e.sources from cases.case_event e join ingest.case_key k on k.case_id = e.case_id
      where k.source_id = ${`MIG-${n}`} and e.event_type in ('handed_to_police', 'departed_enforced') order by e.event_date`.execute(database.db);
    expect(rows).toEqual([
      { event_type: 'handed_to_police', agency: 'polismyndigheten', sources: ['migrationsverket', 'polismyndigheten'] },
      { event_type: 'departed_enforced', agency: 'polismyndigheten', sources: ['kriminalvarden', 'polismyndigheten'] },
    ]);
  });
});

describe('Parquet', { timeout: 180_000 }, () => {
  /** A delta of new cases as a Parquet file, typed columns (booleans, integers), written with hyparquet-writer. */
  function parquetCases(rows: string[][], drop?: string): Buffer {
    const names = CASES_HEADER.filter((h) => h !== drop);
    const column = (name: string) => rows.map((r) => r[CASES_HEADER.indexOf(name)] ?? '');
    const columnData = names.map((name) => {
      const text = column(name);
      if (name === 'automatiserat' || name === 'overklagat') return { name, data: text.map((t) => t === 'true'), type: 'BOOLEAN' as const };
      if (name === 'avgift_sek') return { name, data: text.map((t) => (t === '' ? null : Number(t))), type: 'INT32' as const, nullable: true };
      return { name, data: text.map((t) => (t === '' ? null : t)), type: 'STRING' as const, nullable: true };
    });
    return Buffer.from(parquetWriteBuffer({ columnData, rowGroupSize: 30 }));
  }

  it('loads a Parquet delivery through the same validation, row group by row group', async () => {
    const rows = newCases(99, [mivCase(nextCase++, { kon: 'Q' })]);
    const summary = await ingestDeliveries(database.db, [
      await deliver({
        agency: 'migrationsverket',
        kind: 'delta',
        resources: [{ name: 'cases', format: 'parquet', bytes: parquetCases(rows), claim: { rows: 100 } }],
      }),
    ]);
    const report = summary.deliveries[0]?.report;
    expect(report, report?.message ?? '').toMatchObject({
      status: 'published',
      rowsTotal: 100,
      rowsApplied: 99,
      rowsRejected: 1,
      rejectsByKind: { UNMAPPED_CODE: 1 },
    });
    expect(report?.firstErrors[0]).toMatchObject({ row: 100, field: 'kon', cell: 'Q' });
    const { rows: loaded } = await sql<{ n: number }>`
      select count(*)::int as n from cases.case_fact f join ingest.case_key k on k.case_id = f.case_id
      where k.source_id = any(${rows.slice(0, 99).map((r) => r[0] as string)}) and f.fee_paid_sek = 2200 and not f.automated`.execute(database.db);
    expect(loaded[0]?.n).toBe(99);
  });

  it('refuses a Parquet file whose columns are not the schema’s, and one that is not Parquet', async () => {
    const missing = await refused(
      await deliver({
        agency: 'migrationsverket',
        kind: 'delta',
        resources: [{ name: 'cases', format: 'parquet', bytes: parquetCases(newCases(2), 'kanal'), claim: { rows: 2 } }],
      }),
    );
    expect(missing, missing.message).toMatchObject({ code: 'HEADER', file: 'cases.parquet' });
    expect(missing.message).toContain('missing kanal');
    const broken = await refused(
      await deliver({
        agency: 'migrationsverket',
        kind: 'delta',
        resources: [{ name: 'cases', format: 'parquet', bytes: 'PAR1 this is not a parquet file PAR1', claim: { rows: 2 } }],
      }),
    );
    expect(broken).toMatchObject({ code: 'STRUCTURE', file: 'cases.parquet' });
  });
});

describe('a file larger than the process may hold', { timeout: 300_000 }, () => {
  it('is verified and copied streaming: a 100 MB file through a process limited to a 48 MB heap', async () => {
    const extractId = await nextExtract('migrationsverket');
    const directory = await deliver({ agency: 'migrationsverket', kind: 'delta', extractId, resources: [{ name: 'cases', rows: [] }] });
    // Written streaming too; the manifest claims one row more than the file holds, so the load ends after the copy.
    const file = path.join(directory, 'cases.csv');
    const out = createWriteStream(file);
    const hash = createHash('sha256');
    let bytes = 0;
    let rows = 0;
    const write = async (text: string) => {
      hash.update(text);
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
    };
    await write(`${CASES_HEADER.join(',')}\n`);
    while (bytes < 100 * 2 ** 20) {
      const lines: string[] = [];
      for (let i = 0; i < 10_000; i++) lines.push(`${mivCase(600_000_000 + rows++).join(',')}\n`);
      await write(lines.join(''));
    }
    out.end();
    await once(out, 'finish');
    const manifestPath = path.join(directory, 'datapackage.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { resources: { bytes: number; hash: string; rows: number }[] };
    Object.assign(manifest.resources[0] as object, { bytes, hash: `sha256:${hash.digest('hex')}`, rows: rows + 1 });
    await writeFile(manifestPath, JSON.stringify(manifest));

    const before = await snapshot();
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=48', '--import', 'tsx', 'warehouse/ingest/ingest.cli.ts', directory, '--reports', path.dirname(directory)],
      {
        cwd: path.resolve(import.meta.dirname, '..'),
        env: { ...process.env, DATABASE_URL: database.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const [status] = (await once(child, 'exit')) as [number | null];
    expect(status, output).toBe(1);
    expect(output).toContain(
      `REFUSED  migrationsverket extract ${extractId} (delta): [ROW_COUNT] cases.csv: the file holds ${rows} rows, the manifest says ${rows + 1}`,
    );
    expect(Number(/peak RSS (\d+) MB/.exec(output)?.[1])).toBeLessThan(300);
    expect(await snapshot()).toEqual(before);
  });
});
