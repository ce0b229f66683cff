import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { MetricCoverage } from '../schema/metric-coverage.type.js';
import { MetricDefinitionType } from '../schema/metric-definition.type.js';
import { findMetric } from '../warehouse/metrics/catalog.js';
import { CASE_FACT_COVERAGE } from '../warehouse/metrics/coverage.js';
import type { RequestContext } from './context.js';

const yearsBetween = (from: string, to: string) => {
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  return years;
};

@Resolver(() => MetricDefinitionType)
export class MetricDefinitionResolver {
  @FieldResolver(() => MetricCoverage, { description: 'The period the metric can be computed for (täckningsperiod).' })
  async coverage(@Root() definition: MetricDefinitionType, @Ctx() { loaders }: RequestContext): Promise<MetricCoverage> {
    const metric = findMetric(definition.name);
    if (!metric || metric.kind !== 'figure') {
      return {
        ...CASE_FACT_COVERAGE,
        years: yearsBetween(CASE_FACT_COVERAGE.from, CASE_FACT_COVERAGE.to),
        description:
          'The case-level facts: complete for these years (earlier cases appear only as the stock open on the first day, which feeds the open balances).',
      };
    }
    const perMeasure = await loaders.measureYears.loadMany([...metric.measures]);
    const years = [...new Set(perMeasure.flatMap((y) => (Array.isArray(y) ? y : [])))].sort((a, b) => a - b);
    return {
      from: years.length ? `${years[0]}-01-01` : '',
      to: years.length ? `${years.at(-1)}-12-31` : '',
      years,
      description: `The published figures of ${metric.measures.join(', ')}: the years a report printed them.`,
    };
  }
}
