import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { FeeActivity, FeeActivityYear } from '../schema/fee-activity.type.js';
import { listFeeActivities } from '../warehouse/queries/dimension-members.js';
import type { RequestContext } from './context.js';
import { badUserInput } from './api-errors.js';
import { checkMembers } from '../warehouse/metrics/filter-check.js';
import { MetricRequestError } from '../warehouse/metrics/metric-errors.js';
import { toFigureSource } from './figure-source.mapper.js';
import { joinYears } from './yearly-series.js';
import { fieldNullReasons } from './field-null-reasons.js';
import type { MetricName } from '../warehouse/metrics/catalog.js';

@Resolver(() => FeeActivity)
export class FeeActivityResolver {
  @Query(() => [FeeActivity], { description: 'Fee-financed activities (avgiftsbelagd verksamhet) with published figures.' })
  async feeActivities(
    @Arg('codes', () => [String], { nullable: true, description: 'Only these activity codes, e.g. ["citizenship", "total"].' }) codes:
      | string[]
      | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<FeeActivity[]> {
    if (codes?.length === 0) throw badUserInput('codes: an empty list matches nothing; omit it for every activity', { argument: 'codes' });
    // One statement: every activity with figures (a handful), then the codes checked against them and kept.
    const all = await listFeeActivities(db);
    try {
      if (codes)
        checkMembers(
          'codes',
          'FEE_ACTIVITY',
          codes,
          all.map((r) => r.code),
        );
    } catch (error) {
      if (error instanceof MetricRequestError) throw badUserInput(error.message, error.details);
      throw error;
    }
    const rows = codes ? all.filter((r) => codes.includes(r.code)) : all;
    return rows.map((r) => ({ code: r.code, nameSv: r.name_sv, name: r.name_en }));
  }

  @FieldResolver(() => [FeeActivityYear], {
    description: 'Revenue, cost and fee coverage per year (per år), oldest first; ratios from the metric catalogue.',
  })
  async years(@Root() activity: FeeActivity, @Ctx() { loaders }: RequestContext): Promise<FeeActivityYear[]> {
    const [computed, published] = await Promise.all([
      loaders.feeActivityYears.load(activity.code),
      loaders.figureFeeActivityYears.load(activity.code),
    ]);
    return joinYears(computed, published).map(({ year, computed: metric, cell, published: figures }) => {
      const fromMetric = (name: MetricName) => ({ value: metric.get(name) ?? null, metric: name });
      const fromPublished = (measure: string) => ({ value: figures?.values.get(measure) ?? null, published: true as const });
      const fields = {
        revenue: fromMetric('fee_revenue'),
        cost: fromMetric('fee_cost'),
        budgetedRevenue: fromPublished('fee_budget_revenue'),
        budgetedCost: fromPublished('fee_budget_cost'),
        result: fromPublished('fee_result'),
        accumulated: fromPublished('fee_accumulated_closing'),
        coverageRatio: fromMetric('fee_coverage_ratio'),
        target: fromMetric('fee_coverage_target'),
        gap: fromMetric('fee_coverage_gap'),
      };
      return {
        year,
        ...(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value])) as Record<keyof typeof fields, number | null>),
        nullReasons: fieldNullReasons(cell, fields, 'NOT_PUBLISHED'),
        sources: (figures?.figures ?? []).map(toFigureSource),
      };
    });
  }
}
