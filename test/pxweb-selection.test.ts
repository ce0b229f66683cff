import { describe, expect, test } from 'vitest';
import { PxProblem } from '../server/pxweb/pxweb-problem.js';
import { resolveSelection, splitValueList } from '../server/pxweb/selection-expression.js';

const CODES = ['01', '02', '03', '10', '11', '12', '20'];
const PERIODS = ['2022', '2023', '2024'];
const pick = (expressions: string[], codes = CODES, time = false) => resolveSelection('Region', codes, expressions, time);
const titleOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof PxProblem ? error.title : String(error);
  }
  return 'no error';
};

describe('the API v2 selection grammar', () => {
  test('literal codes, case-insensitive, in metadata order, each once', () => {
    expect(pick(['11', '02', '11'])).toEqual(['02', '11']);
    expect(resolveSelection('sex', ['female', 'male'], ['MALE'], false)).toEqual(['male']);
  });
  test('* and the wildcard masks ab*, *ab, *ab*', () => {
    expect(pick(['*'])).toEqual(CODES);
    expect(pick(['1*'])).toEqual(['10', '11', '12']);
    expect(pick(['*0'])).toEqual(['10', '20']);
    expect(pick(['*2*'])).toEqual(['02', '12', '20']);
  });
  test('? masks one character', () => {
    expect(pick(['?1'])).toEqual(['01', '11']);
    expect(pick(['??'])).toEqual(CODES);
    expect(pick(['?'])).toEqual([]);
  });
  test('TOP(n[,offset]) and BOTTOM(n[,offset]); on time TOP is the latest', () => {
    expect(pick(['TOP(2)'])).toEqual(['01', '02']);
    expect(pick(['top(2,1)'])).toEqual(['02', '03']);
    expect(pick(['BOTTOM(2)'])).toEqual(['12', '20']);
    expect(pick(['bottom(1,1)'])).toEqual(['12']);
    expect(pick(['TOP(2)'], PERIODS, true)).toEqual(['2023', '2024']);
    expect(pick(['BOTTOM(1)'], PERIODS, true)).toEqual(['2022']);
  });
  test('FROM(c), TO(c) and RANGE(a,b)', () => {
    expect(pick(['FROM(12)'])).toEqual(['12', '20']);
    expect(pick(['to(02)'])).toEqual(['01', '02']);
    expect(pick(['RANGE(03,11)'])).toEqual(['03', '10', '11']);
    expect(pick(['range(11,03)'])).toEqual(['03', '10', '11']);
  });
  test('illegal expressions and unknown codes are refused with the reference titles', () => {
    for (const bad of ['TOP(0)', 'TOP(x)', 'TOP(1,2,3)', 'FROM(99)', 'RANGE(01)', 'RANGE(01,99)', 'MAX(2)', '1*2', '**1*', '[01]']) {
      expect(
        titleOf(() => pick([bad])),
        bad,
      ).toBe('Illegal selection expression');
    }
    expect(titleOf(() => pick(['99']))).toBe('Non-existent value');
  });
  test('GET lists split on commas outside brackets and parentheses', () => {
    expect(splitValueList('a,b,TOP(3,1),[range(2020,2023)], c ')).toEqual(['a', 'b', 'TOP(3,1)', 'range(2020,2023)', 'c']);
  });
});
