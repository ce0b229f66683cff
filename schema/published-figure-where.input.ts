import { Field, InputType, Int } from 'type-graphql';
import { CaseTypeCode } from './case-type-code.enum.js';
import { Sex } from './sex.enum.js';

@InputType({ description: 'Filter of published figures; every field given must match (och). Lists match any of their values (eller).' })
export class PublishedFigureWhere {
  @Field(() => String, { nullable: true, description: 'Source document file name (källdokument), e.g. "000_c6bd8d7f0150f31e.txt".' })
  document?: string;

  @Field(() => Int, { nullable: true, description: 'Line of the source document (radnummer).' })
  line?: number;

  @Field(() => String, { nullable: true, description: 'Table id as printed (tabell), e.g. "Tabell 3.8"; "Text" for running text.' })
  table?: string;

  @Field(() => [Int], { nullable: true, description: 'Reference years (referensår).' })
  year?: number[];

  @Field(() => [CaseTypeCode], { nullable: true, description: 'Case types (ärendeslag).' })
  caseType?: CaseTypeCode[];

  @Field(() => [String], { nullable: true, description: 'Measures (mått), e.g. ["received", "decided"].' })
  measure?: string[];

  @Field(() => [String], { nullable: true, description: 'Areas (område): case_flow, open_balance, budget, fee, return, other.' })
  area?: string[];

  @Field(() => [String], { nullable: true, description: 'Segments (delmängd), e.g. ["first_time"].' })
  segment?: string[];

  @Field(() => [Sex], { nullable: true, description: 'Sexes (kön).' })
  sex?: Sex[];

  @Field(() => [String], { nullable: true, description: 'Regions (region).' })
  region?: string[];

  @Field(() => [String], { nullable: true, description: 'Agencies (myndighet).' })
  agency?: string[];

  @Field(() => [String], { nullable: true, description: 'Fee activities (avgiftsbelagd verksamhet).' })
  feeActivity?: string[];

  @Field(() => [String], { nullable: true, description: 'Appropriations (anslag), e.g. ["UO8 1:1"].' })
  appropriation?: string[];

  @Field(() => Boolean, { nullable: true, description: 'Only hedged (true) or only exact (false) figures (ungefärlig).' })
  approximate?: boolean;
}
