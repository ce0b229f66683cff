import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { PublishedFigureConnection } from '../schema/published-figure.type.js';
import { SourceTable } from '../schema/source-table.type.js';
import { listSourceTables } from '../warehouse/queries/published-figures.js';
import type { RequestContext } from './context.js';
import { figureCursor, pageSize } from './pagination.js';
import { toFigurePage, toSourceTable } from './published-figure.mapper.js';

@Resolver(() => SourceTable)
export class SourceTableResolver {
  @Query(() => [SourceTable], { description: 'Every loaded source table (källtabeller) with its caption, line range and figure count.' })
  async sourceTables(
    @Arg('document', () => String, { nullable: true, description: 'Only tables of this source document.' }) document: string | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<SourceTable[]> {
    const rows = await listSourceTables(db, { document }).execute();
    return rows.map(toSourceTable);
  }

  @FieldResolver(() => PublishedFigureConnection, { description: 'The figures of this table, in line order (uppgifter).' })
  async figures(
    @Root() table: SourceTable,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–1000 (default 100).' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor: pageInfo.endCursor of the previous page.' }) after: string | undefined,
    @Ctx() { loaders }: RequestContext,
  ): Promise<PublishedFigureConnection> {
    const limit = pageSize(first);
    const rows = await loaders.tableFigures.load({ sourceTableId: table.id, limit, cursor: figureCursor(after) });
    return { totalCount: table.figureCount, ...toFigurePage(rows, limit) };
  }
}
