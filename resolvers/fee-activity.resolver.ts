import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { FeeActivity, FeeActivityYear } from '../schema/fee-activity.type.js';
import { listFeeActivities } from '../warehouse/queries/dimension-members.js';
import type { RequestContext } from './context.js';
import { toFigureSource } from './figure-source.mapper.js';
import { joinYears } from './yearly-series.js';

@Resolver(() => FeeActivity)
export class FeeActivityResolver {
  @Query(() => [FeeActivity], { description: 'Fee-financed activities (avgiftsbelagd verksamhet) with published figures.' })
  async feeActivities(
    @Arg('codes', () => [String], { nullable: true, description: 'Only these activity codes, e.g. ["citizenship", "total"].' }) codes: string[] | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<FeeActivity[]> {
    const rows = await listFeeActivities(db, codes);
    return rows.map((r) => ({ code: r.code, nameSv: r.name_sv, name: r.name_en }));
  }

  @FieldResolver(() => [FeeActivityYear], { description: 'Revenue, cost and fee coverage per year (per år), oldest first; ratios from the metric catalogue.' })
  async years(@Root() activity: FeeActivity, @Ctx() { loaders }: RequestContext): Promise<FeeActivityYear[]> {
    const [computed, published] = await Promise.all([
      loaders.feeActivityYears.load(activity.code),
      loaders.figureFeeActivityYears.load(activity.code),
    ]);
    return joinYears(computed, published).map(({ year, computed: metric, published: figures }) => ({
      year,
      revenue: metric.get('fee_revenue') ?? null,
      cost: metric.get('fee_cost') ?? null,
      budgetedRevenue: figures?.values.get('fee_budget_revenue') ?? null,
      budgetedCost: figures?.values.get('fee_budget_cost') ?? null,
      result: figures?.values.get('fee_result') ?? null,
      accumulated: figures?.values.get('fee_accumulated_closing') ?? null,
      coverageRatio: metric.get('fee_coverage_ratio') ?? null,
      target: metric.get('fee_coverage_target') ?? null,
      gap: metric.get('fee_coverage_gap') ?? null,
      sources: (figures?.figures ?? []).map(toFigureSource),
    }));
  }
}
