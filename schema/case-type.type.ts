import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CaseTypeCode } from './case-type-code.enum.js';
import { dimensionFieldType } from './dimension-field-type.js';
import { FieldNullReason } from './field-null-reason.type.js';
import { FigureSource } from './figure-source.type.js';

@ObjectType({ simpleResolvers: true, description: 'A case type (ärendeslag) with its published yearly volumes and decisions.' })
export class CaseType {
  @Field(() => CaseTypeCode, { description: 'Case-type code (ärendeslag).' })
  code!: CaseTypeCode;

  @Field(() => String, { description: 'Swedish name as the reports use it (benämning).' })
  nameSv!: string;

  @Field(() => String, { description: 'English name.' })
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Processing limit in days the annual report measures against (tidsgräns), e.g. 180 for asylum; null where none is printed.',
  })
  statutoryLimitDays!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'One year of a case type (or one of its segments), computed from the case-level facts (ärendeflöde per år); `sources` are the published figures of the same cell.',
})
export class CaseTypeYear {
  @Field(() => Int, { description: 'Reference year (år).' })
  year!: number;

  @Field(() => dimensionFieldType('CASE_SEGMENT'), {
    nullable: true,
    description: 'Segment (delmängd), e.g. FIRST_TIME (förstagångsärenden) or EXTENSION (förlängningsärenden); null for all segments.',
  })
  segment!: string | null;

  @Field(() => Float, { nullable: true, description: 'Cases received (inkomna ärenden).' })
  received!: number | null;

  @Field(() => Float, { nullable: true, description: 'Cases decided (avgjorda ärenden).' })
  decided!: number | null;

  @Field(() => Float, { nullable: true, description: 'Approval rate (bifallsandel) as a 0–1 fraction: approved / (approved + rejected).' })
  approvalRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean processing time in days (genomsnittlig handläggningstid).' })
  meanProcessingDays!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share decided within the processing limit (andel avgjorda inom tidsgränsen), 0–1.' })
  shareWithinLimit!: number | null;

  @Field(() => Float, { nullable: true, description: 'Open balance at year end (öppna ärenden vid årets slut).' })
  openAtEnd!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Clearance rate (avgörandegrad): decided / received; above 1 the open balance shrinks (catalogue metric clearance_rate).',
  })
  clearanceRate!: number | null;

  @Field(() => [FieldNullReason], { description: 'Why each null field of this year is null (orsaker till tomma värden); empty when none is.' })
  nullReasons!: FieldNullReason[];

  @Field(() => [FigureSource], { description: 'The published figures these values come from (källor).' })
  sources!: FigureSource[];
}
