import { sql, type Kysely } from 'kysely';
import type { Database } from '../database/tables.js';
import { rememberForGeneration } from '../database/generation-memo.js';

/** Text columns of the published figures a filter may name, with the dimension table that joins them. */
export const FIGURE_FILTER_COLUMNS = {
  document: sql`f.document`,
  table: sql`t.table_code`,
  measure: sql`f.measure`,
  area: sql`f.area::text`,
  segment: sql`f.segment`,
  region: sql`f.region`,
  agency: sql`f.agency`,
  feeActivity: sql`f.fee_activity`,
  appropriation: sql`f.appropriation`,
} as const;
export type FigureFilterColumn = keyof typeof FIGURE_FILTER_COLUMNS;

/** The values the published figures hold in the named columns, in one statement (remembered per generation): column → values. */
export function figureColumnValues(
  db: Kysely<Database>,
  columns: readonly FigureFilterColumn[],
): Promise<ReadonlyMap<FigureFilterColumn, readonly string[]>> {
  return rememberForGeneration(db, `figure-column-values:${columns.join(',')}`, () => readFigureColumnValues(db, columns));
}

async function readFigureColumnValues(db: Kysely<Database>, columns: readonly FigureFilterColumn[]): Promise<Map<FigureFilterColumn, string[]>> {
  const values = new Map<FigureFilterColumn, string[]>(columns.map((c) => [c, []]));
  if (columns.length === 0) return values;
  const parts = columns.map(
    (c) => sql`select distinct ${c}::text as filter_column, ${FIGURE_FILTER_COLUMNS[c]} as value
    from fact_figure f join dim_source_table t on t.source_table_id = f.source_table_id where ${FIGURE_FILTER_COLUMNS[c]} is not null`,
  );
  const { rows } = await sql<{ filter_column: FigureFilterColumn; value: string }>`${sql.join(parts, sql` union all `)} order by 1, 2`.execute(db);
  for (const row of rows) values.get(row.filter_column)?.push(row.value);
  return values;
}
