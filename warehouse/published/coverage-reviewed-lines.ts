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
}

const RETURN_REVIEW = '002_e3639b9bf54e2bb0.txt';

export const REVIEWED_LINES: readonly ReviewedLines[] = [
  { document: RETURN_REVIEW, from: 18, to: 36, reason: 'colophon: postal address, telephone and diary numbers' },
  { document: RETURN_REVIEW, from: 73, to: 197, reason: 'table of contents: section numbers and page numbers' },
];

/** Whether a line of a document is reviewed as holding no statistic. */
export function isReviewedLine(document: string, line: number): boolean {
  return REVIEWED_LINES.some((r) => r.document === document && line >= r.from && line <= r.to);
}
