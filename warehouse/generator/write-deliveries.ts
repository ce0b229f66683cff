import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { AGENCIES, type AgencyCode } from '../ingest/agencies.js';
import { readCodeMaps } from '../ingest/code-maps.js';
import { MANIFEST_FILE } from '../ingest/manifest.js';
import { contentChecksum, type ResourceHash } from '../ingest/content-checksum.js';
import { csvLine } from '../ingest/csv-line.js';
import { currentSchema, fileFields, schemaReference } from '../ingest/table-schema.js';
import type { CellTarget } from './calibration-targets.js';
import { agencyRows, type AgencyRows, type ReverseCodeMaps, type SourceCounters } from './delivery-rows.js';
import { generateCases, plannedCaseCount, planCells } from './generate-cases.js';

export interface WriteDeliveriesOptions {
  scale: number;
  seed: number;
  /** Extract id of each agency's delivery (default 1). */
  extractIds?: Partial<Record<AgencyCode, number>>;
  flaws?: boolean;
  /** Called every few thousand cases. */
  onProgress?: (progress: { cases: number; rows: number; plannedCases: number }) => void;
}

/** One written delivery folder. */
export interface WrittenDelivery {
  agency: AgencyCode;
  directory: string;
  extractId: number;
  rows: Record<string, number>;
}

/** Where a resource's lines go: a file, or only a hash (for the checksum without files). */
interface Sink {
  write(line: string): Promise<void> | undefined;
  end(): Promise<{ bytes: number; hash: string }>;
}

function hashingSink(stream: WriteStream | null): Sink {
  const hash: Hash = createHash('sha256');
  let bytes = 0;
  return {
    write(line) {
      hash.update(line);
      bytes += Buffer.byteLength(line);
      if (stream && !stream.write(line)) return once(stream, 'drain').then(() => undefined);
      return undefined;
    },
    async end() {
      if (stream) {
        stream.end();
        await once(stream, 'finish');
      }
      return { bytes, hash: `sha256:${hash.digest('hex')}` };
    },
  };
}

/** The resources of each agency, keyed to the rows agencyRows() makes. */
const RESOURCE_ROWS: Record<AgencyCode, Record<string, keyof AgencyRows>> = {
  migrationsverket: { cases: 'migrationsverketCases', events: 'migrationsverketEvents' },
  polismyndigheten: { cases: 'polisCases', events: 'polisEvents' },
  kriminalvarden: { transports: 'transports' },
};

/** The code maps read backwards: warehouse code → the agency's code in force at the end of the data. */
async function reverseCodeMaps(): Promise<ReverseCodeMaps> {
  const maps: ReverseCodeMaps = new Map();
  for (const row of await readCodeMaps()) {
    if (row.agency !== 'migrationsverket' || (row.validTo !== null && row.validTo < '2024-12-31')) continue;
    const map = maps.get(row.field) ?? new Map<string, string>();
    map.set(row.code, row.sourceCode);
    maps.set(row.field, map);
  }
  return maps;
}

export const SIMULATED_EXTRACTED_AT = '2025-01-15T06:00:00Z';
export const SIMULATED_PERIOD_END = '2024-12-31';

/**
 * The source simulator: plays the three agencies from the calibrated generator, writing each one's full delivery
 * (`<out>/<agency>-<extract id>/`, in the contract of docs/ingest.md) with its own ids and codes and the references
 * that link them. With `out` null nothing is written and only the content checksum is computed.
 */
