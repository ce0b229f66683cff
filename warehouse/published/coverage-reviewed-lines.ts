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
   * The lines are rows of a financial statement with a Not column: the first number after the row's label, when it
   * has one or two digits, is a note reference, not a statistic. The other lines of the range are not excluded.
   */
  noteColumn?: boolean;
}

const ANNUAL_REPORT = '000_c6bd8d7f0150f31e.txt';
const RETURN_REVIEW = '002_e3639b9bf54e2bb0.txt';

export const REVIEWED_LINES: readonly ReviewedLines[] = [
  { document: ANNUAL_REPORT, from: 5404, to: 5510, reason: 'income statement and balance sheet: Not column', noteColumn: true },
  { document: RETURN_REVIEW, from: 18, to: 36, reason: 'colophon: postal address, telephone and diary numbers' },
  { document: RETURN_REVIEW, from: 73, to: 197, reason: 'table of contents: section numbers and page numbers' },
];

const covering = (document: string, line: number) => (r: ReviewedLines) => r.document === document && line >= r.from && line <= r.to;

/** Whether a line of a document is reviewed as holding no statistic. */
export function isReviewedLine(document: string, line: number): boolean {
  return REVIEWED_LINES.some((r) => !r.noteColumn && covering(document, line)(r));
}

/** Whether a line of a document is a row of a financial statement with a Not column. */
export function hasNoteColumn(document: string, line: number): boolean {
  return REVIEWED_LINES.some((r) => r.noteColumn === true && covering(document, line)(r));
}
