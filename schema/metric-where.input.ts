import { GraphQLDate } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { CaseTypeCode } from './case-type-code.enum.js';
import { MetricOrderField, SortDirection } from './metric-enums.js';
import { Sex } from './sex.enum.js';

@InputType({ description: 'Filter of a metric (urval); every field given must match, lists match any of their values.' })
export class MetricWhere {
  @Field(() => [Int], { nullable: true, description: 'Years of the anchor date (år).' })
  year?: number[];

  @Field(() => GraphQLDate, { nullable: true, description: 'First day included, on the anchor date (från och med).' })
  from?: Date;

  @Field(() => GraphQLDate, { nullable: true, description: 'Last day included, on the anchor date (till och med).' })
  to?: Date;

  @Field(() => [CaseTypeCode], { nullable: true, description: 'Case types (ärendeslag).' })
  caseType?: CaseTypeCode[];

  @Field(() => [String], { nullable: true, description: 'Segments (delmängd), e.g. ["first_time"].' })
  caseSegment?: string[];

  @Field(() => [Sex], { nullable: true, description: 'Sexes (kön).' })
  sex?: Sex[];

  @Field(() => [String], { nullable: true, description: 'Age groups (åldersgrupp), e.g. ["18_34"].' })
  ageGroup?: string[];

  @Field(() => [String], { nullable: true, description: 'Regions (region), e.g. ["nord"].' })
  region?: string[];

  @Field(() => [String], { nullable: true, description: 'Nationalities, ISO 3166-1 alpha-2 (medborgarskap), e.g. ["SY", "AF"].' })
  nationality?: string[];

  @Field(() => [String], { nullable: true, description: 'Application channels (kanal): e_application, paper.' })
  channel?: string[];

  @Field(() => [String], { nullable: true, description: 'Decision outcomes (utfall).' })
  outcome?: string[];

  @Field(() => [String], { nullable: true, description: 'Appropriations (anslag), e.g. ["UO8 1:1"].' })
  appropriation?: string[];

  @Field(() => [String], { nullable: true, description: 'Fee-financed activities (avgiftsbelagd verksamhet).' })
  feeActivity?: string[];

  @Field(() => [String], { nullable: true, description: 'Agencies (myndighet).' })
  agency?: string[];
}

@InputType({ description: 'One sort key of metric rows (sortering).' })
export class MetricOrder {
  @Field(() => MetricOrderField, { description: 'Sort by the value or a dimension.' })
  field!: MetricOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction; ascending by default.' })
  direction!: SortDirection;
}
