import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root.js';
import { AGENCIES, type AgencyCode } from './agencies.js';

/** Where the Table Schemas of the agencies' resources are kept (one folder per agency). */
export const SCHEMA_DIRECTORY = path.join(projectRoot(), 'warehouse', 'ingest', 'schemas');

export type FieldType = 'string' | 'integer' | 'boolean' | 'date';

/** One field of a Table Schema (frictionlessdata.io/specs/table-schema), with this warehouse's `x-` properties. */
export interface SchemaField {
  name: string;
  type: FieldType;
  description: string;
  format?: string;
  constraints?: { required?: boolean; pattern?: string; enum?: string[]; minimum?: number; maxLength?: number };
  trueValues?: string[];
  falseValues?: string[];
  /** The warehouse column the field fills (default: its own name). */
  'x-target'?: string;
  /** The agency's code list for the field: `code-maps/<agency>/<x-codeMap>.csv` maps it to the warehouse's codes. */
  'x-codeMap'?: string;
  /** A reference table whose codes the value must be one of (e.g. dim_nationality). */
  'x-reference'?: 'dim_nationality';
  /** The field names another agency's record: `{agency, resource, field}`. */
  'x-link'?: { agency: AgencyCode; resource: string; field: string };
  /** Present in delta deliveries only (the row's operation). */
  'x-deltaOnly'?: boolean;
}

export interface TableSchema {
  name: string;
  'x-version': number;
  title: string;
  description: string;
  fields: SchemaField[];
  primaryKey: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  missingValues: string[];
  /** The date field whose value picks the code map rows in force. */
  'x-effectiveDate': string;
  /** Row rules across fields (rule-checks.ts). */
  'x-rules'?: RowRule[];
}

export const ROW_RULES = ['decision_not_before_receipt', 'outcome_with_decision'] as const;
export type RowRule = (typeof ROW_RULES)[number];

/** The path of a resource's schema: `<agency>/<resource>.v<version>.json` under SCHEMA_DIRECTORY. */
export function schemaReference(agency: AgencyCode, resource: string, version: number): string {
  return `${agency}/${resource}.v${version}.json`;
}

const cache = new Map<string, TableSchema>();

/** Reads a schema kept in the repository by its reference; null when there is none. */
export function readTableSchema(reference: string): TableSchema | null {
  if (!/^[a-z]+\/[a-z_]+\.v[0-9]+\.json$/.test(reference)) return null;
  const cached = cache.get(reference);
  if (cached) return cached;
  let schema: TableSchema;
  try {
    schema = JSON.parse(readFileSync(path.join(SCHEMA_DIRECTORY, reference), 'utf8')) as TableSchema;
  } catch {
    return null;
  }
  cache.set(reference, schema);
  return schema;
}

/** The fields a file of this schema holds, in order: all of them in a delta, all but the delta-only ones in a full one. */
export function fileFields(schema: TableSchema, kind: 'full' | 'delta'): SchemaField[] {
  return schema.fields.filter((f) => kind === 'delta' || !f['x-deltaOnly']);
}

/** The column a field fills in the agency's state. */
export function targetColumn(field: SchemaField): string {
  return field['x-target'] ?? field.name;
}

/** The schema a resource's deliveries are read with now (its agency's current version); a missing one is a bug. */
export function currentSchema(agency: AgencyCode, resource: string): TableSchema {
  const reference = schemaReference(agency, resource, AGENCIES[agency].schemaVersion);
  const schema = readTableSchema(reference);
  if (!schema) throw new Error(`no schema ${reference} in warehouse/ingest/schemas/`);
  return schema;
}

/** A field that names another record: a foreign key within the agency's delivery, or an `x-link` to another agency's. */
export interface SchemaReference {
  /** The state column holding the reference. */
  column: string;
  agency: AgencyCode;
  resource: string;
}

export function schemaReferences(schema: TableSchema, agency: AgencyCode): SchemaReference[] {
  const column = (name: string) => targetColumn(schema.fields.find((f) => f.name === name) ?? { name, type: 'string', description: '' });
  return [
    ...(schema.foreignKeys ?? []).map((fk) => ({ column: column(fk.fields[0] as string), agency, resource: fk.reference.resource })),
    ...schema.fields.flatMap((f) => {
      const link = f['x-link'];
      return link ? [{ column: targetColumn(f), agency: link.agency, resource: link.resource }] : [];
    }),
  ];
}
