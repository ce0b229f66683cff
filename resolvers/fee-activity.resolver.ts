import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { FeeActivity, FeeActivityYear } from '../schema/fee-activity.type.js';
import { listFeeActivities } from '../warehouse/queries/dimension-members.js';
import type { RequestContext } from './context.js';
import { toFigureSource } from './figure-source.mapper.js';
import { feeCoverageGap, feeCoverageRatio } from './metrics/ratios.js';

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

  @FieldResolver(() => [FeeActivityYear], { description: 'Revenue, cost and fee coverage per year (per år), oldest first.' })
  async years(@Root() activity: FeeActivity, @Ctx() { loaders }: RequestContext): Promise<FeeActivityYear[]> {
    const cells = await loaders.feeActivityYears.load(activity.code);
    return cells.map(({ year, values, figures }) => {
      const revenue = values.get('fee_revenue') ?? null;
      const cost = values.get('fee_cost') ?? null;
      const coverageRatio = feeCoverageRatio(revenue, cost);
      const target = values.get('fee_coverage_target') ?? null;
      return {
        year,
        revenue,
        cost,
        budgetedRevenue: values.get('fee_budget_revenue') ?? null,
        budgetedCost: values.get('fee_budget_cost') ?? null,
        result: values.get('fee_result') ?? null,
        accumulated: values.get('fee_accumulated_closing') ?? null,
        coverageRatio,
        target,
        gap: feeCoverageGap(coverageRatio, target),
        sources: figures.map(toFigureSource),
      };
    });
  }
}
