import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, FigureRecord } from '../database/tables.js';
import { rememberForGeneration } from '../database/generation-memo.js';
import { inList } from './in-list.js';

/** The columns a resolver needs of a figure: its value and everything its `source` shows. */
export type HeadlineFigure = Pick<
  FigureRecord,
  | 'figure_id'
  | 'measure'
  | 'year'
  | 'base_value'
  | 'base_unit'
  | 'document'
  | 'line'
  | 'quote'
  | 'case_type'
  | 'segment'
  | 'sex'
  | 'agency'
  | 'appropriation'
  | 'fee_activity'
  | 'approximate'
> & { table_code: string; caption: string };

/** The dimension columns a headline cell may pin; any not pinned must be a total (null). */
export type CellDimension = 'case_type' | 'segment' | 'sex' | 'agency' | 'appropriation' | 'fee_activity';

const UNPINNED_TOTALS = ['age_group', 'region', 'nationality', 'subgroup', 'period'] as const;

/**
 * One figure per (dimension values, measure, year): the "headline" cell. Where several reports print the same cell,
 * the latest edition wins, and within one edition the most precise unit (kr before tkr before mnkr).
 * `pinned` names the dimensions the caller groups by; `where` restricts them; the others must be null (totals),
 * except those listed in `free` (e.g. outcome on departures), which are neither grouped nor required to be null.
 */
export function headlineFigures(
  db: Kysely<Database>,
  options: {
    measures: readonly string[];
    pinned: readonly CellDimension[];
    where: Partial<Record<CellDimension, readonly (string | null)[]>>;
    free?: readonly string[];
  },
): SelectQueryBuilder<Database, 'fact_figure' | 'dim_source_table', HeadlineFigure> {
  const all: readonly CellDimension[] = ['case_type', 'segment', 'sex', 'agency', 'appropriation', 'fee_activity'];
  let query = db
    .selectFrom('fact_figure')
    .innerJoin('dim_source_table', 'dim_source_table.source_table_id', 'fact_figure.source_table_id')
    .select([
      'fact_figure.figure_id',
      'fact_figure.measure',
      'fact_figure.year',
      'fact_figure.base_value',
      'fact_figure.base_unit',
      'fact_figure.document',
      'fact_figure.line',
      'fact_figure.quote',
      'fact_figure.case_type',
      'fact_figure.segment',
      'fact_figure.sex',
      'fact_figure.agency',
      'fact_figure.appropriation',
      'fact_figure.fee_activity',
      'fact_figure.approximate',
      'dim_source_table.table_code',
      'dim_source_table.caption',
    ])
    .where('fact_figure.measure', 'in', options.measures)
    .where('fact_figure.year', 'is not', null)
    .where('fact_figure.approximate', '=', false);
  for (const column of UNPINNED_TOTALS) {
    if (!options.free?.includes(column)) query = query.where(`fact_figure.${column}`, 'is', null);
  }
  if (!options.free?.includes('outcome')) query = query.where('fact_figure.outcome', 'is', null);
  for (const column of all) {
    const values = options.where[column];
    if (values !== undefined) {
      const nonNull = values.filter((v): v is string => v !== null);
      query = query.where((eb) =>
        eb.or([inList(eb, `fact_figure.${column}`, nonNull), ...(values.includes(null) ? [eb(`fact_figure.${column}`, 'is', null)] : [])]),
      );
    } else if (!options.pinned.includes(column) && !options.free?.includes(column)) {
      query = query.where(`fact_figure.${column}`, 'is', null);
    }
  }
  const cell = [...options.pinned.map((c) => sql.ref(`fact_figure.${c}`)), sql.ref('fact_figure.measure'), sql.ref('fact_figure.year')];
  let ordered = query.distinctOn(cell);
  for (const column of cell) ordered = ordered.orderBy(column);
  return ordered
    .orderBy('fact_figure.edition_year', 'desc')
    .orderBy(sql`case fact_figure.unit when 'kr' then 0 when 'tkr' then 1 when 'mnkr' then 2 else 3 end`)
    .orderBy('fact_figure.figure_id');
}

/** The rows of `headlineFigures(db, options)`, remembered per warehouse generation: the figures change only with a load. */
export function readHeadlineFigures(db: Kysely<Database>, options: Parameters<typeof headlineFigures>[1]): Promise<readonly HeadlineFigure[]> {
  return rememberForGeneration(db, `headline-figures:${JSON.stringify(options)}`, () => headlineFigures(db, options).execute());
}
