import { describe, expect, it } from 'vitest';
import { listFigureFiles } from '../warehouse/published/figure-files.js';
import { SourceDocuments } from '../warehouse/published/provenance.js';
import { readFigureFile } from '../warehouse/published/read-figure-file.js';

describe('provenance of every published figure', () => {
  it('each quote stands on its cited line of the source document and holds the printed number', async () => {
    const sources = new SourceDocuments();
    const problems: string[] = [];
    let figures = 0;
    for (const file of await listFigureFiles()) {
      const { rows, errors } = await readFigureFile(file);
      problems.push(...errors.map((e) => `${e.file}:${e.line}: ${e.message}`));
      for (const row of rows) {
        figures += 1;
        const problem = await sources.check(row);
        if (problem) problems.push(`${file}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(figures).toBeGreaterThan(5000);
  });
});
