import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type { CopyStreamQuery } from 'pg-copy-streams';
import type { CopySession } from '../cases/copy-session.js';
import { DeliveryRefusal } from './delivery-refusal.js';
import { parquetAsCsv } from './parquet-source.js';
import type { DeliveryResource } from './manifest.js';
import { fileFields } from './table-schema.js';
import { quoteIdent, workTable } from './work-tables.js';

/**
 * The structure layer: COPY the file as it is into a table of text columns (plus its row number), with PostgreSQL
 * checking the header against the schema's fields (HEADER MATCH), RFC 4180 quoting, the column count of every row
 * and UTF-8. A Parquet file is streamed in as the same CSV text, one row group at a time (parquet-source.ts).
 * Any of those faults refuses the file, naming its line. Streams the file: memory does not grow with it.
 * Returns the rows copied.
 */
export async function copyResource(session: CopySession, deliveryId: number, kind: 'full' | 'delta', resource: DeliveryResource): Promise<number> {
  const fields = fileFields(resource.schema, kind);
  const table = workTable('raw', deliveryId, resource.name);
  const columns = fields.map((f) => quoteIdent(f.name));
  await sql.raw(`drop table if exists ${table}`).execute(session.db);
  await sql
    .raw(`create unlogged table ${table} (_row bigint generated always as identity, ${columns.map((c) => `${c} text`).join(', ')})`)
    .execute(session.db);
  // A Parquet file whose columns are wrong is refused before the COPY starts.
  const source =
    resource.format === 'parquet'
      ? await parquetAsCsv(resource.absolutePath, resource.path, fields)
      : createReadStream(resource.absolutePath, { highWaterMark: 1 << 20 });
  const run = await session.copy(`copy ${table} (${columns.join(', ')}) from stdin with (format csv, header match, encoding 'UTF8')`);
  try {
    await pipeline(source, run.stream);
    await run.done;
  } catch (error) {
    throw structuralRefusal(
      error,
      resource.path,
      fields.map((f) => f.name),
    );
  }
  const copied = (run.stream as CopyStreamQuery).rowCount;
  if (copied !== resource.rows)
    throw new DeliveryRefusal('ROW_COUNT', `the file holds ${copied} rows, the manifest says ${resource.rows}`, { file: resource.path });
  return copied;
}

/** PostgreSQL's COPY error, as a refusal naming the file's line (its `where` says "COPY …, line N[, column c]"). */
function structuralRefusal(error: unknown, file: string, expected: string[]): DeliveryRefusal {
  const pgError = error as { message?: string; where?: string; code?: string };
  const message = pgError.message ?? String(error);
  const where = pgError.where ?? '';
  const line = Number(/line (\d+)/.exec(where)?.[1] ?? Number.NaN);
  const column = /column (\w+)/.exec(where)?.[1];
  const place = { file, line: Number.isNaN(line) ? undefined : line, field: column };
  if (pgError.code === '22021' || /invalid byte sequence/.test(message)) return new DeliveryRefusal('ENCODING', `not UTF-8: ${message}`, place);
  if (/header/.test(message))
    return new DeliveryRefusal('HEADER', `${message}; the header must be exactly: ${expected.join(',')}`, { ...place, line: 1 });
  return new DeliveryRefusal('STRUCTURE', message, place);
}
