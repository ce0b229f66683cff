import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RequestHandler } from 'express';
import { ErrorCode } from '../resolvers/api-errors.js';

/**
 * Trusted documents: a manifest {sha256 hex of the query text: query text} of the operations embedded apps may run.
 * With it on (TRUSTED_DOCUMENTS=path), a request runs only if its document's hash is in the manifest; apps may send
 * the hash alone (Apollo's persisted-query protocol), and no client can register new documents.
 */
export interface TrustedDocuments {
  /** Refuses, before GraphQL, any request whose document is not in the manifest. */
  guard: RequestHandler;
  /** Answers persisted-query look-ups from the manifest; refuses to store anything else. */
  cache: KeyValueCache<string>;
  /** Whether a document (its exact text) is in the manifest. */
  trusts(query: string): boolean;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function loadTrustedDocuments(file: string): TrustedDocuments {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object') throw new Error(`${file} must hold a JSON object {sha256: query}`);
  const documents = new Map<string, string>();
  for (const [hash, query] of Object.entries(parsed)) {
    if (typeof query !== 'string' || sha256(query) !== hash) throw new Error(`${file}: entry ${hash} is not the sha256 of its query`);
    documents.set(hash, query);
  }
  const cache: KeyValueCache<string> = {
    // Apollo prefixes persisted-query keys with "apq:".
    get: async (key) => documents.get(key.replace(/^apq:/, '')),
    set: async () => undefined,
    delete: async () => undefined,
  };
  const guard: RequestHandler = (req, res, next) => {
    const body: unknown = req.method === 'GET' ? req.query : req.body;
    const payload = body && typeof body === 'object' ? (body as { query?: unknown; extensions?: unknown }) : {};
    let extensions = payload.extensions;
    if (typeof extensions === 'string') {
      try {
        extensions = JSON.parse(extensions);
      } catch {
        extensions = undefined;
      }
    }
    const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
    const known = typeof payload.query === 'string' ? documents.has(sha256(payload.query)) : typeof hash === 'string' && documents.has(hash);
    if (known) return next();
    res.status(403).json({
      errors: [
        { message: 'This server only runs trusted (registered) documents; this one is not registered', extensions: { code: ErrorCode.FORBIDDEN } },
      ],
    });
  };
  return { guard, cache, trusts: (query) => documents.has(sha256(query)) };
}
