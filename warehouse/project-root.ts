import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository folder (where package.json is), whether this code runs from TypeScript sources or from the compiled
 * copy in dist/: data files such as the curated figures are read from there, not copied into dist.
 */
export function projectRoot(from = import.meta.dirname): string {
  let directory = from;
  while (!existsSync(path.join(directory, 'package.json')) || path.basename(directory) === 'dist') {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${from}`);
    directory = parent;
  }
  return directory;
}
