import { readConfig } from '../../config/settings.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../project-root.js';
import type { FigureRow } from './figure-row.js';

/** Where the source documents live: `../shared/seeds` beside the repository unless SEEDS_DIR says otherwise. */
export function seedsDirectory(): string {
  return readConfig(process.env).seedsDirectory ?? path.resolve(projectRoot(), '..', 'shared', 'seeds');
}

/** Squeezes runs of white space, since PDF extraction varies them and curators copy them by hand. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A cache of source documents split into lines, so a check over thousands of figures reads each once. */
export class SourceDocuments {
  private readonly cache = new Map<string, Promise<string[]>>();
  constructor(private readonly directory = seedsDirectory()) {}

  lines(document: string): Promise<string[]> {
    let lines = this.cache.get(document);
    if (!lines) {
      lines = readFile(path.join(this.directory, document), 'utf8').then((text) => text.split('\n'));
      this.cache.set(document, lines);
    }
    return lines;
  }

  /** Null when the quote stands on the cited line and holds the printed number; else what is wrong. */
  async check(row: FigureRow): Promise<string | null> {
    const lines = await this.lines(row.document);
    const sourceLine = lines[row.line - 1];
    if (sourceLine === undefined) return `line ${row.line} is past the end of ${row.document} (${lines.length} lines)`;
    if (!squeeze(sourceLine).includes(squeeze(row.quote))) {
      return `quote "${row.quote}" does not stand on ${row.document}:${row.line}, which reads "${sourceLine.trim()}"`;
    }
    if (!squeeze(row.quote).includes(squeeze(row.printed))) return `printed "${row.printed}" is not in the quote`;
    return null;
  }
}