export async function writeDeliveries(
  targets: readonly CellTarget[],
  out: string | null,
  options: WriteDeliveriesOptions,
): Promise<{ deliveries: WrittenDelivery[]; checksum: string; caseRows: number; eventRows: number }> {
  const codes = await reverseCodeMaps();
  const agencies = Object.values(AGENCIES);
  const sinks = new Map<string, Sink>();
  const directories = new Map<AgencyCode, string>();
  for (const agency of agencies) {
    const extractId = options.extractIds?.[agency.code] ?? 1;
    const directory = out === null ? '' : path.join(out, `${agency.code}-${extractId}`);
    directories.set(agency.code, directory);
    if (out !== null) await mkdir(directory, { recursive: true });
    for (const resource of agency.resources) {
      const schema = currentSchema(agency.code, resource);
      const stream = out === null ? null : createWriteStream(path.join(directory, `${resource}.csv`), { highWaterMark: 1 << 20 });
      const sink = hashingSink(stream);
      await sink.write(csvLine(fileFields(schema, 'full').map((f) => f.name)));
      sinks.set(`${agency.code}/${resource}`, sink);
    }
  }
  const plannedCases = plannedCaseCount(planCells(targets, options.scale));
  const counters: SourceCounters = { police: 0, transport: 0 };
  const flaws = { enabled: options.flaws ?? false };
  let caseRows = 0;
  let eventRows = 0;
  let rows = 0;
  // Lines are gathered per resource and written in chunks: one write per line would be most of the time spent.
  const pending = new Map<string, string[]>();
  const flush = async () => {
    for (const [key, lines] of pending) {
      if (lines.length) await (sinks.get(key) as Sink).write(lines.join(''));
      pending.set(key, []);
    }
  };
  const counted = new Map<string, number>();
  for (const generated of generateCases(targets, { scale: options.scale, seed: options.seed })) {
    const made = agencyRows(generated, codes, counters, flaws);
    caseRows += 1;
    eventRows += generated.events.length;
    for (const [agency, resources] of Object.entries(RESOURCE_ROWS)) {
      for (const [resource, field] of Object.entries(resources)) {
        const key = `${agency}/${resource}`;
        const list = pending.get(key) ?? [];
        for (const cells of made[field]) list.push(csvLine(cells));
        counted.set(key, (counted.get(key) ?? 0) + made[field].length);
        rows += made[field].length;
        pending.set(key, list);
      }
    }
    if ((caseRows & 0x1fff) === 0) {
      await flush();
      options.onProgress?.({ cases: caseRows, rows, plannedCases });
    }
  }
  await flush();
  options.onProgress?.({ cases: caseRows, rows, plannedCases });

  const deliveries: WrittenDelivery[] = [];
  const hashes: ResourceHash[] = [];
  for (const agency of agencies) {
    const extractId = options.extractIds?.[agency.code] ?? 1;
    const directory = directories.get(agency.code) as string;
    const resources = [];
    const rowCounts: Record<string, number> = {};
    for (const resource of agency.resources) {
      const key = `${agency.code}/${resource}`;
      const written = await (sinks.get(key) as Sink).end();
      const rowsWritten = counted.get(key) ?? 0;
      rowCounts[resource] = rowsWritten;
      hashes.push({ agency: agency.code, resource, hash: written.hash });
      resources.push({
        name: resource,
        path: `${resource}.csv`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        bytes: written.bytes,
        hash: written.hash,
        rows: rowsWritten,
        schema: schemaReference(agency.code, resource, agency.schemaVersion),
      });
    }
    const manifest = {
      profile: 'tabular-data-package',
      name: `${agency.code}-extract-${extractId}`,
      title: `${agency.nameSv}: simulated full extract ${extractId} (scale ${options.scale}, seed ${options.seed})`,
      agency: agency.code,
      extract: { id: extractId, kind: 'full', extractedAt: SIMULATED_EXTRACTED_AT, period: { start: '2000-01-01', end: SIMULATED_PERIOD_END } },
      generator: { scale: options.scale, seed: options.seed },
      resources,
    };
    if (out !== null) await writeFile(path.join(directory, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    deliveries.push({ agency: agency.code, directory, extractId, rows: rowCounts });
  }
  return { deliveries, checksum: contentChecksum(hashes), caseRows, eventRows };
}
