/**
 * The dimensions a metric can be grouped by. Time dimensions bucket a metric's anchor date (received or decision
 * date for case flows, the year for published figures); the others are columns of the facts.
 */
export const DIMENSIONS = [
  'YEAR', 'QUARTER', 'MONTH', 'WEEK', 'CASE_TYPE', 'CASE_SEGMENT', 'SEX', 'AGE_GROUP', 'REGION', 'NATIONALITY',
  'CHANNEL', 'OUTCOME', 'APPROPRIATION', 'FEE_ACTIVITY', 'AGENCY',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const TIME_DIMENSIONS = ['YEAR', 'QUARTER', 'MONTH', 'WEEK'] as const satisfies readonly Dimension[];
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];

export function isTimeDimension(d: Dimension): d is TimeDimension {
  return (TIME_DIMENSIONS as readonly Dimension[]).includes(d);
}

/** The finest time bucket asked for decides the grain (a MONTH row also carries its YEAR and QUARTER). */
export function timeGrain(by: readonly Dimension[]): TimeDimension | null {
  for (const grain of ['WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const) if (by.includes(grain)) return grain;
  return null;
}

/** The output column of each non-time dimension (also the key in result rows). */
export const DIMENSION_COLUMN = {
  CASE_TYPE: 'case_type',
  CASE_SEGMENT: 'segment',
  SEX: 'sex',
  AGE_GROUP: 'age_group',
  REGION: 'region',
  NATIONALITY: 'nationality',
  CHANNEL: 'channel',
  OUTCOME: 'outcome',
  APPROPRIATION: 'appropriation',
  FEE_ACTIVITY: 'fee_activity',
  AGENCY: 'agency',
} as const satisfies Record<Exclude<Dimension, TimeDimension>, string>;
export type AttributeDimension = keyof typeof DIMENSION_COLUMN;
export type DimensionColumn = (typeof DIMENSION_COLUMN)[AttributeDimension];

/** PostgreSQL date_trunc unit per time grain. */
export const TRUNC_UNIT: Record<TimeDimension, string> = { YEAR: 'year', QUARTER: 'quarter', MONTH: 'month', WEEK: 'week' };
