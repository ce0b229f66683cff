import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { registerTypeParsers } from '../warehouse/database/type-parsers.js';
import { isoDay } from '../warehouse/database/iso-day.js';

/** Texts as PostgreSQL prints them, the common forms and the rare ones. */
const TEXTS: Record<string, readonly string[]> = {
  array: [
    '{}',
    '{a}',
    '{migrationsverket,polisen}',
    '{NULL,a,NULL}',
    '{"b c",""}',
    '{"NULL",null}',
    '{"x\\"y","a\\\\b"}',
    '{"{",","}',
    '{{a,b},{c,d}}',
    '[0:1]={a,b}',
    '{1,-2,NULL,9007199254740993}',
    '{a,,b}',
  ],
  date: [
    '2024-01-31',
    '1999-12-01',
    '2024-02-29',
    '2023-02-29',
    '1000-01-01',
    '0999-12-31',
    '0050-06-15',
    '2024-01-01 BC',
    'infinity',
    '-infinity',
    '20240-01-01',
  ],
};
const TYPES: readonly (readonly [string, number, 'array' | 'date'])[] = [
  ['text[]', 1009, 'array'],
  ['varchar[]', 1015, 'array'],
  ['bigint[]', 1016, 'array'],
  ['date', 1082, 'date'],
];

describe('the type parsers', () => {
  it('answer what pg’s own parsers answer (a date at midnight UTC of its own day)', () => {
    const originals = TYPES.map(([name, oid, texts]) => [name, oid, texts, pg.types.getTypeParser(oid, 'text')] as const);
    registerTypeParsers();
    for (const [name, oid, texts, original] of originals) {
      const parse = pg.types.getTypeParser(oid, 'text');
      expect(parse, name).not.toBe(original);
      for (const text of TEXTS[texts] ?? []) expect(parse(text), `${name} ${text}`).toEqual(expected(original(text)));
    }
  });

  it.each(['Europe/Stockholm', 'America/New_York', 'Asia/Tokyo', 'UTC'])('read a date as its own day on a server in %s', (zone) => {
    registerTypeParsers();
    const parse = pg.types.getTypeParser(1082, 'text');
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      for (const text of ['2022-11-24', '2024-02-29', '2024-12-31', '2022-01-01']) expect(isoDay(parse(text) as Date)).toBe(text);
    } finally {
      process.env.TZ = before;
    }
  });
});

/** pg's own answer as the warehouse reads it: a date at midnight UTC of the same calendar day. */
function expected(parsed: unknown): unknown {
  if (!(parsed instanceof Date) || Number.isNaN(parsed.getTime())) return parsed;
  const day = new Date(Date.UTC(2000, parsed.getMonth(), parsed.getDate()));
  day.setUTCFullYear(parsed.getFullYear());
  return day;
}
