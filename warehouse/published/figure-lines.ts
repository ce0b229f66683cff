import { parseSwedishNumberWord } from './swedish-number-words.js';

/**
 * What a line of a source document holds that is a statistic. A *figure* is a number that reports a quantity:
 * a count, amount, share, duration, rate or ratio — in digits (`9 588`, `20,7`, `-4 792 723`, `87 %`) or as a
 * Swedish cardinal number word of two or more (`två`, `fem procent`, `elva enheter`, `tjugofem`).
 *
 * A number is NOT a figure when it names or locates something rather than measuring it. Each such kind is one rule
 * below, removed from the line before figures are looked for:
 * - markup and footnote markers: `<sup>3</sup>`, superscript digits, a number glued to the end of a word or
 *   sentence (`Polisen28`, `återvändande.25`, `avgifter1`), and the number that opens a footnote's text;
 * - document structure: heading and section numbers (`3.1.2`, `# 3 …`, `3. Ekonomi`), list numbering (`1.`, `2)`),
 *   page numbers (a bare number of at most three digits alone on a line after a blank line, or after a
 *   table-of-contents dot leader), references to numbered parts (`Tabell 6.2`, `avsnitt 3.2`, `bilaga 1`, `not 34`);
 * - dates and years used as dates: ISO dates, `1 november 2024`, `juni 2022`, and every four-digit number from 1950
 *   to 2035 that stands alone (a Swedish grouped number never has a four-digit group, so `12 2024` cannot be one
 *   number), year ranges `2022–2024` and fiscal years `2023/24`;
 * - legal and official references: `SFS 2016:752`, `(2005:716)`, `prop. 2023/24:151`, `8 kap. 4 §`, `artikel 17`,
 *   EU acts `2008/115/EG`, `(EU) nr 604/2013`;
 * - identifiers: diary numbers (`dnr 1.1.2-2025-814`, `Ju2022/02227`, `Gd/012/2024`), ISBN/ISSN, appropriation
 *   codes (`1:2:3`, `ap 3`, `UO8`, `utgiftsområde 8`), government decisions (`II:1`), names with a number
 *   (`covid-19`, `Talk2Connect`), clock times, ordinals written with digits (`1:a`); a running page header or footer
 *   (`MIGRATIONSVERKETS ÅRSREDOVISNING 2024 154`); section numbers of three levels or more (`5.10.2`), which a
 *   Swedish number never looks like; guideline series numbers (`GRÄPP 2018/4`); the points of a questionnaire's
 *   response scale printed alone on a line (`1 2 3 4 5 ?`); the age band or class that labels a table row
 *   (`Barn 0–12 år 15 % 18 %`, `Äldre 65 år och äldre …`, `> 10–25 procent 1,411 …`);
 * - a number word right after a numeral is its multiplier (`500 tusen kronor`): the numeral is the figure;
 * - a number word that refers to known things rather than counting them: after `de`, `dessa`, `samtliga`, `alla`,
 *   `båda`, optionally followed by `andra`/`senaste`/`kommande`/`första`/`sista` (`de tre myndigheterna`, `de
 *   senaste tio åren`); and `en`/`ett`, which are also the indefinite article.
 * Lines that escape these rules but hold no statistic are listed, each with its reason, in
 * coverage-reviewed-lines.ts.
 */
export interface NonStatisticRule {
  name: string;
  pattern: RegExp;
}

const MONTH = '(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)';
const YEAR = '(?:19[5-9]\\d|20[0-3]\\d)';
const NUMBERED_PART =
  '(?:kategori|version|uppdrag|del|stycket|tabell|tabellerna|tabellen|figur|figurerna|figuren|diagram|diagrammen|diagrammet|not|noter|noterna|bilaga|bilagan|bilagorna|bilagor|kapitel|kapitlen|kapitlet|avsnitt|avsnitten|avsnittet|sidan|sidorna|sid\\.|s\\.|fotnot|fotnoterna|ruta|rutan|punkt|punkterna)';

