import pg from 'pg';

/**
 * pg's text parsers of a few types, each with a fast path for the form PostgreSQL prints almost always, answering
 * what pg's own parser answers (dates: the same day, at midnight UTC; see utcDay), and pg's parser for every other
 * text. A page of 100 cases with their events spent about 10 % of its CPU in these parsers: postgres-array copies
 * each element character by character and joins it, and postgres-date tries a timestamp pattern (which backtracks)
 * before the date one.
 */

type TextParser = (text: string) => unknown;

/**
 * The text form of a one-dimensional array whose elements need no quoting: `{a,b,NULL}`. PostgreSQL quotes an
 * element that holds a comma, a brace, a quote, a backslash or white space, or is empty or the word NULL, so a text
 * without `"` and `\` and with no brace inside holds only plain elements.
 */
const PLAIN_ARRAY = /^\{[^{}"\\]*\}$/;

/** An array of strings (text[], varchar[], and bigint[]: pg returns int8 elements of an array as text). */
function plainArrayFirst(original: TextParser): TextParser {
  return (text) => {
    if (!text || !PLAIN_ARRAY.test(text)) return original(text);
    const entries: (string | null)[] = [];
    if (text.length === 2) return entries;
    for (const piece of text.slice(1, -1).split(',')) {
      // As postgres-array: an unquoted empty element is skipped, an unquoted NULL is null.
      if (piece === '') continue;
      entries.push(piece === 'NULL' ? null : piece);
    }
    return entries;
  };
}

const DIGIT_0 = 48;
const digitsAt = (text: string, from: number, count: number): number => {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - DIGIT_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * A date's calendar day as a Date at midnight UTC, so that reading its day back (isoDay, toISOString) gives the same
 * day on a server in any time zone. pg's own parser makes local midnight (`new Date(year, month, day)`), whose UTC day
 * is the day before east of Greenwich: on a server in Stockholm every date was answered one day early.
 */
function utcDay(local: Date): Date {
  const day = new Date(Date.UTC(2000, local.getMonth(), local.getDate()));
  day.setUTCFullYear(local.getFullYear());
  return day;
}

/**
 * A date `YYYY-MM-DD` (DateStyle ISO, as pg expects) of a year from 1000 on, read directly; anything else (BC,
 * infinity, years before 1000) goes to pg's parser, whose dates are moved to the same day at midnight UTC.
 */
function plainDateFirst(original: TextParser): TextParser {
  return (text) => {
    if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return fromOriginal(original, text);
    const year = digitsAt(text, 0, 4);
    const month = digitsAt(text, 5, 2);
    const day = digitsAt(text, 8, 2);
    if (year < 1000 || month < 0 || day < 0) return fromOriginal(original, text);
    return new Date(Date.UTC(year, month - 1, day));
  };
}

function fromOriginal(original: TextParser, text: string): unknown {
  const parsed = original(text);
  return parsed instanceof Date && !Number.isNaN(parsed.getTime()) ? utcDay(parsed) : parsed;
}

/** OIDs of the types (pg's builtins name only the scalar ones). */
const DATE = 1082;
const TEXT_ARRAY = 1009;
const VARCHAR_ARRAY = 1015;
const INT8_ARRAY = 1016;

/**
 * Registers the parsers on pg's process-wide type table, beside the int8 parser connect.ts sets, and sends Date
 * parameters as UTC: a day read as midnight UTC (or a GraphQL date, also midnight UTC) then goes back as the same day
 * in any time zone. Every time column of the warehouse is `date` or `timestamptz`, and a timestamptz is the same
 * instant whichever offset it is written with.
 */
export function registerTypeParsers(): void {
  for (const oid of [TEXT_ARRAY, VARCHAR_ARRAY, INT8_ARRAY]) pg.types.setTypeParser(oid, plainArrayFirst(pg.types.getTypeParser(oid, 'text')));
  pg.types.setTypeParser(DATE, plainDateFirst(pg.types.getTypeParser(DATE, 'text')));
  pg.defaults.parseInputDatesAsUTC = true;
}
