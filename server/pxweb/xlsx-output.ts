import writeXlsxFile, { type Row } from 'write-excel-file/node';
import type { CubeSelection } from './cube-selection.js';
import type { CubeValues } from './cube-values.js';
import type { CsvOptions } from './csv-options.js';
import { cubeTable } from './cube-table.js';
import { MISSING_SYMBOL } from './json-stat-dataset.js';
import type { Language } from './language.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The cube as an Excel workbook (outputFormat=xlsx): the same flat table as the CSV, numbers as numbers so a
 * spreadsheet can compute with them, a null cell as `..` like every PxWeb format. The title row is always written
 * (a workbook opened on its own has nothing else saying what it holds); the label choice follows outputFormatParams.
 */
export async function cubeXlsx(selection: CubeSelection, cube: CubeValues, lang: Language, options: CsvOptions, title: string): Promise<Buffer> {
  const { header, rows } = cubeTable(selection, cube, lang, options.labels);
  const data: Row[] = [
    [{ value: title, fontWeight: 'bold' }],
    header.map((text) => ({ value: text, fontWeight: 'bold' as const })),
    ...rows.map((row) => row.map((cell) => (cell === null ? { value: MISSING_SYMBOL, align: 'right' as const } : { value: cell }))),
  ];
  return writeXlsxFile(data, { sheet: 'Data' }).toBuffer();
}
