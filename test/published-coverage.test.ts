import { describe, expect, it } from 'vitest';
import { publishedCoverage } from '../warehouse/published/figure-coverage-report.js';
import { documentCoverage } from '../warehouse/published/figure-coverage.js';
import { figuresIn, withoutNonStatistics } from '../warehouse/published/figure-lines.js';
import { parseSwedishNumber } from '../warehouse/published/swedish-number.js';

const figures = (line: string, previous?: string) => figuresIn(withoutNonStatistics(line, previous));

describe('figures on a line of a source document', () => {
  it.each([
    ['Utgiftsområde 8 Migration 10 636 10 713 12 307 10 423', ['10 636', '10 713', '12 307', '10 423']],
    ['uppgick till cirka 14 miljarder kronor, en ökning med en procent jämfört med 2023', ['14']],
    ['en minskning med åtta procent jämfört med 2023', ['åtta']],
    ['Region Nord har en renodlad asylprövningssektion med elva enheter', ['elva']],
    ['ungefär tre av fyra handläggare', ['tre', 'fyra']],
    ['inom 6 månader, 87 % av ärendena', ['6', '87']],
    ['Barn 0–12 år 15 % 18 %', ['15', '18']],
    ['har 2 167 tusen kronor omdisponerats', ['2 167']],
    ['Region Syd 2.49*** 2.47***', ['2.49', '2.47']],
  ])('finds the figures of "%s"', (line, expected) => {
    expect(figures(line)).toEqual(expected);
  });

  it.each([
    'enligt förordningen (SFS 2016:752) om tillfälliga begränsningar',
    'I 8 kap. 21 § utlänningslagen (2005:716) anges att',
    'trädde i kraft den 1 november 2024 och gäller 2024-12-31',
    'som redovisas i Tabell 6.2 och avsnitt 3.1.2, se not 34',
    'Polisen28 är nationell kontaktpunkt för Frontex.29',
    'Regeringens beslut Ju2022/02227, dnr 1.1.2-2025-814, Gd/012/2024',
    'varav 1:7 Utresor för avvisade och utvisade, ap 1 utgiftsområde 8',
    '3.3.3 Minskade kostnader för offentliga biträden',
    '22 Europaparlamentets och rådets direktiv 2008/115/EG av den 16 december 2008',
    'de tre myndigheterna och de senaste tio åren; 2022–2024 och 2023/24',
    'Mål C-143/22 och covid-19',
    'MIGRATIONSVERKETS ÅRSREDOVISNING 2024 154',
    'UO13 1:2 ap 1 I :10 2023-12-31 I:3 2024-06-20',
    '1 2 3 4 5 ?',
  ])('finds no figure in "%s"', (line) => {
    expect(figures(line)).toEqual([]);
  });

  it('takes a bare number after a blank line for a page number, but not a table cell', () => {
    expect(figures('19 ', '')).toEqual([]);
    expect(figures('19 ', 'Hemland')).toEqual(['19']);
  });

  it('reads numbers written as words', () => {
    expect(['fem', 'Elva', 'tjugofem', 'tvåhundra', 'tretusen'].map(parseSwedishNumber)).toEqual([5, 11, 25, 200, 3000]);
    expect(['första', 'hälften', 'hundratals', 'tre procent'].map(parseSwedishNumber)).toEqual([null, null, null, null]);
  });

  it('counts a line covered only when every figure on it is loaded from that line', () => {
    const lines = ['Totalt 14 594 13 869 16 009 13 957', 'sju procent', 'Tabell 3.1', 'ökade med fem procent'];
    const coverage = documentCoverage('x.txt', lines, [
      { line: 1, printed: '14 594' },
      { line: 1, printed: '13 869' },
      { line: 1, printed: '16 009' },
      { line: 1, printed: '13 957' },
      { line: 2, printed: 'sju' },
    ]);
    expect(coverage).toMatchObject({ figureLines: 3, coveredLines: 2 });
    expect(coverage.uncovered).toEqual([expect.objectContaining({ line: 4, missing: ['fem'] })]);
  });
});

describe('coverage of the source documents by the curated figures', () => {
  const REQUIRED = ['000_c6bd8d7f0150f31e.txt', '001_b947993960c5cc8f.txt', '002_e3639b9bf54e2bb0.txt', '003_18350b40b22d24e9.txt'];

  it('covers the required share of figure-bearing lines in each of documents 000–003', async () => {
    const coverage = await publishedCoverage();
    for (const document of REQUIRED) {
      const doc = coverage.find((d) => d.document === document);
      expect(doc?.figureLines, document).toBeGreaterThan(50);
      const missing = doc?.uncovered.map((u) => `${u.line}: ${u.missing.join(' | ')}`);
      expect(doc?.share, `${document}: ${doc?.coveredLines} of ${doc?.figureLines} lines; missing ${missing?.join('; ')}`).toBeGreaterThanOrEqual(
        0.99,
      );
    }
  });
});
