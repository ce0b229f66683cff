import { registerEnumType } from 'type-graphql';
import { dimensionDescription, DIMENSIONS, type Dimension as DimensionValue } from '../warehouse/dimensions/dimension-registry.js';

/** GraphQL enum of the metric dimensions, built from the warehouse's list so the two never drift. */
export const Dimension = Object.fromEntries(DIMENSIONS.map((d) => [d, d])) as { [K in DimensionValue]: K };
export type Dimension = DimensionValue;

registerEnumType(Dimension, {
  name: 'Dimension',
  description: 'A dimension a metric can be grouped by (dimension). Each metric lists the ones it supports.',
  valuesConfig: Object.fromEntries(DIMENSIONS.map((d) => [d, { description: dimensionDescription(d) }])),
});

export enum Comparison {
  PREVIOUS_PERIOD = 'PREVIOUS_PERIOD',
}
registerEnumType(Comparison, {
  name: 'Comparison',
  description: 'What each row is compared with (jämförelse).',
  valuesConfig: {
    PREVIOUS_PERIOD: { description: 'The same group in the previous time bucket (föregående period): adds previous, change and changeRatio.' },
  },
});

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Sort direction (sorteringsordning).',
  valuesConfig: { ASC: { description: 'Ascending, nulls first (stigande).' }, DESC: { description: 'Descending, nulls last (fallande).' } },
});

export const MetricOrderField = { VALUE: 'VALUE', ...Dimension } as const;
export type MetricOrderField = keyof typeof MetricOrderField;
registerEnumType(MetricOrderField, {
  name: 'MetricOrderField',
  description: 'What metric rows are ordered by: the value or a dimension (sorteringsfält).',
  valuesConfig: {
    VALUE: { description: 'The metric value (värde).' },
    ...Object.fromEntries(DIMENSIONS.map((d) => [d, { description: dimensionDescription(d) }])),
  },
});
