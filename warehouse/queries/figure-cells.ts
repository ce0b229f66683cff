import type { HeadlineFigure } from './headline-figures.js';

/** The values and sources of one (group, year) cell, keyed by measure. */
export interface FigureCell {
  year: number;
  values: Map<string, number>;
  figures: HeadlineFigure[];
}

/**
 * Pivots headline figures (one row per measure) into cells per group key and year, years ascending: the shape every
 * "thing → years" resolver needs.
 */
export function pivotByYear(rows: readonly HeadlineFigure[], groupKey: (row: HeadlineFigure) => string): Map<string, FigureCell[]> {
  const groups = new Map<string, Map<number, FigureCell>>();
  for (const row of rows) {
    if (row.year === null) continue;
    const key = groupKey(row);
    let years = groups.get(key);
    if (!years) groups.set(key, (years = new Map()));
    let cell = years.get(row.year);
    if (!cell) years.set(row.year, (cell = { year: row.year, values: new Map(), figures: [] }));
    cell.values.set(row.measure, row.base_value);
    cell.figures.push(row);
  }
  return new Map([...groups].map(([key, years]) => [key, [...years.values()].sort((a, b) => a.year - b.year)]));
}
