import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../project-root.js';

/** The folder of curated figure files: one sub-folder per source document. */
export const PUBLISHED_DIRECTORY = path.join(projectRoot(), 'warehouse', 'published');

/** Every curated CSV file, in a stable order so that loads are deterministic. */
export async function listFigureFiles(directory = PUBLISHED_DIRECTORY): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.csv'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
