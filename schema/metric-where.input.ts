import { GraphQLDate } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES, type FilterKey } from '../warehouse/dimensions/dimension-registry.js';
import { dimensionFieldType } from './dimension-field-type.js';
import { MetricOrderField, SortDirection } from './metric-enums.js';

@InputType({ description: 'Filter of a metric (urval); every field given must match, lists match any of their values.' })
export class MetricWhere {
  @Field(() => [Int], { nullable: true, description: 'Years of the anchor date (år).' })
  year?: number[];

  @Field(() => GraphQLDate, { nullable: true, description: 'First day included, on the anchor date (från och med).' })
  from?: Date;

  @Field(() => GraphQLDate, { nullable: true, description: 'Last day included, on the anchor date (till och med).' })
  to?: Date;
}

/** The attribute filters, one per dimension of the registry: an enum list for a closed set, strings for an open one. */
export interface MetricWhere extends Partial<Record<FilterKey, string[]>> {}
for (const d of ATTRIBUTE_DIMENSIONS) {
  const spec = ATTRIBUTES[d];
  const example = spec.members.kind === 'open' ? `, e.g. ${spec.members.example}; checked against dimensionValues(${d})` : '';
  Field(() => [dimensionFieldType(d)], { nullable: true, description: `${spec.label}: any of these values${example}.` })(
    MetricWhere.prototype,
    spec.key,
  );
}

@InputType({ description: 'One sort key of metric rows (sortering).' })
export class MetricOrder {
  @Field(() => MetricOrderField, { description: 'Sort by the value or a dimension.' })
  field!: MetricOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction; ascending by default.' })
  direction!: SortDirection;
}
