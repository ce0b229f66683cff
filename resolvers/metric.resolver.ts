import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { MetricDefinitionType } from '../schema/metric-definition.type.js';
import { MetricFieldArgs } from '../schema/metric.args.js';
import { MetricResult } from '../schema/metric-result.type.js';
import type { RequestContext } from './context.js';
import { catalog, computeMetric } from './metric-rows.js';
import { decodeNumberCursor, pageSize } from './pagination.js';

@Resolver()
export class MetricResolver {
  @Query(() => [MetricDefinitionType], { description: 'Every metric the API computes (måttkatalog), with its formula, unit, dimensions and source.' })
  metricCatalog(): MetricDefinitionType[] {
    return catalog();
  }

  @Query(() => MetricResult, {
    description:
      'Computes a metric of the catalogue on demand (mått), grouped by the given dimensions and filtered, in the database; each row flat for BI tools, with the published figure for the same cell where one exists.',
  })
  metric(
    @Args(() => MetricFieldArgs) { name, by, where, compareTo, orderBy, first, after }: MetricFieldArgs,
    @Ctx() context: RequestContext,
  ): Promise<MetricResult> {
    return computeMetric(
      context.db,
      { name, by, where, compareTo, orderBy },
      { limit: pageSize(first), offset: decodeNumberCursor('offset', after) ?? 0 },
      context.role,
      // Aliased pages of one grouping share its statement.
      (definition, request, controlled) => context.metricPages.load({ definition, request, controlled }),
    );
  }
}