export const NON_STATISTIC_RULES: readonly NonStatisticRule[] = [
  { name: 'footnote marker in markup', pattern: /<sup>[^<]*<\/sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu },
  { name: 'markup', pattern: /<\/?[a-z][a-z0-9]*>/giu },
  { name: 'table-of-contents page', pattern: /(?:\.{3,}|…+)\s*\d{1,3}\s*$/gu },
  { name: 'ISO date', pattern: /\d{4}-\d{2}-\d{2}/gu },
  { name: 'date', pattern: new RegExp(`\\d{1,2}(?::e)?\\s+${MONTH}(?:\\s+${YEAR})?|${MONTH}(?:\\s*[–-]\\s*${MONTH})?\\s+${YEAR}`, 'giu') },
  {
    name: 'legal reference',
    pattern:
      /\d{4,5}(?:\/\d{2,4})?:\s?[\p{L}]*\d+(?::\d+)?|\d+\s*kap\.?(?:\s*\d+\s*[a-z]?(?:\s*§+|$))?|\b\d+\s*p\.(?=\s)|\d+\s*[a-z]?\s*§+|§+\s*\d+|\bartikel(?:n|arna)?\s+\d+(?:\.\d+)*(?:\s*(?:,|och|–)\s*\d+)*/giu,
  },
  { name: 'government decision', pattern: /\b[IVX]+\s?:\s?\d+\b|\bregeringsbeslut\s+[IVX]+\s+\d+\b/gu },
  { name: 'running page header or footer', pattern: /^[\p{Lu}\s]+\d{4}\s+\d{1,3}$/gu },
  {
    name: 'EU act or court case',
    pattern:
      /\(?(?:EU|EG|EEG|EU\/EG)\)?\s*(?:nr\s*)?\d+\/\d+(?:\/[A-Z]+)?|\d{2,4}\/\d+\/(?:EU|EG|EEG)|(?<![\d\/])\d{1,4}\/(?:19|20)\d{2}(?![\d\/])|\b[A-Z]-?\d+\/\d{2,4}\b|\b[\p{Lu}]{2,}\s+\d{4}\/\d+|\b[\p{Lu}]{2,}\s+\d+-\d+\b|\bCOM\s*\(\d{4}\)\s*\d+/gu,
  },
  {
    name: 'diary or series number',
    pattern:
      /\b(?:dnr|diarienummer|dnr\.)[.:]?\s*[\p{L}\d.\/-]*\d[\p{L}\d.\/-]*|\b[A-Z][A-Za-z]{0,3}\d{4}\/\d+(?:\/[\p{L}\d]+)*|\b\d+(?:\.\d+)+-\d{4}-\d+|\b[A-Z][A-Za-z]*\/\d+\/\d{4}|(?<![\d\/])\d{4}\/\d+[-–]\d+|\bUM\s?\d+-\d+|\bIS[BS]N[\s\d-]+[\dX]/giu,
  },
  {
    name: 'appropriation code',
    pattern: /\d+:\d+(?::\d+)?|\bap\.?\s*\d+|\bUO\s?\d+|\butgiftsområde(?:t|na)?\s+\d+(?:\s*(?:,|och)\s*\d+)*|\banslagspost(?:en)?\s+\d+/giu,
  },
  { name: 'section number', pattern: /(?<![\d.,])\d+\.\d+\.\d+(?:\.\d+)*/gu },
  {
    name: 'reference to a numbered part',
    pattern: new RegExp(`(?<![\\p{L}])${NUMBERED_PART}\\s*\\d+(?:\\.\\d+)*[a-z]?(?:\\s*(?:,|och|–|-|samt)\\s*\\d+(?:\\.\\d+)*[a-z]?)*`, 'giu'),
  },
  { name: 'year with a glued footnote marker', pattern: new RegExp(`(?<![\\d,])${YEAR}\\d{1,2}(?=[\\s.,;:)]|$)`, 'gu') },
  {
    name: 'year range or fiscal year',
    pattern: new RegExp(`(?<![\\d,])${YEAR}\\s*(?:[–-]|\\/)\\s*(?:${YEAR}|\\d{2})(?:\\d{1,2}(?=[\\s.,;:)]|$))?(?![\\d])`, 'gu'),
  },
  { name: 'year', pattern: new RegExp(`(?<![\\d,])${YEAR}(?!\\d|,\\d)`, 'gu') },
  { name: 'name with a number', pattern: /[\p{L}]+-\d+\b|(?<=\p{L})\d+(?=\p{L})/gu },
  { name: 'points of a response scale', pattern: /^\s*1 2 3 4 5(?: 6 7)?\s*\??\s*$/gu },
  {
    name: 'class label of a table row',
    pattern:
      /^(?:[\p{L}]+\s){0,3}(?:>\s*\d+(?:\s*[–-]\s*\d+)?|\d+\s*[–-]\s*\d+)\s*(?:år|procent)|^(?:[\p{L}]+\s){0,3}(?:yngre|äldre) än \d+ år|^(?:[\p{L}]+\s){0,3}\d+ år och (?:äldre|yngre)/gu,
  },
  { name: 'clock time', pattern: /\bkl\.?\s*\d{1,2}[.:]\d{2}/giu },
  { name: 'ordinal in digits', pattern: /\b\d+:(?:e|a)\b/gu },
  { name: 'footnote marker glued to a word', pattern: /(?<=[\p{L}.)”"’])\d{1,3}(?=[\s.,;:)\p{Lu}]|$)/gu },
  {
    name: 'heading, list or footnote number opening the line',
    pattern: /^[\s#*•–-]*(?:\d+(?:\.\d+)+\.?|\d+\.|\(?\d{1,2}\)|\d{1,3}(?=\s+[\p{Lu}(\u241F]|\s+https?:))(?=[\s*]|$)/gu,
  },
];

const BLANK = ' \u241F ';
/** In a row of a financial statement: the number of one or two digits in the Not column, after the label or last. */
const NOTE_REFERENCE_FIRST = /^([^\d]*\p{L}[^\d]*?\s)\d{1,2}(?=\s|$)/u;
const NOTE_REFERENCE_LAST = /(?<=\s)\d{1,2}$/u;
/** In a row of a table with an Inkomsttitel column: the four-digit income title code after the label. */
const INCOME_TITLE_CODE = /^([^\d]*\p{L}[^\d]*?\s)\d{4}(?=\s|$)/u;

/** A page number: a bare number of at most three digits alone on its line, after a blank line. */
function isPageNumber(text: string, previous: string | undefined): boolean {
  return /^\s*\d{1,3}\s*$/.test(text) && (previous === undefined || previous.trim() === '');
}

/** Squeezes white space as the provenance check does, so that quotes and printed numbers match the line. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The line with every number that is not a statistic blanked out (see the rules above). */
export function withoutNonStatistics(text: string, previous?: string, options: { noteColumn?: 'first' | 'last'; codeColumn?: boolean } = {}): string {
  if (isPageNumber(text, previous)) return '';
  let rest = squeeze(text);
  if (options.noteColumn === 'first') rest = rest.replace(NOTE_REFERENCE_FIRST, `$1${BLANK}`);
  if (options.noteColumn === 'last') rest = rest.replace(NOTE_REFERENCE_LAST, BLANK);
  if (options.codeColumn) rest = rest.replace(INCOME_TITLE_CODE, `$1${BLANK}`);
  if (!/\d/.test(rest)) return rest; // every rule blanks a number in digits
  // Blanked spans become a mark, so that a later rule can see that a non-statistic stood there (a footnote's
  // number before its legal reference); the mark holds no figure.
  for (const rule of NON_STATISTIC_RULES) rest = rest.replace(rule.pattern, BLANK);
  return rest;
}

const NUMERAL = /[-−–]?\d+\.\d{1,2}(?![\d.])|[-−–]?\d+(?:[  ]\d{3})*(?:,\d+)?/gu;
const WORD = /(?<![\p{L}\d])(\p{L}+)(?![\p{L}\d])/gu;
/** Every number word of two or more holds one of these stems: a cheap test before the word-by-word one. */
const NUMBER_WORD_STEM = /två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|ton|tjugo|hundra|tusen/iu;
const DETERMINER = /(?:^|\s)(?:de|dessa|samtliga|alla|båda)(?:\s+(?:andra|senaste|kommande|närmaste|första|sista))?\s+$/iu;

/** The figures a (cleaned) text still holds: numerals and number words of two or more. */
export function figuresIn(text: string): string[] {
  const figures = [...text.matchAll(NUMERAL)].map((m) => m[0].trim());
  if (!NUMBER_WORD_STEM.test(text)) return figures;
  for (const m of text.matchAll(WORD)) {
    const value = parseSwedishNumberWord(m[1] as string);
    if (value === null || value < 2) continue;
    if (DETERMINER.test(text.slice(0, m.index))) continue;
    if (/\d\s+$/u.test(text.slice(0, m.index))) continue; // `500 tusen`: a multiplier of the numeral before it
    figures.push(m[1] as string);
  }
  return figures;
}

/**
 * Blanks out of the line one occurrence of each loaded printed number (longest first), where it stands as a whole
 * number or word: not inside a longer number or word.
 */
export function withoutLoaded(text: string, printedNumbers: readonly string[]): string {
  let rest = squeeze(text);
  const sorted = [...printedNumbers].map(squeeze).sort((a, b) => b.length - a.length);
  for (const printed of sorted) {
    const haystack = rest.toLowerCase();
    const needle = printed.toLowerCase();
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      const before = rest.slice(Math.max(0, at - 2), at);
      const after = rest.slice(at + printed.length, at + printed.length + 2);
      if (/[\p{L}\d]$|\d[,:./]$/u.test(before) || /^[\p{L}\d]|^[,:./]\d/u.test(after)) continue;
      // A loaded number owns the multiplier word after it (`2 167 tusen kronor`).
      const multiplier = /^\s+(?:tusen|hundra)(?![\p{L}])/iu.exec(rest.slice(at + printed.length))?.[0].length ?? 0;
      rest = `${rest.slice(0, at)} ${rest.slice(at + printed.length + multiplier)}`;
      break;
    }
  }
  return rest;
}
