import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { MetricDefinitionType } from '../schema/metric-definition.type.js';
import { Comparison, Dimension } from '../schema/metric-enums.js';
import { MetricName } from '../schema/metric-name.enum.js';
import { MetricResult } from '../schema/metric-result.type.js';
import { MetricOrder, MetricWhere } from '../schema/metric-where.input.js';
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
    description: 'Computes a metric of the catalogue on demand (mått), grouped by the given dimensions and filtered, in the database; each row flat for BI tools, with the published figure for the same cell where one exists.',
  })
  metric(
    @Arg('name', () => MetricName, { description: 'The metric (mått), e.g. APPROVAL_RATE; metricCatalog describes each.' }) name: MetricName,
    @Arg('by', () => [Dimension], { nullable: true, description: 'Dimensions to group by (gruppera efter); none for one total row.' }) by: Dimension[] | undefined,
    @Arg('where', () => MetricWhere, { nullable: true, description: 'Filter (urval).' }) where: MetricWhere | undefined,
    @Arg('compareTo', () => Comparison, { nullable: true, description: 'Add the previous period’s value and the change to each row.' }) compareTo: Comparison | undefined,
    @Arg('orderBy', () => [MetricOrder], { nullable: true, description: 'Sort keys; rows then follow the group key, so the order is stable.' }) orderBy: MetricOrder[] | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–1000 (default 100).' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor: pageInfo.endCursor of the previous page.' }) after: string | undefined,
    @Ctx() { db, role }: RequestContext,
  ): Promise<MetricResult> {
    return computeMetric(db, { name, by, where, compareTo, orderBy }, { limit: pageSize(first), offset: decodeNumberCursor('offset', after) ?? 0 }, role);
  }
}
