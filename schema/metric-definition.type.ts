import { Field, Int, ObjectType } from 'type-graphql';
import { Dimension } from './metric-enums.js';

@ObjectType({ simpleResolvers: true, description: 'The passage of a source document that defines a metric (definitionskälla).' })
export class MetricSourceText {
  @Field(() => String, { description: 'Source document file name (källdokument).' })
  document!: string;

  @Field(() => Int, { description: 'Line of the source document (radnummer).' })
  line!: number;

  @Field(() => String, { description: 'The exact text on that line (citat).' })
  quote!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A metric of the catalogue (mått): its definition, formula and the dimensions it can be grouped by.',
})
export class MetricDefinitionType {
  @Field(() => String, { description: 'Name to pass to `metric(name:)`, e.g. approval_rate.' })
  name!: string;

  @Field(() => String, { description: 'Title, with the Swedish term (benämning).' })
  title!: string;

  @Field(() => String, { description: 'What the metric means and how it is counted (beskrivning).' })
  description!: string;

  @Field(() => String, { description: 'Unit (enhet): cases, persons, ratio (0–1), SEK, days, months or points (procentenheter).' })
  unit!: string;

  @Field(() => String, { description: 'The SQL aggregate that computes it, exactly as the warehouse runs it (formel).' })
  formula!: string;

  @Field(() => String, {
    description: 'What it is computed from: case_flow (case facts), open_balance (cumulative case flows) or figure (published figures).',
  })
  basis!: string;

  @Field(() => [Dimension], { description: 'Dimensions it can be grouped by (dimensioner).' })
  dimensions!: Dimension[];

  @Field(() => [Dimension], { description: 'Dimensions that must be in `by` (obligatoriska).' })
  requiredDimensions!: Dimension[];

  @Field(() => String, { nullable: true, description: 'The published measure shown beside computed values for the same cell (publicerat mått).' })
  publishedMeasure!: string | null;

  @Field(() => MetricSourceText, { nullable: true, description: 'Where the reports define it (källa); null for metrics the reports do not define.' })
  source!: MetricSourceText | null;
}
