import { describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS } from '../warehouse/published/figure-vocabulary.js';
import { parseFigureCsv } from '../warehouse/published/read-figure-file.js';
import { parseSwedishNumber } from '../warehouse/published/swedish-number.js';

const HEADER = FIGURE_COLUMNS.join(',');
const GOOD =
  '000_c6bd8d7f0150f31e.txt,1863,Förstagångsärenden 5 894 10 457 16 351,Tabell 6.2,Asylärenden 2022–2024,table,received,cases,16 351,16351,2022,,false,ASYLUM,first_time,,,,,,,,,,';

describe('Swedish printed numbers', () => {
  it.each([
    ['9 588', 9588],
    ['20,7', 20.7],
    ['-191 827', -191827],
    ['1 636 784', 1636784],
    ['0', 0],
    ['–5', -5],
    ['4 735', 4735],
    ['- 1 339 263', -1339263],
    ['2.49', 2.49],
    ['fem', 5],
  ])('reads %s as %d', (printed, value) => {
    expect(parseSwedishNumber(printed)).toBe(value);
  });

  it.each(['9.588', '12 34', 'abc', '', '1,2,3', '2.495', '1.2.3'])('refuses %s', (printed) => {
    expect(parseSwedishNumber(printed)).toBeNull();
  });
});

describe('curated figure files', () => {
  it('accept a well-formed row', () => {
    const { rows, errors } = parseFigureCsv('t.csv', `${HEADER}\n${GOOD}\n`);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      value: 16351,
      year: 2022,
      caseType: 'ASYLUM',
      sex: null,
      dims: expect.objectContaining({ segment: 'first_time' }),
    });
  });

  it('name the file and line of every bad row, and what is wrong with it', () => {
    const bad = [
      GOOD.replace(',16351,2022,', ',16350,2022,'), // value is not the printed number
      GOOD.replace(',cases,', ',bananas,'), // unknown unit
      GOOD.replace(',ASYLUM,', ',ASYLUMS,'), // unknown case type
      GOOD.replace(',1863,', ',-4,'), // line
      GOOD, // duplicate key of the first good row below
    ];
    const { errors } = parseFigureCsv('t.csv', `${HEADER}\n${GOOD}\n${bad.join('\n')}\n`);
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      ['t.csv', 3],
      ['t.csv', 4],
      ['t.csv', 5],
      ['t.csv', 6],
      ['t.csv', 7],
    ]);
    expect(errors[0]?.message).toMatch(/value 16350 is not the printed 16 351/);
    expect(errors[1]?.message).toMatch(/unit "bananas"/);
    expect(errors[2]?.message).toMatch(/case_type "ASYLUMS"/);
    expect(errors[3]?.message).toMatch(/line "-4"/);
    expect(errors[4]?.message).toMatch(/same key as the row at line 2/);
  });

  it("take an amount measure's value without the printed minus, and a signed measure's with it", () => {
    const outcome =
      '000_c6bd8d7f0150f31e.txt,5590,1:7 ap 1 Migrationsverket 48 608 63 202 0 0 -48 608 63 202 -34 170 29 032 39,Redovisning mot anslag,Anslagsredovisning,table,budget_outcome,tkr,-34 170,VALUE,2024,,false,,,,,,,,UO8 1:7:1,,,,';
    const accepted = parseFigureCsv('t.csv', `${HEADER}\n${outcome.replace('VALUE', '34170')}\n`);
    expect(accepted.errors).toEqual([]);
    expect(accepted.rows[0]).toMatchObject({ printed: '-34 170', value: 34170 });
    const refused = parseFigureCsv('t.csv', `${HEADER}\n${outcome.replace('VALUE', '-34170')}\n`);
    expect(refused.errors[0]?.message).toMatch(/budget_outcome is an amount/);
    const signed = outcome.replace(',budget_outcome,', ',budget_carry_over_closing,');
    expect(parseFigureCsv('t.csv', `${HEADER}\n${signed.replace('VALUE', '34170')}\n`).errors[0]?.message).toMatch(/is not the printed -34 170/);
  });

  it('refuse a file whose header is wrong, or that is not CSV', () => {
    expect(parseFigureCsv('t.csv', 'a,b\n1,2\n').errors[0]?.message).toMatch(/header must be/);
    expect(parseFigureCsv('t.csv', `${HEADER}\n"unterminated,1\n`).errors[0]?.message).toMatch(/not valid CSV/);
  });
});
