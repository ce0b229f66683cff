import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ReturnYear } from '../schema/return-year.type.js';
import { findMetric } from '../warehouse/metrics/catalog.js';
import { runMetric } from '../warehouse/metrics/metric-query.js';
import { pivotByYear } from '../warehouse/queries/figure-cells.js';
import { headlineFigures } from '../warehouse/queries/headline-figures.js';
import type { RequestContext } from './context.js';
import { toFigureSource } from './figure-source.mapper.js';

const RETURN_MEASURES = ['returns_departed', 'voluntary_departures', 'enforced_departures', 'handed_to_police', 'dublin_transfers'];

@Resolver(() => ReturnYear)
export class ReturnResolver {
  @Query(() => [ReturnYear], { description: 'Return work per year and agency (återvändande), as published; oldest first.' })
  async returns(
    @Arg('years', () => [Int], { nullable: true, description: 'Only these years.' }) years: number[] | undefined,
    @Arg('agencies', () => [String], { nullable: true, description: 'Only these agencies, e.g. ["polismyndigheten"].' }) agencies:
      | string[]
      | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<ReturnYear[]> {
    let query = headlineFigures(db, {
      measures: RETURN_MEASURES,
      pinned: ['case_type', 'agency'],
      where: { case_type: ['RETURN'], ...(agencies ? { agency: agencies } : {}) },
      free: ['outcome'],
    });
    if (years && years.length > 0) query = query.where('fact_figure.year', 'in', years);
    const voluntaryShare = findMetric('voluntary_return_share');
    if (!voluntaryShare) throw new Error('voluntary_return_share is not in the catalogue');
    const [rows, shares] = await Promise.all([
      query.execute(),
      runMetric(db, voluntaryShare, {
        by: ['YEAR'],
        where: years?.length ? { year: years } : {},
        comparePrevious: false,
        orderBy: [],
        limit: 1000,
        offset: 0,
      }),
    ]);
    const shareOf = new Map(shares.rows.map((r) => [Number(r.bucket?.slice(0, 4)), r.value]));
    const cells = pivotByYear(rows, (r) => r.agency ?? '');
    return [...cells]
      .flatMap(([agency, series]) =>
        series.map(({ year, values, figures }) => ({
          year,
          agency: agency === '' ? null : agency,
          departed: values.get('returns_departed') ?? null,
          voluntaryDepartures: values.get('voluntary_departures') ?? null,
          enforcedDepartures: values.get('enforced_departures') ?? null,
          handedToPolice: values.get('handed_to_police') ?? null,
          dublinTransfers: values.get('dublin_transfers') ?? null,
          // The catalogue's share is defined over all agencies together (Tabell 1 of the joint report).
          voluntaryShare: agency === '' ? (shareOf.get(year) ?? null) : null,
          sources: figures.map(toFigureSource),
        })),
      )
      .sort((a, b) => a.year - b.year || (a.agency ?? '').localeCompare(b.agency ?? ''));
  }
}
