import { DOCUMENTS } from '../reference/documents.js';
import { listFigureFiles } from './figure-files.js';
import { documentCoverage, type DocumentCoverage } from './figure-coverage.js';
import { SourceDocuments } from './provenance.js';
import { readFigureFile } from './read-figure-file.js';

/** The coverage of every source document by the curated figure files (valid rows only). */
export async function publishedCoverage(sources = new SourceDocuments()): Promise<DocumentCoverage[]> {
  const rows: { document: string; line: number; printed: string }[] = [];
  for (const file of await listFigureFiles()) rows.push(...(await readFigureFile(file)).rows);
  const result: DocumentCoverage[] = [];
  for (const { document } of DOCUMENTS) {
    result.push(
      documentCoverage(
        document,
        await sources.lines(document),
        rows.filter((r) => r.document === document),
      ),
    );
  }
  return result;
}
