import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** SHA-256 hex of a document's exact text: the key of a persisted-documents manifest and of Apollo's persisted queries. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A persisted-documents manifest, `{sha256 hex of the query text: query text}`, as `npm run codegen` writes it
 * (generated/graphql/persisted-documents.json); every key is checked against its text.
 */
export function readManifest(file: string): Map<string, string> {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object') throw new Error(`${file} must hold a JSON object {sha256: query}`);
  const documents = new Map<string, string>();
  for (const [hash, query] of Object.entries(parsed)) {
    if (typeof query !== 'string' || sha256(query) !== hash) throw new Error(`${file}: entry ${hash} is not the sha256 of its query`);
    documents.set(hash, query);
  }
  return documents;
}
