import type { Kysely } from 'kysely';
import type { Database } from '../database/tables.js';
import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES, isTimeDimension, timeGrain } from '../dimensions/dimension-registry.js';
import type { MetricDefinition } from './metric-definition.js';
import type { MetricRequest, MetricRowData } from './metric-request.js';
import { DIMENSION_COLUMNS } from '../published/figure-vocabulary.js';
import { rememberForGeneration } from '../database/generation-memo.js';

/** The published figure printed for exactly a computed cell. */
export interface PublishedCell {
  value: number;
  unit: string;
  printedUnit: string;
  printed: string;
  document: string;
  line: number;
  quote: string;
  approximate: boolean;
}

/** Figure columns a cell is matched on; any not named by the cell must be null on the figure (a total). */
const MATCHED = DIMENSION_COLUMNS;
type Matched = (typeof MATCHED)[number];

/** Filter keys of the dimensions the published figures hold, and their figure column (from the registry). */
const FILTER_COLUMN = ATTRIBUTE_DIMENSIONS.flatMap((d) => {
  const { key, figureColumn } = ATTRIBUTES[d];
  return figureColumn === null ? [] : [[key, figureColumn] as const];
});
/** Dimensions the published figures do not split by: a row grouped or filtered by one has no published twin. */
const UNPUBLISHED = ATTRIBUTE_DIMENSIONS.filter((d) => ATTRIBUTES[d].figureColumn === null);
/** Generated cases of a type the reports do not split into segments carry this segment; the reports print no segment. */
const UNSEGMENTED = 'general';

/**
 * Finds, for each yearly row, the figure a report printed for the same cell: same year, same dimension values (the
 * row's groups and the single-valued filters), totals elsewhere. Rows of other grains or with a filter on a
 * dimension that was not published get none.
 */
export async function publishedBeside(
  db: Kysely<Database>,
  definition: MetricDefinition,
  request: MetricRequest,
  rows: readonly MetricRowData[],
): Promise<(PublishedCell | null)[]> {
  const none = rows.map(() => null);
  const measure = definition.publishedMeasure;
  const grain = timeGrain(request.by);
  if (!measure || rows.length === 0) return none;
  if (grain && grain !== 'YEAR') return none;
  if (!grain && request.where.year?.length !== 1) return none;
  if (request.where.from || request.where.to) return none;
  if (UNPUBLISHED.some((d) => request.by.includes(d) || request.where[ATTRIBUTES[d].key] !== undefined)) return none;

  const fixed: Partial<Record<Matched, string>> = {};
  for (const [key, column] of FILTER_COLUMN) {
    const values = request.where[key];
    if (values === undefined) continue;
    if (values.length !== 1) return none;
    fixed[column] = values[0] as string;
  }
  if (definition.kind === 'figure') {
    for (const [column, values] of Object.entries(definition.defaults)) {
      if (values.length === 1 && values[0] !== null && !(column in fixed)) fixed[column as Matched] = values[0];
    }
  }
  const years = [...new Set(rows.map((r) => (r.bucket ? Number(r.bucket.slice(0, 4)) : (request.where.year?.[0] as number))))].sort();
  // The published figures change only with a load: remembered per warehouse generation.
  const candidates = await rememberForGeneration(db, `published-twins:${measure}:${years.join(',')}`, () =>
    db
      .selectFrom('fact_figure')
      .select(['base_value', 'base_unit', 'unit', 'printed', 'document', 'line', 'quote', 'approximate', 'edition_year', 'year', ...MATCHED])
      .where('measure', '=', measure)
      .where('year', 'in', years)
      .where('period', 'is', null)
      .orderBy('approximate')
      .orderBy('edition_year', 'desc')
      .orderBy('figure_id')
      .execute(),
  );
  const free = new Set<string>(definition.kind === 'figure' ? definition.free : []);
  const matched = MATCHED.filter((c) => !free.has(c));
  // Candidates indexed by year and matched columns: a page of rows looks each up once, not each against all.
  const keyOf = (year: number | undefined | null, cell: Partial<Record<Matched, string | null>>) =>
    JSON.stringify([year ?? null, ...matched.map((c) => cell[c] ?? null)]);
  const byKey = new Map<string, (typeof candidates)[number]>();
  for (const figure of candidates) {
    const key = keyOf(figure.year, figure);
    if (!byKey.has(key)) byKey.set(key, figure); // candidates are ordered best first
  }

  return rows.map((row) => {
    const year = row.bucket ? Number(row.bucket.slice(0, 4)) : request.where.year?.[0];
    const cell: Partial<Record<Matched, string | null>> = { ...fixed };
    for (const d of request.by) {
      if (isTimeDimension(d)) continue;
      const column = ATTRIBUTES[d].figureColumn;
      if (column !== null) cell[column] = row.dims[d] ?? null;
    }
    if (cell.segment === UNSEGMENTED) cell.segment = null;
    const match = byKey.get(keyOf(year, cell));
    return match
      ? {
          value: match.base_value,
          unit: match.base_unit,
          printedUnit: match.unit,
          printed: match.printed,
          document: match.document,
          line: match.line,
          quote: match.quote,
          approximate: match.approximate,
        }
      : null;
  });
}
