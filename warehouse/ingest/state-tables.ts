import { sql, type Kysely } from 'kysely';
import type { AgencyCode } from './agencies.js';
import { fileFields, type FieldType, schemaReferences, type TableSchema, targetColumn } from './table-schema.js';
import { quoteIdent } from './work-tables.js';

const SQL_TYPE: Record<FieldType, string> = { string: 'text', integer: 'integer', boolean: 'boolean', date: 'date' };

/** `ingest.state_<agency>_<resource>`: the agency's current rows of a resource, across loads. */
export function stateTable(agency: AgencyCode, resource: string): string {
  return `ingest.${quoteIdent(`state_${agency}_${resource}`)}`;
}

/** The state's columns: the row's key, each field under its warehouse name (the operation is not kept), the delivery. */
export function stateColumns(schema: TableSchema): { name: string; type: string }[] {
  return fileFields(schema, 'full').map((f) => ({ name: targetColumn(f), type: SQL_TYPE[f.type] }));
}

/** Creates the state table of a resource from its schema when it does not exist, with indexes on its references. */
export async function ensureStateTable<D>(db: Kysely<D>, agency: AgencyCode, resource: string, schema: TableSchema): Promise<void> {
  const table = stateTable(agency, resource);
  const columns = stateColumns(schema).map((c) => `${quoteIdent(c.name)} ${c.type}`);
  await sql.raw(`create table if not exists ${table} (_key text primary key, ${columns.join(', ')}, _delivery bigint not null)`).execute(db);
  for (const { column } of schemaReferences(schema, agency)) {
    await sql
      .raw(`create index if not exists ${quoteIdent(`state_${agency}_${resource}_${column}`)} on ${table} (${quoteIdent(column)})`)
      .execute(db);
  }
}
