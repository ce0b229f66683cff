import { inList } from './in-list.js';
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import { rememberForGeneration } from '../database/generation-memo.js';
import type { Database, FigureRecord } from '../database/tables.js';
import type { FigureCursor } from './figure-cursor.js';

/** Filter of published figures: each given field must match; lists match any value. */
export interface FigureFilter {
  document?: string;
  line?: number;
  table?: string;
  year?: readonly number[];
  caseType?: readonly string[];
  measure?: readonly string[];
  area?: readonly string[];
  segment?: readonly string[];
  sex?: readonly string[];
  region?: readonly string[];
  agency?: readonly string[];
  feeActivity?: readonly string[];
  appropriation?: readonly string[];
  approximate?: boolean;
  sourceTableId?: readonly number[];
}

/** The figure columns a page returns: every one the API shows (not the load's own bookkeeping, key and file). */
const PAGE_COLUMNS = [
  'figure_id',
  'area',
  'document',
  'source_table_id',
  'line',
  'quote',
  'measure',
  'unit',
  'printed',
  'value',
  'base_value',
  'base_unit',
  'year',
  'period',
  'approximate',
  'edition_year',
  'case_type',
  'segment',
  'sex',
  'age_group',
  'region',
  'nationality',
  'agency',
  'appropriation',
  'fee_activity',
  'outcome',
  'subgroup',
  'note',
] as const satisfies readonly (keyof FigureRecord)[];

export type FigureRow = Pick<FigureRecord, (typeof PAGE_COLUMNS)[number]> & { table_code: string; caption: string; kind: string };

/** A column a page of figures can return. */
export type FigureColumn = keyof FigureRow;

/** The columns of the figure's source table a page returns. */
const TABLE_COLUMNS = ['table_code', 'caption', 'kind'] as const satisfies readonly FigureColumn[];

/** The columns every page reads, whatever was asked: its keyset cursor. */
const CURSOR_COLUMNS: ReadonlySet<FigureColumn> = new Set(['document', 'line', 'figure_id']);

type From = 'fact_figure' | 'dim_source_table';

function filtered(db: Kysely<Database>, filter: FigureFilter) {
  let query = db.selectFrom('fact_figure').innerJoin('dim_source_table', 'dim_source_table.source_table_id', 'fact_figure.source_table_id');
  const list = <C extends keyof FigureRecord>(column: C, values: readonly unknown[] | undefined) => {
    if (values !== undefined) query = query.where((eb) => inList(eb, `fact_figure.${column}` as 'fact_figure.measure', values as string[]));
  };
  if (filter.document !== undefined) query = query.where('fact_figure.document', '=', filter.document);
  if (filter.line !== undefined) query = query.where('fact_figure.line', '=', filter.line);
  if (filter.table !== undefined) query = query.where('dim_source_table.table_code', '=', filter.table);
  if (filter.approximate !== undefined) query = query.where('fact_figure.approximate', '=', filter.approximate);
  list('year', filter.year);
  list('case_type', filter.caseType);
  list('measure', filter.measure);
  list('area', filter.area);
  list('segment', filter.segment);
  list('sex', filter.sex);
  list('region', filter.region);
  list('agency', filter.agency);
  list('fee_activity', filter.feeActivity);
  list('appropriation', filter.appropriation);
  list('source_table_id', filter.sourceTableId);
  return query;
}

const after = (cursor: FigureCursor) => (eb: ExpressionBuilder<Database, From>) =>
  eb(eb.refTuple('fact_figure.document', 'fact_figure.line', 'fact_figure.figure_id'), '>', eb.tuple(cursor.document, cursor.line, cursor.figureId));

/** The page's columns in one fixed order (so that one selection is one statement text), the cursor's always. */
function withColumns(query: SelectQueryBuilder<Database, From, object>, columns: ReadonlySet<FigureColumn> | undefined) {
  const wanted = (c: FigureColumn) => columns === undefined || columns.has(c) || CURSOR_COLUMNS.has(c);
  const table = TABLE_COLUMNS.filter(wanted);
  const figures = query.select(PAGE_COLUMNS.filter(wanted).map((c) => `fact_figure.${c}` as const));
  return table.length > 0 ? figures.select(table.map((c) => `dim_source_table.${c}` as const)) : figures;
}

/**
 * One page of figures in (document, line, id) order, after the cursor; `limit` + 1 rows tell whether more follow.
 * `columns`: only these (and the cursor's) are read, the others are absent from the rows; all when not given.
 */
export function figurePage(
  db: Kysely<Database>,
  filter: FigureFilter,
  limit: number,
  cursor: FigureCursor | null,
  columns?: ReadonlySet<FigureColumn>,
) {
  let query = withColumns(filtered(db, filter), columns);
  if (cursor) query = query.where(after(cursor));
  return query
    .orderBy('fact_figure.document')
    .orderBy('fact_figure.line')
    .orderBy('fact_figure.figure_id')
    .limit(limit + 1) as SelectQueryBuilder<Database, From, FigureRow>;
}

/** How many figures match a filter: a number that changes only with a load, remembered per warehouse generation. */
export function countFigures(db: Kysely<Database>, filter: FigureFilter): Promise<number> {
  return rememberForGeneration(db, `figure-count:${JSON.stringify(filter)}`, async () => {
    const { count } = await filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(count);
  });
}

/**
 * The first page of figures of several source tables at once (one statement for any number of tables): a window
 * numbers each table's figures, and only the first `limit` + 1 of each are returned.
 */
export async function firstFiguresOfTables(
  db: Kysely<Database>,
  sourceTableIds: readonly number[],
  limit: number,
  cursor: FigureCursor | null,
): Promise<FigureRow[]> {
  let inner = withColumns(filtered(db, { sourceTableId: sourceTableIds }), undefined).select(
    sql<number>`row_number() over (partition by fact_figure.source_table_id order by fact_figure.document, fact_figure.line, fact_figure.figure_id)`.as(
      'position',
    ),
  );
  if (cursor) inner = inner.where(after(cursor));
  const rows = await db
    .selectFrom(inner.as('numbered'))
    .selectAll()
    .where('numbered.position', '<=', limit + 1)
    .orderBy('numbered.document')
    .orderBy('numbered.line')
    .orderBy('numbered.figure_id')
    .execute();
  return rows as unknown as FigureRow[];
}

/** Source tables with their figure counts, in document and line order. */
export function listSourceTables(db: Kysely<Database>, filter: { document?: string; ids?: readonly number[] } = {}) {
  let query = db
    .selectFrom('dim_source_table')
    .leftJoin('fact_figure', 'fact_figure.source_table_id', 'dim_source_table.source_table_id')
    .select([
      'dim_source_table.source_table_id',
      'dim_source_table.document',
      'dim_source_table.table_code',
      'dim_source_table.caption',
      'dim_source_table.kind',
      'dim_source_table.first_line',
      'dim_source_table.last_line',
    ])
    .select((eb) => eb.fn.count<number>('fact_figure.figure_id').as('figure_count'))
    .groupBy('dim_source_table.source_table_id')
    .orderBy('dim_source_table.document')
    .orderBy('dim_source_table.first_line')
    .orderBy('dim_source_table.source_table_id');
  if (filter.document !== undefined) query = query.where('dim_source_table.document', '=', filter.document);
  if (filter.ids !== undefined) query = query.where((eb) => inList(eb, 'dim_source_table.source_table_id', filter.ids ?? []));
  return query;
}
