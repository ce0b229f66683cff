import { codeCombinations, type CubeSelection, type SelectedVariable } from './cube-selection.js';
import type { CubeValues } from './cube-values.js';
import type { CsvOptions } from './csv-options.js';
import type { Language } from './language.js';

/** How the flat answers (CSV, xlsx) label values: `outputFormatParams` UseCodes, UseTexts or UseCodesAndTexts. */
export type ValueLabels = CsvOptions['labels'];

/** The cube laid out as PxWeb's flat table: a header row, then one row per stub combination; null cells stay null. */
export interface CubeTable {
  header: string[];
  rows: (string | number | null)[][];
}

function labeller(labels: ValueLabels, lang: Language) {
  return (d: SelectedVariable, code: string) => {
    const text = d.variable.values.find((v) => v.code === code)?.label[lang] ?? code;
    return labels === 'codes' ? code : labels === 'codesAndTexts' ? `${code} ${text}` : text;
  };
}

/**
 * One column per stub variable (its labels), one per combination of heading values, one row per combination of stub
 * values, in the same row-major order as JSON-stat. CSV and xlsx write this same table, each in its own way.
 */
export function cubeTable(selection: CubeSelection, cube: CubeValues, lang: Language, labels: ValueLabels): CubeTable {
  const labelOf = labeller(labels, lang);
  const stub = selection.dimensions.slice(0, selection.stub.length);
  const heading = selection.dimensions.slice(selection.stub.length);
  const columns = codeCombinations(heading.map((d) => d.codes));
  const header = [
    ...stub.map((d) => (labels === 'codes' ? d.variable.code : d.variable.label[lang])),
    ...columns.map((combo) => combo.map((c, k) => labelOf(heading[k] as SelectedVariable, c)).join(' ')),
  ];
  const rows = codeCombinations(stub.map((d) => d.codes)).map((combo, row) => [
    ...combo.map((c, k) => labelOf(stub[k] as SelectedVariable, c)),
    ...columns.map((_, col) => cube.values[row * columns.length + col] ?? null),
  ]);
  return { header, rows };
}
