import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../resolvers/api-errors.js';

/**
 * Trusted documents: a manifest {sha256 hex of the query text: query text} of the operations embedded apps may run.
 * With it on (TRUSTED_DOCUMENTS=path), a request runs only if its document's hash is in the manifest; apps may send
 * the hash alone (Apollo's persisted-query protocol), and no client can register new documents.
 */
export interface TrustedDocuments {
  plugin: ApolloServerPlugin;
  /** Answers persisted-query look-ups from the manifest; refuses to store anything else. */
  cache: KeyValueCache<string>;
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
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveSource({ source }) {
          if (!documents.has(sha256(source))) {
            throw new GraphQLError('This server only runs trusted (registered) documents; this one is not registered', {
              extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
            });
          }
        },
      };
    },
  };
  return { plugin, cache };
}
