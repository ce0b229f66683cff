import { Readable } from 'node:stream';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { csvLine } from './csv-line.js';
import { DeliveryRefusal } from './delivery-refusal.js';
import type { SchemaField } from './table-schema.js';

/** A Parquet cell as the CSV text the same validation reads: dates as ISO days, booleans as true/false, null empty. */
function cellText(value: unknown, field: SchemaField): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return field.type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'boolean') return value ? (field.trueValues?.[0] ?? 'true') : (field.falseValues?.[0] ?? 'false');
  return String(value);
}

/**
 * A Parquet resource as a stream of CSV text (header, then one row group at a time), read with hyparquet: the file is
 * read by ranges, never whole, and memory holds one row group. Its columns must be exactly the schema's fields (in
 * any order); a missing or an unknown column refuses the file like a CSV header would.
 */
export async function parquetAsCsv(file: string, path: string, fields: readonly SchemaField[]): Promise<Readable> {
  const buffer = await asyncBufferFromFile(file);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new DeliveryRefusal('STRUCTURE', `not a Parquet file: ${error instanceof Error ? error.message : String(error)}`, { file: path });
  }
  const columns = metadata.schema.slice(1).map((s) => s.name);
  const expected = fields.map((f) => f.name);
  const missing = expected.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !expected.includes(c));
  if (missing.length || unknown.length)
    throw new DeliveryRefusal(
      'HEADER',
      `the Parquet columns do not match the schema (${[missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean).join('; ')}); the columns must be exactly: ${expected.join(',')}`,
      { file: path },
    );
  // Buffers, not strings: the COPY stream counts bytes.
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from(csvLine(expected));
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const rows = await parquetReadObjects({ file: buffer, metadata, columns: expected, rowStart, rowEnd });
      yield Buffer.from(rows.map((row) => csvLine(fields.map((f) => cellText(row[f.name], f)))).join(''));
      rowStart = rowEnd;
    }
  }
  return Readable.from(chunks());
}
