import { CASE_TYPES } from '../reference/case-types.js';
import type { DimensionColumn as FigureColumn } from '../published/figure-vocabulary.js';
import {
  AGE_GROUP_MEMBERS,
  CHANNEL_MEMBERS,
  OUTCOME_MEMBERS,
  REGION_MEMBERS,
  SEGMENT_MEMBERS,
  SEX_MEMBERS,
  type VocabularyMember,
} from './case-vocabulary.js';

/**
 * The dimension registry: every dimension a metric can be grouped or filtered by, declared once. The metric engine's
 * SQL, the published-twin lookup, the GraphQL `Dimension` enum, `MetricWhere`, `MetricRow`, the member enums, the
 * filter checks, `dimensionValues` and the CSV columns are all derived from it. Adding a dimension means an entry
 * here, its column in the facts DDL and the generator (see CONTRIBUTING.md).
 *
 * Time dimensions bucket a metric's anchor date (received or decision date for case flows, the year for published
 * figures); attribute dimensions are columns of the facts.
 */
export const DIMENSIONS = [
  'YEAR',
  'QUARTER',
  'MONTH',
  'WEEK',
  'CASE_TYPE',
  'CASE_SEGMENT',
  'SEX',
  'AGE_GROUP',
  'REGION',
  'NATIONALITY',
  'CHANNEL',
  'OUTCOME',
  'APPROPRIATION',
  'FEE_ACTIVITY',
  'AGENCY',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const TIME_DIMENSIONS = ['YEAR', 'QUARTER', 'MONTH', 'WEEK'] as const satisfies readonly Dimension[];
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];
export type AttributeDimension = Exclude<Dimension, TimeDimension>;

export function isTimeDimension(d: Dimension): d is TimeDimension {
  return (TIME_DIMENSIONS as readonly Dimension[]).includes(d);
}

