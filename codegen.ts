/**
 * `npm run codegen`: TypeScript types for every documented operation (README.md, docs/*.md, the playground tabs),
 * from the checked-in schema.graphql, with GraphQL Code Generator's client preset, into generated/graphql/. The
 * output also holds persisted-documents.json, a manifest in the server's TRUSTED_DOCUMENTS format: {sha256 hex of
 * the query text: query text}, the same hash each generated document carries in `__meta__.hash`.
 */
import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { documentedOperations } from './docs/documented-operations.js';

export function codegenConfig(output = 'generated/graphql/'): CodegenConfig {
  return {
    schema: 'schema.graphql',
    documents: documentedOperations().map((o) => o.query),
    ignoreNoDocuments: false,
    generates: {
      [output]: {
        preset: 'client',
        config: {
          // The API's Date scalar is an ISO date string (YYYY-MM-DD) on the wire.
          scalars: { Date: 'string' },
          enumsAsTypes: true,
          useTypeImports: true,
        },
        presetConfig: {
          fragmentMasking: false,
          // Bare hex, as server/trusted-documents.ts keys its manifest (the preset's own 'sha256' adds a "sha256:" prefix).
          persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: (text: string) => createHash('sha256').update(text).digest('hex') },
        },
      },
    },
  };
}

export default codegenConfig();
