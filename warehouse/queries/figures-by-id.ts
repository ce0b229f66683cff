import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../database/tables.js';
import type { FigureRow } from './published-figures.js';

/** Published figures by id, with their table's code, caption and kind (as figurePage reads them). */
export function figuresById(db: Kysely<Database>, ids: readonly number[]) {
  return db
    .selectFrom('fact_figure')
    .innerJoin('dim_source_table', 'dim_source_table.source_table_id', 'fact_figure.source_table_id')
    .selectAll('fact_figure')
    .select(['dim_source_table.table_code', 'dim_source_table.caption', 'dim_source_table.kind'])
    .where('fact_figure.figure_id', 'in', ids.length > 0 ? ids : [-1]) as SelectQueryBuilder<Database, 'fact_figure' | 'dim_source_table', FigureRow>;
}
