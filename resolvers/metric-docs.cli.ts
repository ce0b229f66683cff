/** Writes docs/metrics.md from the metric catalogue (`npm run docs:metrics`). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../warehouse/project-root.js';
import { metricDocs } from './metric-docs.js';

const target = path.join(projectRoot(), 'docs', 'metrics.md');
await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, metricDocs());
console.log(`wrote ${target}`);
