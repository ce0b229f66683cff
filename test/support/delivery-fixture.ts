import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AgencyCode } from '../../warehouse/ingest/agencies.js';
import { AGENCIES } from '../../warehouse/ingest/agencies.js';
import { csvLine } from '../../warehouse/ingest/csv-line.js';
import { MANIFEST_FILE } from '../../warehouse/ingest/manifest.js';
import { currentSchema, fileFields, schemaReference } from '../../warehouse/ingest/table-schema.js';

/** A resource of a fixture delivery: its rows (cells), or its exact bytes; and what its manifest should claim. */
export interface FixtureResource {
  name: string;
  rows?: string[][];
  /** The file's bytes as they are, header included (for broken files). */
  bytes?: Buffer | string;
  /** `parquet`: `bytes` hold a Parquet file (default csv). */
  format?: 'csv' | 'parquet';
  /** Manifest claims that differ from the truth. */
  claim?: { rows?: number; bytes?: number; hash?: string };
}

export interface FixtureDelivery {
  agency: AgencyCode;
  extractId: number;
  kind: 'full' | 'delta';
  resources: FixtureResource[];
  periodEnd?: string;
}

/** A CSV file's text: its rows as the delivery contract writes them. */
export const csv = (rows: readonly (readonly string[])[]) => rows.map(csvLine).join('');

/** The header line of a resource of an agency, for the kind. */
export function header(agency: AgencyCode, resource: string, kind: 'full' | 'delta'): string[] {
  return fileFields(currentSchema(agency, resource), kind).map((f) => f.name);
}

/** Writes a delivery folder with a manifest whose bytes, hash and rows are computed (unless `claim` overrides them). */
export async function writeFixtureDelivery(delivery: FixtureDelivery, parent?: string): Promise<string> {
  const root = parent ?? (await mkdtemp(path.join(os.tmpdir(), 'fixture-delivery-')));
  const directory = path.join(root, `${delivery.agency}-${delivery.extractId}`);
  await mkdir(directory, { recursive: true });
  const resources = [];
  for (const r of delivery.resources) {
    const content =
      r.bytes !== undefined ? Buffer.from(r.bytes) : Buffer.from(csv([header(delivery.agency, r.name, delivery.kind), ...(r.rows ?? [])]));
    const format = r.format ?? 'csv';
    await writeFile(path.join(directory, `${r.name}.${format}`), content);
    resources.push({
      name: r.name,
      path: `${r.name}.${format}`,
      format,
      ...(format === 'csv' ? { encoding: 'utf-8' } : {}),
      bytes: r.claim?.bytes ?? content.length,
      hash: r.claim?.hash ?? `sha256:${createHash('sha256').update(content).digest('hex')}`,
      rows: r.claim?.rows ?? r.rows?.length ?? 0,
      schema: schemaReference(delivery.agency, r.name, AGENCIES[delivery.agency].schemaVersion),
    });
  }
  const manifest = {
    profile: 'tabular-data-package',
    name: `${delivery.agency}-extract-${delivery.extractId}`,
    agency: delivery.agency,
    extract: {
      id: delivery.extractId,
      kind: delivery.kind,
      extractedAt: '2025-02-01T06:00:00Z',
      period: { start: '2022-01-01', end: delivery.periodEnd ?? '2024-12-31' },
    },
    resources,
  };
  await writeFile(path.join(directory, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  return directory;
}

/** A Migration Agency case row in the delta layout (op last), decided and approved unless `over` says otherwise. */
export function mivCase(n: number, over: Partial<Record<string, string>> = {}): string[] {
  const row: Record<string, string> = {
    arende_id: `MIG-${n}`,
    arendeslag: 'ARB',
    delmangd: 'FORSTA',
    underkategori: '',
    kon: 'K',
    aldersgrupp: '18-34',
    medborgarskap: 'SY',
    region: '',
    kanal: 'E',
    automatiserat: 'false',
    inkom_datum: '2024-03-01',
    beslut_datum: '2024-05-02',
    utfall: 'BIFALL',
    avgift_sek: '2200',
    overklagat: 'false',
    domstol_utfall: '',
    op: 'upsert',
    ...over,
  };
  return header('migrationsverket', 'cases', 'delta').map((f) => row[f] ?? '');
}
