import { hasCodeColumn, isReviewedLine, noteColumnOf } from './coverage-reviewed-lines.js';
import { figuresIn, withoutLoaded, withoutNonStatistics } from './figure-lines.js';

/** A line of a source document that holds a figure, with the figures on it that no curated row loads. */
export interface FigureLine {
  line: number;
  text: string;
  figures: string[];
  missing: string[];
}

export interface DocumentCoverage {
  document: string;
  /** Lines that hold at least one figure (see figure-lines.ts), reviewed lines left out. */
  figureLines: number;
  /** Of those, the lines every figure of which a curated row loads. */
  coveredLines: number;
  share: number;
  uncovered: FigureLine[];
}

/**
 * How much of a document the curated figures cover, line by line: a line is covered when every figure on it is the
 * `printed` number of a curated row citing that line (one row covers one occurrence).
 */
export function documentCoverage(document: string, lines: readonly string[], loaded: readonly { line: number; printed: string }[]): DocumentCoverage {
  const printedByLine = new Map<number, string[]>();
  for (const row of loaded) printedByLine.set(row.line, [...(printedByLine.get(row.line) ?? []), row.printed]);
  let figureLines = 0;
  const uncovered: FigureLine[] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    if (isReviewedLine(document, line)) return;
    const previous = lines[index - 1];
    const printed = printedByLine.get(line) ?? [];
    const options = { noteColumn: noteColumnOf(document, line), codeColumn: hasCodeColumn(document, line) };
    const figures = figuresIn(withoutNonStatistics(text, previous, options));
    if (figures.length === 0 && printed.length === 0) return;
    figureLines += 1;
    const missing = figuresIn(withoutNonStatistics(withoutLoaded(text, printed), previous, options));
    if (missing.length > 0) uncovered.push({ line, text: text.trim(), figures, missing });
  });
  const coveredLines = figureLines - uncovered.length;
  return { document, figureLines, coveredLines, share: figureLines === 0 ? 1 : coveredLines / figureLines, uncovered };
}
