import type { CubeSelection, SelectedVariable } from './cube-selection.js';
import type { CubeValues } from './cube-values.js';
import { TOTAL_CODE } from './source-tables.js';
import type { PublishedCell, ResolvedTable } from './table-variables.js';

const SEP = '\u0001';

/**
 * The cells of a published source table: each selected combination is the figure printed there, with its line and
 * quote; an eliminated variable reads its total (`_`); a combination the report did not print is null (NOT_PUBLISHED).
 */
export function figureCube(resolved: ResolvedTable, figures: readonly PublishedCell[], selection: CubeSelection): CubeValues {
  const order = resolved.variables.map((v) => v.code);
  const keyOf = (coordinates: Record<string, string>) => order.map((c) => coordinates[c] ?? TOTAL_CODE).join(SEP);
  const byKey = new Map(figures.map((f) => [keyOf(f.coordinates), f]));
  const dims = selection.dimensions;
  const values: (number | null)[] = new Array(selection.cells);
  const reasons: CubeValues['reasons'] = new Map();
  const sources: NonNullable<CubeValues['sources']> = new Map();
  const position = dims.map(() => 0);
  for (let i = 0; i < selection.cells; i++) {
    const coordinates = Object.fromEntries(dims.map((d, k) => [d.variable.code, d.codes[position[k] as number] as string]));
    const figure = byKey.get(keyOf(coordinates));
    values[i] = figure ? figure.value : null;
    if (figure) sources.set(i, { line: figure.line, quote: figure.quote, printed: figure.printed });
    else reasons.set(i, 'NOT_PUBLISHED');
    for (let k = dims.length - 1; k >= 0; k--) {
      position[k] = ((position[k] as number) + 1) % (dims[k] as SelectedVariable).codes.length;
      if (position[k] !== 0) break;
    }
  }
  return { values, reasons, sources };
}
