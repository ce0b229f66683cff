import { registerEnumType } from 'type-graphql';
import { DIMENSIONS, type Dimension as DimensionValue } from '../warehouse/metrics/dimensions.js';

/** GraphQL enum of the metric dimensions, built from the warehouse's list so the two never drift. */
export const Dimension = Object.fromEntries(DIMENSIONS.map((d) => [d, d])) as { [K in DimensionValue]: K };
export type Dimension = DimensionValue;

const DIMENSION_DESCRIPTIONS: Record<DimensionValue, string> = {
  YEAR: 'Calendar year (år) of the anchor date: received date for inflow, decision date for decisions.',
  QUARTER: 'Calendar quarter (kvartal) of the anchor date.',
  MONTH: 'Calendar month (månad) of the anchor date.',
  WEEK: 'ISO week (vecka) of the anchor date.',
  CASE_TYPE: 'Case type (ärendeslag).',
  CASE_SEGMENT: 'Segment of the case type (delmängd), e.g. first_time (förstagångsärende), extension (förlängning).',
  SEX: 'Sex of the applicant (kön).',
  AGE_GROUP: 'Age group of the applicant (åldersgrupp): 0_17, 18_34, 35_64, 65_plus.',
  REGION: 'Region of the Migration Agency that decided (region): nord, syd, vast (asylum).',
  NATIONALITY: 'Nationality, ISO 3166-1 alpha-2 (medborgarskap).',
  CHANNEL: 'How the application came in (kanal): e_application (e-ansökan) or paper (pappersansökan).',
  OUTCOME: 'Outcome of the decision (utfall): approved (bifall), rejected (avslag), dublin_transfer, written_off (avskrivet).',
  APPROPRIATION: 'Appropriation of the state budget (anslag), e.g. "UO8 1:1".',
  FEE_ACTIVITY: 'Fee-financed activity (avgiftsbelagd verksamhet); "total" is the published total row.',
  AGENCY: 'Agency (myndighet): migrationsverket, polismyndigheten, kriminalvarden.',
};

registerEnumType(Dimension, {
  name: 'Dimension',
  description: 'A dimension a metric can be grouped by (dimension). Each metric lists the ones it supports.',
  valuesConfig: Object.fromEntries(DIMENSIONS.map((d) => [d, { description: DIMENSION_DESCRIPTIONS[d] }])),
});

export enum Comparison {
  PREVIOUS_PERIOD = 'PREVIOUS_PERIOD',
}
registerEnumType(Comparison, {
  name: 'Comparison',
  description: 'What each row is compared with (jämförelse).',
  valuesConfig: { PREVIOUS_PERIOD: { description: 'The same group in the previous time bucket (föregående period): adds previous, change and changeRatio.' } },
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
    ...Object.fromEntries(DIMENSIONS.map((d) => [d, { description: DIMENSION_DESCRIPTIONS[d] }])),
  },
});
