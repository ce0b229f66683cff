import type { MetricCell } from '../loaders/metric-cell-loaders.js';
import type { FigureCell } from '../warehouse/queries/figure-cells.js';

/** One year of a domain series: the catalogue's computed values and the published figures of the same cell. */
export interface YearlyEntry {
  year: number;
  computed: Map<string, number | null>;
  /** The computed cell of the year, if the basis holds the year. */
  cell: MetricCell | undefined;
  published: FigureCell | undefined;
}

/** Joins computed and published cells on the year (either side may lack a year), oldest first. */
export function joinYears(computed: readonly MetricCell[], published: readonly FigureCell[]): YearlyEntry[] {
  const years = [...new Set([...computed.map((c) => c.year), ...published.map((p) => p.year)])].sort((a, b) => a - b);
  return years.map((year) => ({
    year,
    computed: computed.find((c) => c.year === year)?.values ?? new Map(),
    cell: computed.find((c) => c.year === year),
    published: published.find((p) => p.year === year),
  }));
}
