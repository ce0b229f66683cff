import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricDocs } from '../resolvers/metric-docs.js';

describe('docs/metrics.md', () => {
  it('is what the catalogue generates (run `npm run docs:metrics` after changing a metric)', async () => {
    const checkedIn = await readFile(path.resolve(import.meta.dirname, '..', 'docs', 'metrics.md'), 'utf8');
    expect(metricDocs()).toBe(checkedIn);
  });
});
