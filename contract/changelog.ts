import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../warehouse/project-root.js';
import { parseVersion, type SemanticVersion } from './semantic-version.js';

/** One `## x.y.z` section of CHANGELOG.md: its version and the text under the heading. */
export interface ChangelogSection {
  version: SemanticVersion;
  body: string;
}

const HEADING = /^## \[?(\d+\.\d+\.\d+)\]?.*$/gm;

/** The version sections of a changelog, newest (first written) first. */
export function parseChangelog(markdown: string): ChangelogSection[] {
  const headings = [...markdown.matchAll(HEADING)];
  return headings.flatMap((heading, i) => {
    const version = parseVersion(heading[1] ?? '');
    if (!version) return [];
    const start = (heading.index ?? 0) + heading[0].length;
    const end = headings[i + 1]?.index ?? markdown.length;
    return [{ version, body: markdown.slice(start, end) }];
  });
}

export function readChangelog(root = projectRoot()): ChangelogSection[] {
  return parseChangelog(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'));
}
