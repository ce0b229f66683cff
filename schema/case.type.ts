import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CaseTypeCode } from './case-type-code.enum.js';
import { PageInfo } from './page-info.type.js';
import { dimensionFieldType } from './dimension-field-type.js';
import { Sex } from './sex.enum.js';

@ObjectType({
  simpleResolvers: true,
  description: 'A dated status change of a case (händelse): received, decided, appealed, court_decided, handed_to_police, departed_*.',
})
export class CaseEvent {
  @Field(() => String, { description: 'What happened (händelsetyp).' })
  eventType!: string;

  @Field(() => String, { description: 'When, ISO date (datum).' })
  eventDate!: string;

  @Field(() => String, { nullable: true, description: 'Agency that acted (myndighet), where not the Migration Agency.' })
  agency!: string | null;

  @Field(() => [String], {
    description:
      'The agencies that reported the event (rapporterande myndigheter): two where a hand-over or an enforced departure is in both deliveries.',
  })
  sources!: string[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'One case (ärende) of the case-level warehouse. Pseudonymous: the warehouse holds no names or personal numbers.',
})
export class Case {
  @Field(() => ID, { description: 'Pseudonymous case id (ärendenummer, generated).' })
  caseId!: string;

  @Field(() => CaseTypeCode, { description: 'Case type (ärendeslag).' })
  caseType!: CaseTypeCode;

  @Field(() => dimensionFieldType('CASE_SEGMENT'), { description: 'Segment (delmängd), e.g. FIRST_TIME.' })
  caseSegment!: string;

  @Field(() => String, { nullable: true, description: 'Subcategory, e.g. work-permit category_a (kategori).' })
  subcategory!: string | null;

  @Field(() => Sex, { description: 'Sex of the applicant (kön).' })
  sex!: Sex;

  @Field(() => dimensionFieldType('AGE_GROUP'), { description: 'Age group (åldersgrupp).' })
  ageGroup!: string;

  @Field(() => String, { description: 'Nationality, ISO 3166-1 alpha-2 (medborgarskap).' })
  nationality!: string;

  @Field(() => dimensionFieldType('REGION'), { nullable: true, description: 'Deciding region (region), for asylum.' })
  region!: string | null;

  @Field(() => dimensionFieldType('CHANNEL'), { description: 'Application channel (kanal): E_APPLICATION or PAPER.' })
  channel!: string;

  @Field(() => Boolean, { description: 'Decided automatically (automatiserat beslut).' })
  automated!: boolean;

  @Field(() => String, { description: 'Received date, ISO (inkom).' })
  receivedDate!: string;

  @Field(() => String, { nullable: true, description: 'Decision date, ISO (beslutsdatum); null while open.' })
  decisionDate!: string | null;

  @Field(() => dimensionFieldType('OUTCOME'), { nullable: true, description: 'Outcome (utfall); null while open.' })
  outcome!: string | null;

  @Field(() => Int, { nullable: true, description: 'Days from received to decided (handläggningstid).' })
  processingDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'Fee paid in SEK (avgift).' })
  feePaidSek!: number | null;

  @Field(() => Boolean, { description: 'The decision was appealed (överklagat).' })
  appealed!: boolean;

  @Field(() => String, { nullable: true, description: 'Migration court outcome (domstolens utfall): changed, unchanged, remanded.' })
  courtOutcome!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A page of cases (ärenden) in case-id order.' })
export class CaseConnection {
  @Field(() => [Case], { description: 'The cases of this page.' })
  nodes!: Case[];

  @Field(() => PageInfo, { description: 'Cursor and whether another page follows.' })
  pageInfo!: PageInfo;
}
