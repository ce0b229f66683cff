/**
 * Checks curated figure files: `npx tsx warehouse/published/check.cli.ts [files…]` (default: all of them).
 * Validates every row and checks its quote against the source document; exits 1 on any problem.
 */
import { SourceDocuments } from './provenance.js';
import { readFigureFile } from './read-figure-file.js';
import { listFigureFiles } from './figure-files.js';

const files = process.argv.length > 2 ? process.argv.slice(2) : await listFigureFiles();
const sources = new SourceDocuments();
let problems = 0;
let figures = 0;
const perDocument = new Map<string, number>();
for (const file of files) {
  const { rows, errors } = await readFigureFile(file);
  for (const e of errors) console.log(`${e.file}:${e.line}: ${e.message}`);
  problems += errors.length;
  for (const row of rows) {
    const problem = await sources.check(row);
    if (problem) {
      problems += 1;
      console.log(`${file}: ${row.document}:${row.line}: ${problem}`);
    }
  }
  figures += rows.length;
  for (const row of rows) perDocument.set(row.document, (perDocument.get(row.document) ?? 0) + 1);
  console.log(`${file}: ${rows.length} figures, ${errors.length} bad rows`);
}
for (const [document, count] of [...perDocument].sort()) console.log(`${document}: ${count} figures`);
console.log(`${figures} figures in ${files.length} files, ${problems} problems`);
process.exit(problems > 0 ? 1 : 0);
