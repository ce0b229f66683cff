/**
 * `npm run figures:coverage [-- --summary]`: lists every line of the five source documents that holds a figure no
 * curated row loads (with the figures missing), then the covered share of figure-bearing lines per document.
 *
 * A figure is a number that reports a quantity — in digits or as a Swedish number word of two or more — and a
 * line is covered when every figure on it is the `printed` number of a curated row citing that line. Numbers that
 * name or locate rather than measure are not figures: footnote markers, heading/section/list/page numbers,
 * references to tables, notes and sections, dates and years used as dates, legal references (SFS 2016:752,
 * 8 kap. 4 §), EU acts, diary/ISBN numbers, appropriation codes, clock times, names with a number, and number words
 * after a determiner (de tre myndigheterna). The rules are in figure-lines.ts; lines reviewed by hand as holding no
 * statistic, each with its reason, in coverage-reviewed-lines.ts.
 */
import { publishedCoverage } from './figure-coverage-report.js';

const summaryOnly = process.argv.includes('--summary');
const coverage = await publishedCoverage();
if (!summaryOnly) {
  for (const doc of coverage) {
    for (const u of doc.uncovered) console.log(`${doc.document}:${u.line}: missing ${u.missing.join(' | ')} :: ${u.text.slice(0, 160)}`);
  }
}
for (const doc of coverage) {
  const percent = (doc.share * 100).toFixed(1);
  console.log(
    `${doc.document}: ${doc.coveredLines} of ${doc.figureLines} figure-bearing lines covered (${percent} %), ${doc.uncovered.length} uncovered`,
  );
}
