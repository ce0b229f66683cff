import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CaseTypeCode } from './case-type-code.enum.js';
import { FigureSource } from './figure-source.type.js';

@ObjectType({ description: 'Open cases at year end (öppna ärenden vid årets slut) for a case type and segment.' })
export class OpenBalance {
  @Field(() => CaseTypeCode, { description: 'Case type (ärendeslag).' })
  caseType!: CaseTypeCode;

  @Field(() => Int, { description: 'Reference year (år); the balance is at 31 December.' })
  year!: number;

  @Field(() => String, { nullable: true, description: 'Segment (delmängd), e.g. first_time (förstagångsärenden); null for all.' })
  segment!: string | null;

  @Field(() => Float, { nullable: true, description: 'Open cases (öppna ärenden).' })
  open!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean queue time of the open cases in days (genomsnittlig kötid).' })
  meanQueueDays!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of open cases younger than the processing limit (andel öppna inom tidsgränsen), 0–1.' })
  shareOpenWithinLimit!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change in the open balance from the previous year end (förändring av öppna ärenden); null when that year is not published.' })
  backlogChange!: number | null;

  @Field(() => [FigureSource], { description: 'The published figures these values come from (källor).' })
  sources!: FigureSource[];
}
