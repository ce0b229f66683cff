import { createHash } from 'node:crypto';
import { stripIgnoredCharacters } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Operation texts already normalised (dashboards send the same few texts again and again). */
const normalised = new LRUCache<string, string>({ max: 1_000 });

/**
 * The operation without what does not change its meaning (whitespace, comments, commas); null when it does not even
 * lex, so that GraphQL answers it with its own error.
 */
export function normaliseOperation(query: string): string | null {
  const known = normalised.get(query);
  if (known !== undefined) return known;
  try {
    const text = stripIgnoredCharacters(query);
    normalised.set(query, text);
    return text;
  } catch {
    return null;
  }
}

/** JSON with object keys in sorted order: the same variables give the same text, whatever order they came in. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** One fixed-length key of the parts that decide an answer; the role is always one of them. */
export function cacheKey(kind: string, role: string, ...parts: string[]): string {
  const hash = createHash('sha256');
  hash.update(kind).update('\0').update(role);
  for (const part of parts) hash.update('\0').update(part);
  return hash.digest('base64url');
}
