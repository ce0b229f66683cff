/**
 * Dates as whole day numbers (days since 1970-01-01, UTC): the generator does arithmetic on them (durations, year
 * windows) and formats them once, through a cache, when writing COPY text.
 */
const DAY_MS = 86_400_000;

export const FIRST_YEAR = 2022;
export const LAST_YEAR = 2024;
/** The calibrated years, in order. */
export const YEARS = [2022, 2023, 2024] as const;
export type Year = (typeof YEARS)[number];

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

// Year boundaries are looked up millions of times per load: a table for 1990–2099, computed once.
const TABLE_FROM = 1990;
const TABLE_TO = 2100;
const STARTS = Array.from({ length: TABLE_TO - TABLE_FROM + 1 }, (_, i) => dayNumber(TABLE_FROM + i, 1, 1));

export function yearStart(year: number): number {
  return STARTS[year - TABLE_FROM] ?? dayNumber(year, 1, 1);
}

export function yearEnd(year: number): number {
  return yearStart(year + 1) - 1;
}

export function yearOf(day: number): number {
  const guess = TABLE_FROM + Math.floor((day - (STARTS[0] as number)) / 365.2425);
  if (guess < TABLE_FROM || guess >= TABLE_TO) return new Date(day * DAY_MS).getUTCFullYear();
  if (day < (STARTS[guess - TABLE_FROM] as number)) return guess - 1;
  if (day >= (STARTS[guess - TABLE_FROM + 1] as number)) return guess + 1;
  return guess;
}

const isoCache = new Map<number, string>();

/** 'YYYY-MM-DD' of a day number (the format COPY reads for a date column). */
export function isoDate(day: number): string {
  let text = isoCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, text);
  }
  return text;
}

export function dateOfDay(day: number): Date {
  return new Date(day * DAY_MS);
}
