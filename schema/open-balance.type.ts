import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CaseTypeCode } from './case-type-code.enum.js';
import { dimensionFieldType } from './dimension-field-type.js';
import { FigureSource } from './figure-source.type.js';

@ObjectType({ simpleResolvers: true, description: 'Open cases at year end (öppna ärenden vid årets slut) for a case type and segment.' })
export class OpenBalance {
  @Field(() => CaseTypeCode, { description: 'Case type (ärendeslag).' })
  caseType!: CaseTypeCode;

  @Field(() => Int, { description: 'Reference year (år); the balance is at 31 December.' })
  year!: number;

  @Field(() => dimensionFieldType('CASE_SEGMENT'), {
    description: 'Segment (delmängd), e.g. FIRST_TIME (förstagångsärenden); GENERAL for case types the reports do not split.',
  })
  segment!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Open cases at 31 December (öppna ärenden), from the case-level facts (catalogue metric open_at_end).',
  })
  open!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean queue time of the open cases in days (genomsnittlig kötid), as published.' })
  meanQueueDays!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of open cases younger than the processing limit (andel öppna inom tidsgränsen), 0–1, as published.',
  })
  shareOpenWithinLimit!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Change in the open balance during the year (förändring av öppna ärenden): received − decided (catalogue metric backlog_change).',
  })
  backlogChange!: number | null;

  @Field(() => [FigureSource], { description: 'The published figures these values come from (källor).' })
  sources!: FigureSource[];
}
