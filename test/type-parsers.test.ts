import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { registerTypeParsers } from '../warehouse/database/type-parsers.js';

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
  it('answer exactly what pg’s own parsers answer', () => {
    const originals = TYPES.map(([name, oid, texts]) => [name, oid, texts, pg.types.getTypeParser(oid, 'text')] as const);
    registerTypeParsers();
    for (const [name, oid, texts, original] of originals) {
      const parse = pg.types.getTypeParser(oid, 'text');
      expect(parse, name).not.toBe(original);
      for (const text of TEXTS[texts] ?? []) expect(parse(text), `${name} ${text}`).toEqual(original(text));
    }
  });
});
