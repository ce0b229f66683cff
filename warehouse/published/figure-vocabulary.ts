/**
 * Controlled vocabularies of the curated published-figure files (see FORMAT.md).
 * One place, so that the loader, the provenance check and the GraphQL enums agree.
 */

/** Units as printed in the sources. */
export const UNITS = [
  'cases',
  'persons',
  'percent',
  'days',
  'months',
  'kr',
  'tkr',
  'mnkr',
  'mdkr',
  'count',
  'ratio',
  'fte',
  'places',
  'decisions',
  'hours',
  'index',
  'weeks',
  'years',
  'eur',
  'meur',
] as const;
export type Unit = (typeof UNITS)[number];

/** Case-type codes shared by published figures, case facts and the GraphQL `CaseTypeCode` enum. */
export const CASE_TYPE_CODES = [
  'ASYLUM',
  'TEMPORARY_PROTECTION',
  'FAMILY',
  'WORK',
  'EEA',
  'STUDY',
  'VISA',
  'VISIT',
  'CITIZENSHIP',
  'ENFORCEMENT_IMPEDIMENT',
  'STATE_COMPENSATION',
  'REVOCATION',
  'REMIGRATION',
  'RESETTLEMENT',
  'RETURN',
  'DETENTION',
  'RECEPTION',
  'PASSPORT',
  'OTHER',
] as const;
export type CaseTypeCode = (typeof CASE_TYPE_CODES)[number];

export const SEXES = ['female', 'male'] as const;
export type SexCode = (typeof SEXES)[number];

export const FIGURE_KINDS = ['table', 'text'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** Multiplier from a printed money unit to SEK; metrics report money in SEK. */
export const SEK_PER_UNIT: Partial<Record<Unit, number>> = {
  kr: 1,
  tkr: 1_000,
  mnkr: 1_000_000,
  mdkr: 1_000_000_000,
};

/** Multiplier from a printed euro unit to euro: EU-fund amounts stay in euro, never converted to SEK. */
export const EUR_PER_UNIT: Partial<Record<Unit, number>> = {
  eur: 1,
  meur: 1_000_000,
};

/** Header of every curated CSV file, in order. */
export const FIGURE_COLUMNS = [
  'document',
  'line',
  'quote',
  'table',
  'caption',
  'kind',
  'measure',
  'unit',
  'printed',
  'value',
  'year',
  'period',
  'approximate',
  'case_type',
  'segment',
  'sex',
  'age_group',
  'region',
  'nationality',
  'agency',
  'appropriation',
  'fee_activity',
  'outcome',
  'subgroup',
  'note',
] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** The dimension columns of a figure; with measure, year and period they form its key. */
export const DIMENSION_COLUMNS = [
  'case_type',
  'segment',
  'sex',
  'age_group',
  'region',
  'nationality',
  'agency',
  'appropriation',
  'fee_activity',
  'outcome',
  'subgroup',
] as const satisfies readonly FigureColumn[];
export type DimensionColumn = (typeof DIMENSION_COLUMNS)[number];
