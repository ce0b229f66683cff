/**
 * Lines that the figure rules of figure-lines.ts take for figure-bearing but that hold no statistic, each reviewed by
 * hand with its reason (a range `from`–`to` for a block such as a table of contents). Keep it short: a kind of number
 * that recurs belongs in a rule, not here.
 */
export interface ReviewedLines {
  document: string;
  from: number;
  to: number;
  reason: string;
  /**
   * The lines are rows of a financial statement with a Not column, after the row's label (`first`) or at its end
   * (`last`): the number of one or two digits standing there is a note reference, not a statistic. The other
   * numbers of these lines are not excluded.
   */
  noteColumn?: 'first' | 'last';
  /** The lines are rows of a table whose first number after the label is an income title code (inkomsttitel, `2511`). */
  codeColumn?: boolean;
}

const ANNUAL_REPORT = '000_c6bd8d7f0150f31e.txt';
const RETURN_REVIEW = '002_e3639b9bf54e2bb0.txt';

export const REVIEWED_LINES: readonly ReviewedLines[] = [
  { document: ANNUAL_REPORT, from: 1112, to: 1140, reason: 'Tabell 3.8: the Inkomsttitel column holds income title codes', codeColumn: true },
  { document: ANNUAL_REPORT, from: 5404, to: 5510, reason: 'income statement and balance sheet: Not column', noteColumn: 'first' },
  { document: ANNUAL_REPORT, from: 5557, to: 5680, reason: 'Redovisning mot anslag: Not column last', noteColumn: 'last' },
  { document: ANNUAL_REPORT, from: 5875, to: 5880, reason: 'cash flow statement: Not column', noteColumn: 'first' },
  ...[5691, 5694, 5697, 5700, 5703].map((line) => ({
    document: ANNUAL_REPORT,
    from: line,
    to: line,
    reason: 'income title code (inkomsttitel) labelling a row of Redovisning mot inkomsttitlar',
  })),
  { document: ANNUAL_REPORT, from: 2291, to: 2291, reason: '"anslag 1.2": the appropriation code 1:2 misprinted with a point' },
  { document: ANNUAL_REPORT, from: 6166, to: 6166, reason: '"Statens Servicecenter 2 (SSC2)": a project name' },
  { document: RETURN_REVIEW, from: 3317, to: 3317, reason: 'page range "08-27" of a citation continued from the line before' },
  { document: RETURN_REVIEW, from: 18, to: 36, reason: 'colophon: postal address, telephone and diary numbers' },
  { document: RETURN_REVIEW, from: 73, to: 197, reason: 'table of contents: section numbers and page numbers' },
];

const covering = (document: string, line: number) => (r: ReviewedLines) => r.document === document && line >= r.from && line <= r.to;

/** Whether a line of a document is reviewed as holding no statistic. */
export function isReviewedLine(document: string, line: number): boolean {
  return REVIEWED_LINES.some((r) => r.noteColumn === undefined && r.codeColumn === undefined && covering(document, line)(r));
}

/** Whether a line of a document is a row of a table with an income-title code column. */
export function hasCodeColumn(document: string, line: number): boolean {
  return REVIEWED_LINES.some((r) => r.codeColumn === true && covering(document, line)(r));
}

/** Where a line of a document, a row of a financial statement, has its Not column, if it has one. */
export function noteColumnOf(document: string, line: number): 'first' | 'last' | undefined {
  return REVIEWED_LINES.find((r) => r.noteColumn !== undefined && covering(document, line)(r))?.noteColumn;
}
