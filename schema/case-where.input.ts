import { GraphQLDate } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { CaseTypeCode } from './case-type-code.enum.js';
import { dimensionFieldType } from './dimension-field-type.js';
import { Sex } from './sex.enum.js';

@InputType({ description: 'Filter of the case list (urval); each field given must match, lists any of their values.' })
export class CaseWhere {
  @Field(() => [CaseTypeCode], { nullable: true, description: 'Case types (ärendeslag).' })
  caseType?: CaseTypeCode[];

  @Field(() => [dimensionFieldType('CASE_SEGMENT')], { nullable: true, description: 'Segments (delmängd).' })
  caseSegment?: string[];

  @Field(() => [Sex], { nullable: true, description: 'Sexes (kön).' })
  sex?: Sex[];

  @Field(() => [dimensionFieldType('REGION')], { nullable: true, description: 'Regions (region).' })
  region?: string[];

  @Field(() => [String], { nullable: true, description: 'Nationalities, ISO 3166-1 alpha-2 (medborgarskap).' })
  nationality?: string[];

  @Field(() => [dimensionFieldType('OUTCOME')], { nullable: true, description: 'Outcomes (utfall).' })
  outcome?: string[];

  @Field(() => GraphQLDate, { nullable: true, description: 'Received on or after (inkom från och med).' })
  receivedFrom?: Date;

  @Field(() => GraphQLDate, { nullable: true, description: 'Received on or before (inkom till och med).' })
  receivedTo?: Date;

  @Field(() => Boolean, { nullable: true, description: 'true: decided cases only (avgjorda); false: open cases only (öppna).' })
  decided?: boolean;
}
