import { Field, Float, Int, ObjectType } from 'type-graphql';

/** Where a published figure was printed: provenance (källa) down to the line. */
@ObjectType({ simpleResolvers: true, description: 'Where a published figure was printed (källa): document, line and the exact quote.' })
export class FigureSource {
  @Field(() => String, { description: 'Measure the figure states (mått), e.g. `received` (inkomna ärenden).' })
  measure!: string;

  @Field(() => Float, { description: 'The published value in the metric layer’s unit (publicerat värde): SEK for money, 0–1 for percent.' })
  value!: number;

  @Field(() => String, { description: 'Unit of value: SEK, ratio, cases, days, …' })
  unit!: string;

  @Field(() => String, { description: 'Source document file name in shared/seeds (källdokument).' })
  document!: string;

  @Field(() => Int, { description: 'Line number in the source document (radnummer), 1-based.' })
  line!: number;

  @Field(() => String, { description: 'The exact text of that line the figure was read from (citat).' })
  quote!: string;

  @Field(() => String, { description: 'Table id as printed, e.g. "Tabell 6.2" (tabell), or "Text" for running text.' })
  table!: string;

  @Field(() => String, { description: 'Table caption or section heading as printed (rubrik).' })
  caption!: string;
}
