import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { FIGURE_COLUMNS, type FigureColumn } from './figure-vocabulary.js';
import { figureKey, validateFigureRecord, type FigureRow, type RawFigureRecord } from './figure-row.js';

/** A problem in a curated file, located by file and CSV line so that a curator can fix it. */
export interface FigureFileError {
  file: string;
  line: number;
  message: string;
}

export type FigureFileResult = { rows: FigureRow[]; errors: FigureFileError[] };

/**
 * Parses and validates one curated CSV file. A file is all or nothing: callers load no row of a file with errors.
 */
export function parseFigureCsv(file: string, content: string): FigureFileResult {
  const errors: FigureFileError[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = (error as { lines?: number }).lines ?? 0;
    return { rows: [], errors: [{ file, line, message: `not valid CSV: ${message}` }] };
  }
  const [header, ...body] = records;
  if (!header || header.record.join(',') !== FIGURE_COLUMNS.join(',')) {
    return { rows: [], errors: [{ file, line: 1, message: `header must be: ${FIGURE_COLUMNS.join(',')}` }] };
  }
  const rows: FigureRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    if (record.length !== FIGURE_COLUMNS.length) {
      errors.push({ file, line: info.lines, message: `has ${record.length} fields, expected ${FIGURE_COLUMNS.length}` });
      continue;
    }
    const raw = Object.fromEntries(FIGURE_COLUMNS.map((c, i) => [c, record[i] ?? ''])) as Record<FigureColumn, string>;
    const result = validateFigureRecord(raw satisfies RawFigureRecord);
    if ('errors' in result) {
      for (const message of result.errors) errors.push({ file, line: info.lines, message });
      continue;
    }
    const key = figureKey(result.row);
    const previous = seen.get(key);
    if (previous !== undefined) {
      errors.push({ file, line: info.lines, message: `same key as the row at line ${previous}: add a dimension or subgroup` });
      continue;
    }
    seen.set(key, info.lines);
    rows.push(result.row);
  }
  return { rows, errors };
}

export async function readFigureFile(file: string): Promise<FigureFileResult> {
  return parseFigureCsv(file, await readFile(file, 'utf8'));
}
