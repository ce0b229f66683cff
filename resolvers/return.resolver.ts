import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ReturnYear } from '../schema/return-year.type.js';
import { pivotByYear } from '../warehouse/queries/figure-cells.js';
import { headlineFigures } from '../warehouse/queries/headline-figures.js';
import type { RequestContext } from './context.js';
import { toFigureSource } from './figure-source.mapper.js';
import { voluntaryReturnShare } from './metrics/ratios.js';

const RETURN_MEASURES = ['returns_departed', 'voluntary_departures', 'enforced_departures', 'handed_to_police', 'dublin_transfers'];

@Resolver(() => ReturnYear)
export class ReturnResolver {
  @Query(() => [ReturnYear], { description: 'Return work per year and agency (återvändande), as published; oldest first.' })
  async returns(
    @Arg('years', () => [Int], { nullable: true, description: 'Only these years.' }) years: number[] | undefined,
    @Arg('agencies', () => [String], { nullable: true, description: 'Only these agencies, e.g. ["polismyndigheten"].' }) agencies: string[] | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<ReturnYear[]> {
    let query = headlineFigures(db, {
      measures: RETURN_MEASURES,
      pinned: ['case_type', 'agency'],
      where: { case_type: ['RETURN'], ...(agencies ? { agency: agencies } : {}) },
      free: ['outcome'],
    });
    if (years && years.length > 0) query = query.where('fact_figure.year', 'in', years);
    const rows = await query.execute();
    const cells = pivotByYear(rows, (r) => r.agency ?? '');
    return [...cells].flatMap(([agency, series]) =>
      series.map(({ year, values, figures }) => {
        const departed = values.get('returns_departed') ?? null;
        const voluntary = values.get('voluntary_departures') ?? null;
        return {
          year,
          agency: agency === '' ? null : agency,
          departed,
          voluntaryDepartures: voluntary,
          enforcedDepartures: values.get('enforced_departures') ?? null,
          handedToPolice: values.get('handed_to_police') ?? null,
          dublinTransfers: values.get('dublin_transfers') ?? null,
          voluntaryShare: voluntaryReturnShare(voluntary, departed),
          sources: figures.map(toFigureSource),
        };
      }),
    ).sort((a, b) => a.year - b.year || (a.agency ?? '').localeCompare(b.agency ?? ''));
  }
}
