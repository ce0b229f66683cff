import { registerEnumType } from 'type-graphql';
import { METRICS, type MetricName as MetricNameValue } from '../warehouse/metrics/catalog.js';

/** GraphQL enum of the catalogue's metrics (APPROVAL_RATE for approval_rate…), generated from it so editors complete it. */
export const MetricName = Object.fromEntries(METRICS.map((m) => [m.name.toUpperCase(), m.name])) as Record<string, MetricNameValue>;
export type MetricName = MetricNameValue;

registerEnumType(MetricName, {
  name: 'MetricName',
  description: 'A metric of the catalogue (mått); metricCatalog describes each.',
  valuesConfig: Object.fromEntries(METRICS.map((m) => [m.name.toUpperCase(), { description: `${m.title}: ${m.description}` }])),
});
