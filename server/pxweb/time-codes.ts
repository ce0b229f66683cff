import { isoWeek } from '../../warehouse/metrics/iso-week.js';
import type { TimeDimension } from '../../warehouse/dimensions/dimension-registry.js';

/**
 * PxWeb time codes, one per bucket of a grain, as Statistics Sweden writes them: 2024, 2024K1, 2024M01, 2024W01.
 * Each code maps to the engine's time dimension and the dates it spans.
 */
export interface TimeCode {
  code: string;
  grain: TimeDimension;
  /** Inclusive ISO dates of the bucket. */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

function yearCode(year: number): TimeCode {
  return { code: String(year), grain: 'YEAR', from: `${year}-01-01`, to: `${year}-12-31` };
}
function quarterCode(year: number, quarter: number): TimeCode {
  return {
    code: `${year}K${quarter}`,
    grain: 'QUARTER',
    from: iso(Date.UTC(year, (quarter - 1) * 3, 1)),
    to: iso(Date.UTC(year, quarter * 3, 1) - DAY_MS),
  };
}
function monthCode(year: number, month: number): TimeCode {
  return { code: `${year}M${pad(month)}`, grain: 'MONTH', from: iso(Date.UTC(year, month - 1, 1)), to: iso(Date.UTC(year, month, 1) - DAY_MS) };
}
function weekCodeOf(monday: number): TimeCode {
  const { year, week } = isoWeek(new Date(monday));
  return { code: `${year}W${pad(week)}`, grain: 'WEEK', from: iso(monday), to: iso(monday + 6 * DAY_MS) };
}

/** Every bucket of the grains that lies wholly within the years (weeks: those whose seven days do). */
export function timeCodes(years: readonly number[], grains: readonly TimeDimension[]): TimeCode[] {
  if (years.length === 0) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const codes: TimeCode[] = [];
  if (grains.includes('YEAR')) for (const y of years) codes.push(yearCode(y));
  if (grains.includes('QUARTER')) for (let y = first; y <= last; y++) for (let q = 1; q <= 4; q++) codes.push(quarterCode(y, q));
  if (grains.includes('MONTH')) for (let y = first; y <= last; y++) for (let m = 1; m <= 12; m++) codes.push(monthCode(y, m));
  if (grains.includes('WEEK')) {
    const start = Date.UTC(first, 0, 1);
    const end = Date.UTC(last, 11, 31);
    // The first Monday on or after 1 January.
    let monday = start + ((8 - (new Date(start).getUTCDay() || 7)) % 7) * DAY_MS;
    for (; monday + 6 * DAY_MS <= end; monday += 7 * DAY_MS) codes.push(weekCodeOf(monday));
  }
  return codes;
}

/** The time code of an engine bucket (its first day) in a grain. */
export function bucketCode(bucket: string, grain: TimeDimension): string {
  const date = new Date(`${bucket}T00:00:00Z`);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  switch (grain) {
    case 'YEAR':
      return String(year);
    case 'QUARTER':
      return `${year}K${Math.floor((month - 1) / 3) + 1}`;
    case 'MONTH':
      return `${year}M${pad(month)}`;
    case 'WEEK':
      return weekCodeOf(date.getTime()).code;
  }
}

/** Labels of a time code: the code itself, as PxWeb shows periods. */
export const GRAIN_LABELS: Record<TimeDimension, { sv: string; en: string }> = {
  YEAR: { sv: 'År', en: 'Years' },
  QUARTER: { sv: 'Kvartal', en: 'Quarters' },
  MONTH: { sv: 'Månader', en: 'Months' },
  WEEK: { sv: 'Veckor', en: 'Weeks' },
};
