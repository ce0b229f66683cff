import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { PublishedFigure, PublishedFigureConnection } from '../schema/published-figure.type.js';
import { PublishedFigureWhere } from '../schema/published-figure-where.input.js';
import { SourceTable } from '../schema/source-table.type.js';
import { countFigures, figurePage } from '../warehouse/queries/published-figures.js';
import type { RequestContext } from './context.js';
import { figureCursor, pageSize } from './pagination.js';
import { toFigurePage, toSourceTable } from './published-figure.mapper.js';

@Resolver(() => PublishedFigure)
export class PublishedFigureResolver {
  @Query(() => PublishedFigureConnection, {
    description: 'Every figure loaded from the source documents (publicerade uppgifter), filtered and paged; at most 1 000 per page.',
  })
  async publishedFigures(
    @Arg('where', () => PublishedFigureWhere, { nullable: true, description: 'Filter; omit for all figures.' }) where: PublishedFigureWhere | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–1000 (default 100).' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor: pageInfo.endCursor of the previous page.' }) after: string | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<PublishedFigureConnection> {
    const limit = pageSize(first);
    const cursor = figureCursor(after);
    const filter = { ...where };
    const [rows, totalCount] = await Promise.all([figurePage(db, filter, limit, cursor).execute(), countFigures(db, filter)]);
    return { totalCount, ...toFigurePage(rows, limit) };
  }

  @FieldResolver(() => SourceTable, { description: 'The table or text section the figure was printed in (källtabell).' })
  async sourceTable(@Root() figure: PublishedFigure, @Ctx() { loaders }: RequestContext): Promise<SourceTable> {
    const row = await loaders.sourceTable.load(figure.sourceTableId);
    if (!row) throw new Error(`source table ${figure.sourceTableId} of figure ${figure.id} is missing`);
    return toSourceTable(row);
  }
}