/** The finest time bucket asked for decides the grain (a MONTH row also carries its YEAR and QUARTER). */
export function timeGrain(by: readonly Dimension[]): TimeDimension | null {
  for (const grain of ['WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const) if (by.includes(grain)) return grain;
  return null;
}

/** PostgreSQL date_trunc unit per time grain. */
export const TRUNC_UNIT: Record<TimeDimension, string> = { YEAR: 'year', QUARTER: 'quarter', MONTH: 'month', WEEK: 'week' };

/** Reference tables that hold the members of an open set. */
export type MemberTable = 'dim_nationality' | 'dim_appropriation' | 'dim_fee_activity' | 'dim_agency';

/** A closed set: a GraphQL enum whose values stand for the stored codes. */
export interface ClosedMembers {
  kind: 'closed';
  /** Name of the GraphQL enum. */
  enumName: string;
  /** Prefix of enum value names whose code starts with a digit (GraphQL names cannot): 0_17 → AGE_0_17. */
  enumPrefix?: string;
  list: readonly VocabularyMember[];
}

/** An open set (nationality codes, appropriation codes…): strings, checked against a reference table. */
export interface OpenMembers {
  kind: 'open';
  table: MemberTable;
  /** What a value looks like, for the GraphQL description. */
  example: string;
}

export interface AttributeSpec {
  /** Column of the case facts and rollups (basis `cases`) and key of a computed row. */
  column: string;
  /** Key in the metric filter and field of a metric row, in GraphQL and in the CSV header. */
  key: string;
  /** Where the members live: the case-level facts, or only the published figures. */
  basis: 'cases' | 'figures';
  /** Column of fact_figure that holds the same dimension (for the published twin and figure metrics); null if none. */
  figureColumn: FigureColumn | null;
  /** The monthly rollups hold it (a grouping or filter on it can skip the base facts). */
  inRollups: boolean;
  members: ClosedMembers | OpenMembers;
  /** English label with the Swedish term, e.g. "Case type (ärendeslag)". */
  label: string;
  /** What the dimension is, for the GraphQL enum value `Dimension.X`. */
  description: string;
}

const CASE_TYPE_MEMBERS: readonly VocabularyMember[] = CASE_TYPES.map((t) => ({ code: t.code, name: t.name_en, nameSv: t.name_sv }));

export const ATTRIBUTES = {
  CASE_TYPE: {
    column: 'case_type',
    key: 'caseType',
    basis: 'cases',
    figureColumn: 'case_type',
    inRollups: true,
    members: { kind: 'closed', enumName: 'CaseTypeCode', list: CASE_TYPE_MEMBERS },
    label: 'Case type (ärendeslag)',
    description: 'Case type (ärendeslag).',
  },
  CASE_SEGMENT: {
    column: 'segment',
    key: 'caseSegment',
    basis: 'cases',
    figureColumn: 'segment',
    inRollups: true,
    members: { kind: 'closed', enumName: 'CaseSegment', list: SEGMENT_MEMBERS },
    label: 'Segment (delmängd)',
    description: 'Segment of the case type (delmängd), e.g. FIRST_TIME (förstagångsärende), EXTENSION (förlängning).',
  },
  SEX: {
    column: 'sex',
    key: 'sex',
    basis: 'cases',
    figureColumn: 'sex',
    inRollups: true,
    members: { kind: 'closed', enumName: 'Sex', list: SEX_MEMBERS },
    label: 'Sex (kön)',
    description: 'Sex of the applicant (kön).',
  },
  AGE_GROUP: {
    column: 'age_group',
    key: 'ageGroup',
    basis: 'cases',
    figureColumn: 'age_group',
    inRollups: false,
    members: { kind: 'closed', enumName: 'AgeGroup', enumPrefix: 'AGE_', list: AGE_GROUP_MEMBERS },
    label: 'Age group (åldersgrupp)',
    description: 'Age group of the applicant (åldersgrupp): AGE_0_17, AGE_18_34, AGE_35_64, AGE_65_PLUS.',
  },
  REGION: {
    column: 'region',
    key: 'region',
    basis: 'cases',
    figureColumn: 'region',
    inRollups: true,
    members: { kind: 'closed', enumName: 'Region', list: REGION_MEMBERS },
    label: 'Region (region)',
    description: 'Region of the Migration Agency that decided (region): NORD, SYD, VAST (asylum).',
  },
  NATIONALITY: {
    column: 'nationality',
    key: 'nationality',
    basis: 'cases',
    figureColumn: 'nationality',
    inRollups: false,
    members: { kind: 'open', table: 'dim_nationality', example: '["SY", "AF"]' },
    label: 'Nationality, ISO 3166-1 alpha-2 (medborgarskap)',
    description: 'Nationality, ISO 3166-1 alpha-2 (medborgarskap).',
  },
  CHANNEL: {
    column: 'channel',
    key: 'channel',
    basis: 'cases',
    figureColumn: null,
    inRollups: false,
    members: { kind: 'closed', enumName: 'Channel', list: CHANNEL_MEMBERS },
    label: 'Application channel (kanal)',
    description: 'How the application came in (kanal): E_APPLICATION (e-ansökan) or PAPER (pappersansökan).',
  },
  OUTCOME: {
    column: 'outcome',
    key: 'outcome',
    basis: 'cases',
    figureColumn: 'outcome',
    inRollups: true,
    members: { kind: 'closed', enumName: 'Outcome', list: OUTCOME_MEMBERS },
    label: 'Decision outcome (utfall)',
    description:
      'Outcome of the decision (utfall): APPROVED (bifall), REJECTED (avslag), DUBLIN_TRANSFER, WRITTEN_OFF (avskrivet), REVOKED, NOT_REVOKED.',
  },
  APPROPRIATION: {
    column: 'appropriation',
    key: 'appropriation',
    basis: 'figures',
    figureColumn: 'appropriation',
    inRollups: false,
    members: { kind: 'open', table: 'dim_appropriation', example: '["UO8 1:1"]' },
    label: 'Appropriation (anslag)',
    description: 'Appropriation of the state budget (anslag), e.g. "UO8 1:1".',
  },
  FEE_ACTIVITY: {
    column: 'fee_activity',
    key: 'feeActivity',
    basis: 'figures',
    figureColumn: 'fee_activity',
    inRollups: false,
    members: { kind: 'open', table: 'dim_fee_activity', example: '["citizenship"]' },
    label: 'Fee-financed activity (avgiftsbelagd verksamhet)',
    description: 'Fee-financed activity (avgiftsbelagd verksamhet); "total" is the published total row.',
  },
  AGENCY: {
    column: 'agency',
    key: 'agency',
    basis: 'figures',
    figureColumn: 'agency',
    inRollups: false,
    members: { kind: 'open', table: 'dim_agency', example: '["migrationsverket"]' },
    label: 'Agency (myndighet)',
    description: 'Agency (myndighet): migrationsverket, polismyndigheten, kriminalvarden.',
  },
} as const satisfies Record<AttributeDimension, AttributeSpec>;

export const ATTRIBUTE_DIMENSIONS = Object.keys(ATTRIBUTES) as AttributeDimension[];

/** The key of an attribute in filters and rows, typed (e.g. 'caseSegment'). */
export type FilterKey = (typeof ATTRIBUTES)[AttributeDimension]['key'];

/** Attribute dimensions the case-level facts hold. */
export const CASE_ATTRIBUTE_DIMENSIONS = ATTRIBUTE_DIMENSIONS.filter((d) => ATTRIBUTES[d].basis === 'cases');

/** GraphQL enum value name of a closed set's code: upper case, with the set's prefix where it starts with a digit. */
export function enumValueName(members: ClosedMembers, code: string): string {
  const upper = code.toUpperCase();
  return /^[0-9]/.test(upper) ? `${members.enumPrefix ?? '_'}${upper}` : upper;
}

/** Descriptions of the time dimensions, for the `Dimension` enum. */
export const TIME_DESCRIPTIONS: Record<TimeDimension, string> = {
  YEAR: 'Calendar year (år) of the anchor date: received date for inflow, decision date for decisions.',
  QUARTER: 'Calendar quarter (kvartal) of the anchor date.',
  MONTH: 'Calendar month (månad) of the anchor date.',
  WEEK: 'ISO week (vecka) of the anchor date.',
};

/** Description of any dimension. */
export function dimensionDescription(d: Dimension): string {
  return isTimeDimension(d) ? TIME_DESCRIPTIONS[d] : ATTRIBUTES[d].description;
}
