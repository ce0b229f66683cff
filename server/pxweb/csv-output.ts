import { stringify } from 'csv-stringify/sync';
import type { CubeSelection } from './cube-selection.js';
import type { CubeValues } from './cube-values.js';
import type { CsvOptions } from './csv-options.js';
import { cubeTable } from './cube-table.js';
import { MISSING_SYMBOL } from './json-stat-dataset.js';
import type { Language } from './language.js';

/**
 * The cube as PxWeb's CSV (the flat table of cube-table.ts); a null cell is `..`. outputFormatParams choose codes or
 * texts, the separator and a title line.
 */
export function cubeCsv(selection: CubeSelection, cube: CubeValues, lang: Language, options: CsvOptions, title: string): string {
  const { header, rows } = cubeTable(selection, cube, lang, options.labels);
  const lines = rows.map((row) => row.map((cell) => (cell === null ? MISSING_SYMBOL : String(cell))));
  const csv = stringify([header, ...lines], { delimiter: options.delimiter });
  return options.includeTitle ? `${stringify([[title]], { delimiter: options.delimiter })}${csv}` : csv;
}
