import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AGENCIES, type AgencyCode, isAgencyCode } from './agencies.js';
import { DeliveryRefusal } from './delivery-refusal.js';
import { readTableSchema, type TableSchema } from './table-schema.js';

export const MANIFEST_FILE = 'datapackage.json';

/** One resource (file) of a delivery, as its manifest declares it. */
export interface DeliveryResource {
  name: string;
  path: string;
  absolutePath: string;
  format: 'csv' | 'parquet';
  bytes: number;
  /** `sha256:<64 hex>`. */
  hash: string;
  rows: number;
  schemaReference: string;
  schema: TableSchema;
}

/** A delivery's manifest, checked: the agency, the extract and its resources. */
export interface DeliveryManifest {
  directory: string;
  name: string;
  agency: AgencyCode;
  extractId: number;
  kind: 'full' | 'delta';
  extractedAt: string;
  periodStart: string;
  periodEnd: string;
  resources: DeliveryResource[];
  /** Set by the source simulator: the generator's scale and seed. */
  generator: { scale: number; seed: number } | null;
  /** What identifies the extract's content: sha256 over its kind and its resources' names and hashes. */
  fingerprint: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HASH = /^sha256:[0-9a-f]{64}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and checks `datapackage.json` of a delivery folder; any fault refuses the delivery (code MANIFEST or SCHEMA). */
export async function readManifest(directory: string): Promise<DeliveryManifest> {
  const file = MANIFEST_FILE;
  let text: string;
  try {
    text = await readFile(path.join(directory, file), 'utf8');
  } catch {
    throw new DeliveryRefusal('MANIFEST', `the folder ${directory} holds no ${MANIFEST_FILE}`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeliveryRefusal('MANIFEST', `not JSON: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  const fail = (field: string, message: string): never => {
    throw new DeliveryRefusal('MANIFEST', message, { file, field });
  };
  if (!isObject(json)) return fail('(root)', 'the manifest must be a JSON object');
  if (json.profile !== 'tabular-data-package') fail('profile', `must be "tabular-data-package", got ${JSON.stringify(json.profile)}`);
  const name =
    typeof json.name === 'string' && /^[a-z0-9._-]+$/.test(json.name)
      ? json.name
      : fail('name', 'must be lower-case letters, digits, ".", "_" or "-"');
  const agency = isAgencyCode(json.agency)
    ? json.agency
    : fail('agency', `must be one of ${Object.keys(AGENCIES).join(', ')}, got ${JSON.stringify(json.agency)}`);
  const extract = isObject(json.extract) ? json.extract : fail('extract', 'must be an object {id, kind, extractedAt, period}');
  const extractId =
    Number.isSafeInteger(extract.id) && (extract.id as number) > 0 ? (extract.id as number) : fail('extract.id', 'must be a whole number ≥ 1');
  const kind =
    extract.kind === 'full' || extract.kind === 'delta'
      ? extract.kind
      : fail('extract.kind', `must be "full" or "delta", got ${JSON.stringify(extract.kind)}`);
  const extractedAt =
    typeof extract.extractedAt === 'string' && !Number.isNaN(Date.parse(extract.extractedAt))
      ? extract.extractedAt
      : fail('extract.extractedAt', 'must be an ISO 8601 timestamp');
  const period = isObject(extract.period) ? extract.period : fail('extract.period', 'must be an object {start, end}');
  const periodStart =
    typeof period.start === 'string' && ISO_DATE.test(period.start) ? period.start : fail('extract.period.start', 'must be a date YYYY-MM-DD');
  const periodEnd =
    typeof period.end === 'string' && ISO_DATE.test(period.end) && period.end >= periodStart
      ? period.end
      : fail('extract.period.end', 'must be a date YYYY-MM-DD on or after the start');
  if (periodEnd > extractedAt.slice(0, 10)) fail('extract.period.end', `the period ends (${periodEnd}) after the extract was taken (${extractedAt})`);
  let generator: DeliveryManifest['generator'] = null;
  if (json.generator !== undefined) {
    const g = isObject(json.generator) ? json.generator : fail('generator', 'must be an object {scale, seed}');
    if (typeof g.scale !== 'number' || !Number.isInteger(g.seed)) fail('generator', 'must be {scale: number, seed: integer}');
    generator = { scale: g.scale as number, seed: g.seed as number };
  }
  if (!Array.isArray(json.resources) || json.resources.length === 0) fail('resources', 'must be a non-empty list');
  const definition = AGENCIES[agency];
  const resources: DeliveryResource[] = [];
  for (const [i, entry] of (json.resources as unknown[]).entries()) {
    const at = (f: string) => `resources[${i}].${f}`;
    if (!isObject(entry)) return fail(`resources[${i}]`, 'must be an object');
    const resourceName =
      typeof entry.name === 'string' && definition.resources.includes(entry.name)
        ? entry.name
        : fail(at('name'), `must be one of ${agency}'s resources (${definition.resources.join(', ')}), got ${JSON.stringify(entry.name)}`);
    if (resources.some((r) => r.name === resourceName)) fail(at('name'), `"${resourceName}" is listed twice`);
    const relative =
      typeof entry.path === 'string' && entry.path.length > 0 && !path.isAbsolute(entry.path) && !entry.path.split(/[\\/]/).includes('..')
        ? entry.path
        : fail(at('path'), 'must be a relative path inside the delivery folder');
    const format =
      entry.format === 'csv' || entry.format === 'parquet'
        ? entry.format
        : fail(at('format'), `must be "csv" or "parquet", got ${JSON.stringify(entry.format)}`);
    if (entry.encoding !== undefined && String(entry.encoding).toLowerCase() !== 'utf-8') fail(at('encoding'), 'must be "utf-8"');
    const bytes =
      Number.isSafeInteger(entry.bytes) && (entry.bytes as number) >= 0 ? (entry.bytes as number) : fail(at('bytes'), 'must be a whole number ≥ 0');
    const hash =
      typeof entry.hash === 'string' && HASH.test(entry.hash) ? entry.hash : fail(at('hash'), 'must be "sha256:" and 64 lower-case hex digits');
    const rows =
      Number.isSafeInteger(entry.rows) && (entry.rows as number) >= 0 ? (entry.rows as number) : fail(at('rows'), 'must be a whole number ≥ 0');
    const reference =
      typeof entry.schema === 'string'
        ? entry.schema
        : fail(at('schema'), 'must name a schema kept in the repository, e.g. "migrationsverket/cases.v1.json"');
    const schema = readTableSchema(reference);
    if (!schema) throw new DeliveryRefusal('SCHEMA', `no schema "${reference}" is kept in warehouse/ingest/schemas/`, { file, field: at('schema') });
    if (!reference.startsWith(`${agency}/${resourceName}.v`))
      throw new DeliveryRefusal('SCHEMA', `"${reference}" is not a schema of ${agency}'s ${resourceName}`, { file, field: at('schema') });
    resources.push({
      name: resourceName,
      path: relative,
      absolutePath: path.join(directory, relative),
      format,
      bytes,
      hash,
      rows,
      schemaReference: reference,
      schema,
    });
  }
  if (kind === 'full') {
    const missing = definition.requiredInFull.filter((r) => !resources.some((x) => x.name === r));
    if (missing.length)
      fail('resources', `a full delivery of ${agency} holds ${definition.requiredInFull.join(' and ')}; missing: ${missing.join(', ')}`);
  }
  // Applied in the agency's resource order, whatever the manifest's order.
  resources.sort((a, b) => definition.resources.indexOf(a.name) - definition.resources.indexOf(b.name));
  const fingerprint = createHash('sha256')
    .update([kind, ...resources.map((r) => `${r.name}:${r.hash}`)].join('\n'))
    .digest('hex');
  return { directory, name, agency, extractId, kind, extractedAt, periodStart, periodEnd, resources, generator, fingerprint };
}
