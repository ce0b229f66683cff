import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { MetricDefinitionType } from '../schema/metric-definition.type.js';
import { Comparison, Dimension } from '../schema/metric-enums.js';
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
    // type-graphql lists a method's arguments in the order their decorators run, which is last parameter first: so
    // they are declared in reverse, and the schema reads name, by, where, compareTo, orderBy, first, after.
    @Ctx() { db, role }: RequestContext,
    @Arg('after', () => String, { nullable: true, description: 'Cursor: pageInfo.endCursor of the previous page.' }) after: string | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–1000 (default 100).' }) first: number | undefined,
    @Arg('orderBy', () => [MetricOrder], { nullable: true, description: 'Sort keys; rows then follow the group key, so the order is stable.' }) orderBy: MetricOrder[] | undefined,
    @Arg('compareTo', () => Comparison, { nullable: true, description: 'Add the previous period’s value and the change to each row.' }) compareTo: Comparison | undefined,
    @Arg('where', () => MetricWhere, { nullable: true, description: 'Filter (urval).' }) where: MetricWhere | undefined,
    @Arg('by', () => [Dimension], { nullable: true, description: 'Dimensions to group by (gruppera efter); none for one total row.' }) by: Dimension[] | undefined,
    @Arg('name', () => String, { description: 'Metric name from metricCatalog, e.g. "approval_rate".' }) name: string,
  ): Promise<MetricResult> {
    return computeMetric(db, { name, by, where, compareTo, orderBy }, { limit: pageSize(first), offset: decodeNumberCursor('offset', after) ?? 0 }, role);
  }
}
