import { ArgsType, Field, Int } from 'type-graphql';
import { Comparison, Dimension } from './metric-enums.js';
import { MetricName } from './metric-name.enum.js';
import { MetricOrder, MetricWhere } from './metric-where.input.js';

/** The arguments of `metric(…)`, in the order a person reads them (type-graphql keeps the field order). */
@ArgsType()
export class MetricFieldArgs {
  @Field(() => MetricName, { description: 'The metric (mått), e.g. APPROVAL_RATE; metricCatalog describes each.' })
  name!: MetricName;

  @Field(() => [Dimension], { nullable: true, description: 'Dimensions to group by (gruppera efter); none for one total row.' })
  by?: Dimension[];

  @Field(() => MetricWhere, { nullable: true, description: 'Filter (urval).' })
  where?: MetricWhere;

  @Field(() => Comparison, { nullable: true, description: 'Add the previous period’s value and the change to each row.' })
  compareTo?: Comparison;

  @Field(() => [MetricOrder], { nullable: true, description: 'Sort keys; rows then follow the group key, so the order is stable.' })
  orderBy?: MetricOrder[];

  @Field(() => Int, { nullable: true, description: 'Page size, 0–1000 (default 100).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor: pageInfo.endCursor of the previous page.' })
  after?: string;
}
