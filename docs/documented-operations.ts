/**
 * Every GraphQL operation the documentation shows: the ```graphql blocks of README.md and docs/*.md, and the
 * playground's example tabs. test/documented-examples.test.ts runs each against a real server, and `npm run codegen`
 * generates their TypeScript types, so an example that stops working fails a test instead of a reader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_QUERIES } from '../server/playground/example-queries.js';
import { projectRoot } from '../warehouse/project-root.js';

export interface DocumentedOperation {
  /** Where it is written: "README.md:123" (line of the opening fence) or "playground: <tab title>". */
  origin: string;
  query: string;
  /** Needs an analyst key (it asks for case-level rows or the load history). */
  analyst: boolean;
}

const FENCE = /^```graphql[^\n]*\n([\s\S]*?)^```/gm;

/** The ```graphql blocks of one Markdown file, each with the line it starts on. */
export function graphqlBlocks(markdown: string, file: string): DocumentedOperation[] {
  const blocks: DocumentedOperation[] = [];
  for (const match of markdown.matchAll(FENCE)) {
    const line = markdown.slice(0, match.index).split('\n').length;
    const query = (match[1] ?? '').trim();
    blocks.push({ origin: `${file}:${line}`, query, analyst: /\b(?:cases|deliveries)\s*\(/.test(query) });
  }
  return blocks;
}

export function documentedOperations(root = projectRoot()): DocumentedOperation[] {
  const files = [
    'README.md',
    ...readdirSync(path.join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ];
  const fromMarkdown = files.flatMap((file) => graphqlBlocks(readFileSync(path.join(root, file), 'utf8'), file));
  const fromPlayground = EXAMPLE_QUERIES.map((e) => ({ origin: `playground: ${e.title}`, query: e.query, analyst: e.role === 'analyst' }));
  return [...fromMarkdown, ...fromPlayground];
}
