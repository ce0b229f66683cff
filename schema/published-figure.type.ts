import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CaseTypeCode } from './case-type-code.enum.js';
import { PageInfo } from './page-info.type.js';
import { Sex } from './sex.enum.js';

@ObjectType({
  simpleResolvers: true,
  description: 'One figure exactly as a source document printed it (publicerad uppgift), with its provenance and dimensions.',
})
export class PublishedFigure {
  @Field(() => ID, { description: 'Stable id of the figure in the warehouse.' })
  id!: string;

  @Field(() => Float, { description: 'The value as printed, as a plain number in the printed unit (värde), e.g. 9588 for "9 588".' })
  value!: number;

  @Field(() => String, { description: 'Unit as printed (enhet): cases, persons, percent, days, kr, tkr, mnkr, …' })
  unit!: string;

  @Field(() => String, { description: 'The number exactly as printed in Swedish notation (tryckt värde), e.g. "9 588" or "20,7".' })
  printed!: string;

  @Field(() => Float, { description: 'The value in the metric layer’s unit (basvärde): SEK for money, a 0–1 fraction for percent, else as printed.' })
  baseValue!: number;

  @Field(() => String, { description: 'Unit of baseValue: SEK, ratio, or the printed unit.' })
  baseUnit!: string;

  @Field(() => String, { description: 'What the figure measures (mått), snake_case, e.g. received (inkomna), approval_rate (bifallsandel).' })
  measure!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What the measure is, in English, from the measure catalogue (e.g. "Applications received"); null for a measure named by its table file alone.',
  })
  measureName!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'What the measure is, in Swedish (måttets namn), from the measure catalogue (e.g. "Inkomna ansökningar"); null for a measure named by its table file alone.',
  })
  measureNameSv!: string | null;

  @Field(() => String, { description: 'Area of the warehouse it belongs to (område): case_flow, open_balance, budget, fee, return or other.' })
  area!: string;

  @Field(() => Int, { nullable: true, description: 'Reference year (referensår); null when the figure covers no single year (see period).' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Period as printed when a year is not enough (period), e.g. "t.o.m. 2022".' })
  period!: string | null;

  @Field(() => Boolean, { description: 'True when the text hedges the number (ungefärligt: cirka, drygt, knappt…).' })
  approximate!: boolean;

  @Field(() => String, { description: 'Source document file name (källdokument).' })
  document!: string;

  @Field(() => Int, { description: 'Year the source report was published (utgåva); later editions may restate earlier years.' })
  editionYear!: number;

  @Field(() => String, { description: 'Table id as printed (tabell), e.g. "Tabell 3.8", or "Text" for running text.' })
  table!: string;

  @Field(() => String, { description: 'Table caption or section heading (rubrik).' })
  caption!: string;

  @Field(() => String, { description: 'table or text: printed in a table, or stated in running text (löptext).' })
  kind!: string;

  @Field(() => Int, { description: 'Line of the source document the quote stands on (radnummer).' })
  line!: number;

  @Field(() => String, { description: 'The exact text the figure was read from (citat).' })
  quote!: string;

  @Field(() => String, { nullable: true, description: 'Curator’s note: footnotes that matter and disagreements within the source (anmärkning).' })
  note!: string | null;

  @Field(() => CaseTypeCode, { nullable: true, description: 'Case type (ärendeslag); null when not case-type specific.' })
  caseType!: CaseTypeCode | null;

  @Field(() => String, { nullable: true, description: 'Segment (delmängd), e.g. first_time (förstagångsärenden).' })
  segment!: string | null;

  @Field(() => Sex, { nullable: true, description: 'Sex (kön); null for both.' })
  sex!: Sex | null;

  @Field(() => String, { nullable: true, description: 'Age group (åldersgrupp).' })
  ageGroup!: string | null;

  @Field(() => String, { nullable: true, description: 'Region of the Migration Agency (region), e.g. nord, syd, vast.' })
  region!: string | null;

  @Field(() => String, { nullable: true, description: 'Nationality, ISO 3166-1 alpha-2 (medborgarskap).' })
  nationality!: string | null;

  @Field(() => String, { nullable: true, description: 'Agency (myndighet), e.g. migrationsverket, polismyndigheten.' })
  agency!: string | null;

  @Field(() => String, { nullable: true, description: 'Appropriation (anslag), e.g. "UO8 1:1".' })
  appropriation!: string | null;

  @Field(() => String, { nullable: true, description: 'Fee-financed activity (avgiftsbelagd verksamhet), e.g. citizenship.' })
  feeActivity!: string | null;

  @Field(() => String, { nullable: true, description: 'Outcome (utfall), e.g. approved (bifall), rejected (avslag).' })
  outcome!: string | null;

  @Field(() => String, { nullable: true, description: 'Population qualifier (delgrupp), e.g. unaccompanied_minors (ensamkommande barn).' })
  subgroup!: string | null;

  /** Not a GraphQL field: the source-table row the `sourceTable` field resolves through a loader. */
  sourceTableId!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A page of published figures (publicerade uppgifter), in a stable order: document, line, id.' })
export class PublishedFigureConnection {
  @Field(() => Int, { description: 'All figures that match the filter, over all pages.' })
  totalCount!: number;

  @Field(() => [PublishedFigure], { description: 'The figures of this page.' })
  nodes!: PublishedFigure[];

  @Field(() => PageInfo, { description: 'Cursor and whether another page follows.' })
  pageInfo!: PageInfo;
}
