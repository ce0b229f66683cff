import { readChangelog } from './changelog.js';

let cached: string | undefined;

/**
 * The version of the API this code serves: the newest section of CHANGELOG.md, the one place it is written.
 * `/health` and the `apiVersion` query field report it; `npm run schema:check` holds the schema to it.
 */
export function apiVersion(): string {
  if (cached === undefined) {
    const newest = readChangelog()[0];
    if (!newest) throw new Error('CHANGELOG.md has no "## x.y.z" section');
    cached = newest.version.text;
  }
  return cached;
}
