import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES, type FilterKey } from '../warehouse/dimensions/dimension-registry.js';
import { dimensionFieldType } from './dimension-field-type.js';
import { MetricDefinitionType } from './metric-definition.type.js';
import { PageInfo } from './page-info.type.js';
import { NullReason } from './null-reason.enum.js';

@ObjectType({ simpleResolvers: true, description: 'The figure a report printed for exactly this cell (publicerad uppgift), in the metric’s unit.' })
export class PublishedValue {
  @Field(() => Float, { description: 'Value in the metric’s unit (ratio for percent, SEK for money).' })
  value!: number;

  @Field(() => String, { description: 'Unit of value.' })
  unit!: string;

  @Field(() => String, { description: 'The number as printed (tryckt värde), e.g. "36".' })
  printed!: string;

  @Field(() => String, { description: 'Unit as printed (tryckt enhet), e.g. percent, tkr.' })
  printedUnit!: string;

  @Field(() => String, { description: 'Source document file name (källdokument).' })
  document!: string;

  @Field(() => Int, { description: 'Line of the source document (radnummer).' })
  line!: number;

  @Field(() => String, { description: 'The exact text the figure was read from (citat).' })
  quote!: string;

  @Field(() => Boolean, { description: 'True when the report hedges the number (cirka, drygt…).' })
  approximate!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One row of a metric: the value for one group, flat for BI tools (rad). Dimensions not grouped by are null.',
})
export class MetricRow {
  @Field(() => Float, {
    nullable: true,
    description:
      'The metric value (värde); null when suppressed or undefined (e.g. a ratio over zero cases). For the public role, counts from case facts are perturbed (cell key method, röjandeskydd) and rates computed from the perturbed counts.',
  })
  value!: number | null;

  @Field(() => Boolean, {
    description: 'True when the value is withheld by disclosure control (röjandeskydd): a rate, mean, median or percentile over a small cell.',
  })
  suppressed!: boolean;

  @Field(() => NullReason, { nullable: true, description: 'Why value is null (orsak till tomt värde); null when value is given.' })
  nullReason!: NullReason | null;

  @Field(() => String, { nullable: true, description: 'First day of the time bucket, ISO date (period), when grouped by time.' })
  period!: string | null;

  @Field(() => Int, { nullable: true, description: 'Year (år); with WEEK, the ISO week-numbering year.' })
  year!: number | null;

  @Field(() => Int, { nullable: true, description: 'Quarter 1–4 (kvartal).' })
  quarter!: number | null;

  @Field(() => Int, { nullable: true, description: 'Month 1–12 (månad).' })
  month!: number | null;

  @Field(() => Int, { nullable: true, description: 'ISO week 1–53 (vecka).' })
  week!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Value of the same group in the previous bucket (föregående period), with compareTo: PREVIOUS_PERIOD.',
  })
  previous!: number | null;

  @Field(() => Float, { nullable: true, description: 'value − previous (förändring).' })
  change!: number | null;

  @Field(() => Float, { nullable: true, description: '(value − previous) / previous (förändring i procent, as a fraction).' })
  changeRatio!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Numerator of a ratio metric (täljare), e.g. approved decisions; null for other metrics and when suppressed.',
  })
  numerator!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Denominator of a ratio metric (nämnare), e.g. approved + rejected decisions; null for other metrics and when suppressed.',
  })
  denominator!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'For a deviation metric, the numerator of the whole the group is compared with (täljare för riket), e.g. the national approved decisions.',
  })
  referenceNumerator!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'For a deviation metric, the denominator of the whole the group is compared with (nämnare för riket).',
  })
  referenceDenominator!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Cases a mean or percentile rests on (antal observationer); null for other metrics and when suppressed.',
  })
  n!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Lower bound of the 95 % confidence interval (nedre konfidensgräns), in the metric’s unit: Wilson score for a proportion, Newcombe hybrid score for a deviation; null where value is null (see nullReason) or the metric has none.',
  })
  lower!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Upper bound of the 95 % confidence interval (övre konfidensgräns), in the metric’s unit; null where lower is.',
  })
  upper!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'For a deviation metric, true when its 95 % interval excludes 0 (statistiskt säkerställd skillnad); null for other metrics and where value is null.',
  })
  significant!: boolean | null;

  @Field(() => PublishedValue, {
    nullable: true,
    description: 'The figure a report printed for exactly this cell, with its line (publicerat värde).',
  })
  published!: PublishedValue | null;
}

/** The dimension columns of a row, one per dimension of the registry; null where the row is not grouped by it. */
export interface MetricRow extends Record<FilterKey, string | null> {}
for (const d of ATTRIBUTE_DIMENSIONS) {
  const spec = ATTRIBUTES[d];
  Field(() => dimensionFieldType(d), { nullable: true, description: `${spec.label}; null unless grouped by ${d}.` })(MetricRow.prototype, spec.key);
}

@ObjectType({ simpleResolvers: true, description: 'The rows of a metric query (resultat), one page of them, with the definition used.' })
export class MetricResult {
  @Field(() => MetricDefinitionType, { description: 'The catalogue definition the rows were computed with.' })
  definition!: MetricDefinitionType;

  @Field(() => Int, { description: 'Rows over all pages (antal rader).' })
  totalCount!: number;

  @Field(() => PageInfo, { description: 'Cursor and whether another page follows.' })
  pageInfo!: PageInfo;

  @Field(() => [MetricRow], { description: 'The rows of this page, in the requested order (then by the group key).' })
  rows!: MetricRow[];
}
