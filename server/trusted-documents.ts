import { statSync } from 'node:fs';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { parse as parseQueryString } from 'node:querystring';
import { readClientRegistry } from '../contract/client-registry.js';
import { readManifest, sha256 } from '../contract/persisted-manifest.js';
import { ErrorCode } from '../resolvers/api-errors.js';
import { sendJson, type Step } from './graphql-http-handler.js';

export { sha256 };

/**
 * Trusted documents: a manifest {sha256 hex of the query text: query text} of the operations embedded apps may run,
 * or a registry folder of apps (clients/: one folder per app of manifests and .graphql files). With it on
 * (TRUSTED_DOCUMENTS=path), a request runs only if its document's hash is registered; apps may send the hash alone
 * (Apollo's persisted-query protocol), and no client can register new documents.
 */
export interface TrustedDocuments {
  /** Refuses, before GraphQL, any request whose document is not in the manifest. */
  guard: Step;
  /** Answers persisted-query look-ups from the manifest; refuses to store anything else. */
  cache: KeyValueCache<string>;
  /** Whether a document (its exact text) is in the manifest. */
  trusts(query: string): boolean;
}

/** The registered documents of a manifest file or of a registry folder (every app's together). */
function readTrusted(file: string): Map<string, string> {
  if (!statSync(file).isDirectory()) return readManifest(file);
  return new Map(readClientRegistry(file).flatMap((client) => client.documents.map((d) => [d.hash, d.query] as const)));
}

export function loadTrustedDocuments(file: string): TrustedDocuments {
  const documents = readTrusted(file);
  const cache: KeyValueCache<string> = {
    // Apollo prefixes persisted-query keys with "apq:".
    get: async (key) => documents.get(key.replace(/^apq:/, '')),
    set: async () => undefined,
    delete: async () => undefined,
  };
  const guard: Step = (req, res, next) => {
    // A GET's operation is in its query string (parsed as express's "simple" query parser parses it).
    const url = req.url ?? '';
    const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
    const body: unknown = req.method === 'GET' ? parseQueryString(search) : req.body;
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
    sendJson(res, 403, {
      errors: [
        { message: 'This server only runs trusted (registered) documents; this one is not registered', extensions: { code: ErrorCode.FORBIDDEN } },
      ],
    });
  };
  return { guard, cache, trusts: (query) => documents.has(sha256(query)) };
}
