import { stringify } from 'csv-stringify/sync';
import type { CubeSelection, SelectedVariable } from './cube-selection.js';
import type { CubeValues } from './cube-values.js';
import type { Language } from './language.js';
import { MISSING_SYMBOL } from './json-stat-dataset.js';

import type { CsvOptions } from './csv-options.js';

function labeller(options: CsvOptions, lang: Language) {
  return (d: SelectedVariable, code: string) => {
    const text = d.variable.values.find((v) => v.code === code)?.label[lang] ?? code;
    return options.labels === 'codes' ? code : options.labels === 'codesAndTexts' ? `${code} ${text}` : text;
  };
}

/** Every combination of the dimensions' codes, the last fastest. */
function combinations(dims: SelectedVariable[]): string[][] {
  let rows: string[][] = [[]];
  for (const d of dims) rows = rows.flatMap((r) => d.codes.map((c) => [...r, c]));
  return rows;
}

/**
 * The cube as PxWeb's CSV: one column per stub variable (labels), one per combination of heading values, one line
 * per combination of stub values; a null cell is `..`. The cells are in the same row-major order as JSON-stat.
 * outputFormatParams choose codes or texts, the separator and a title line.
 */
export function cubeCsv(selection: CubeSelection, cube: CubeValues, lang: Language, options: CsvOptions, title: string): string {
  const labelOf = labeller(options, lang);
  const stub = selection.dimensions.slice(0, selection.stub.length);
  const heading = selection.dimensions.slice(selection.stub.length);
  const columns = combinations(heading);
  const header = [
    ...stub.map((d) => (options.labels === 'codes' ? d.variable.code : d.variable.label[lang])),
    ...columns.map((combo) => combo.map((c, k) => labelOf(heading[k] as SelectedVariable, c)).join(' ')),
  ];
  const lines = combinations(stub).map((combo, row) => [
    ...combo.map((c, k) => labelOf(stub[k] as SelectedVariable, c)),
    ...columns.map((_, col) => {
      const value = cube.values[row * columns.length + col];
      return value === null || value === undefined ? MISSING_SYMBOL : String(value);
    }),
  ]);
  const csv = stringify([header, ...lines], { delimiter: options.delimiter });
  return options.includeTitle ? `${stringify([[title]], { delimiter: options.delimiter })}${csv}` : csv;
}
