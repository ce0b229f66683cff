import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { encodeFigureCursor, type FigureCursor } from '../warehouse/queries/figure-cursor.js';
import { firstFiguresOfTables, listSourceTables, type FigureRow } from '../warehouse/queries/published-figures.js';

export type SourceTableRow = Awaited<ReturnType<ReturnType<typeof listSourceTables>['execute']>>[number];

/** A page request for one source table's figures; tables asked with the same page shape share one statement. */
export interface TableFiguresKey {
  sourceTableId: number;
  limit: number;
  cursor: FigureCursor | null;
}

const pageShape = (k: TableFiguresKey) => `${k.limit}|${k.cursor ? encodeFigureCursor(k.cursor) : ''}`;

export function createSourceTableLoaders(db: Kysely<Database>) {
  return {
    sourceTable: new DataLoader<number, SourceTableRow | undefined>(async (ids) => {
      const rows = await listSourceTables(db, { ids }).execute();
      const byId = new Map(rows.map((r) => [r.source_table_id, r]));
      return ids.map((id) => byId.get(id));
    }),

    tableFigures: new DataLoader<TableFiguresKey, FigureRow[], string>(
      async (keys) => {
        const byShape = new Map<string, TableFiguresKey[]>();
        for (const key of keys) byShape.set(pageShape(key), [...(byShape.get(pageShape(key)) ?? []), key]);
        const results = new Map<string, FigureRow[]>();
        for (const group of byShape.values()) {
          const { limit, cursor } = group[0] as TableFiguresKey;
          const rows = await firstFiguresOfTables(
            db,
            group.map((k) => k.sourceTableId),
            limit,
            cursor,
          );
          for (const key of group)
            results.set(
              `${key.sourceTableId}|${pageShape(key)}`,
              rows.filter((r) => r.source_table_id === key.sourceTableId),
            );
        }
        return keys.map((k) => results.get(`${k.sourceTableId}|${pageShape(k)}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.sourceTableId}|${pageShape(k)}` },
    ),
  };
}

export type SourceTableLoaders = ReturnType<typeof createSourceTableLoaders>;
