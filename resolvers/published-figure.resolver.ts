import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { PublishedFigure, PublishedFigureConnection } from '../schema/published-figure.type.js';
import { PublishedFigureWhere } from '../schema/published-figure-where.input.js';
import { SourceTable } from '../schema/source-table.type.js';
import { countFigures, figurePage } from '../warehouse/queries/published-figures.js';
import type { RequestContext } from './context.js';
import { badUserInput } from './api-errors.js';
import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { checkKnown } from '../warehouse/metrics/filter-check.js';
import { MetricRequestError } from '../warehouse/metrics/metric-errors.js';
import { FIGURE_FILTER_COLUMNS, figureColumnValues, type FigureFilterColumn } from '../warehouse/queries/figure-column-values.js';

/**
 * Every text filter of publishedFigures names values the figures hold: an unknown one (a misspelt measure, a table
 * code with the wrong case) is refused with the nearest valid ones instead of answering an empty page.
 */
async function checkFigureFilter(db: Kysely<Database>, filter: PublishedFigureWhere): Promise<void> {
  const given = (Object.keys(FIGURE_FILTER_COLUMNS) as FigureFilterColumn[]).flatMap((column) => {
    const value = filter[column];
    if (value === undefined || value === null) return [];
    const values = Array.isArray(value) ? (value as string[]) : [value as string];
    return [[column, values] as const];
  });
  if (given.length === 0) return;
  for (const [column, values] of given) {
    if (values.length === 0)
      throw badUserInput(`where.${column}: an empty list matches nothing; omit the filter for every value`, { argument: `where.${column}` });
  }
  const known = await figureColumnValues(
    db,
    given.map(([column]) => column),
  );
  try {
    for (const [column, values] of given) checkKnown(`where.${column}`, values, known.get(column) ?? [], 'publishedFigures without this filter');
  } catch (error) {
    if (error instanceof MetricRequestError) throw badUserInput(error.message, error.details);
    throw error;
  }
}
import { figureCursor, pageSize } from './pagination.js';
import { figureColumnsFor, toFigurePage, toSourceTable } from './published-figure.mapper.js';
import { selectedFieldNames } from './selected-fields.js';

@Resolver(() => PublishedFigure)
export class PublishedFigureResolver {
  @Query(() => PublishedFigureConnection, {
    description: 'Every figure loaded from the source documents (publicerade uppgifter), filtered and paged; at most 1 000 per page.',
  })
  async publishedFigures(
    @Arg('where', () => PublishedFigureWhere, { nullable: true, description: 'Filter; omit for all figures.' }) where:
      | PublishedFigureWhere
      | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–1000 (default 100).' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor: pageInfo.endCursor of the previous page.' }) after: string | undefined,
    @Ctx() { db }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PublishedFigureConnection> {
    const limit = pageSize(first);
    const cursor = figureCursor(after);
    const filter = { ...where };
    await checkFigureFilter(db, filter);
    const columns = figureColumnsFor(selectedFieldNames(info, ['nodes']));
    const [rows, totalCount] = await Promise.all([figurePage(db, filter, limit, cursor, columns).execute(), countFigures(db, filter)]);
    return { totalCount, ...toFigurePage(rows, limit) };
  }

  @FieldResolver(() => SourceTable, { description: 'The table or text section the figure was printed in (källtabell).' })
  async sourceTable(@Root() figure: PublishedFigure, @Ctx() { loaders }: RequestContext): Promise<SourceTable> {
    const row = await loaders.sourceTable.load(figure.sourceTableId);
    if (!row) throw new Error(`source table ${figure.sourceTableId} of figure ${figure.id} is missing`);
    return toSourceTable(row);
  }
}
