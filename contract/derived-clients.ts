import { documentedOperations } from '../docs/documented-operations.js';
import type { Role } from '../resolvers/roles.js';
import { projectRoot } from '../warehouse/project-root.js';
import { sha256 } from './persisted-manifest.js';

/** The manifest's file name in each derived client's folder, as codegen names its own. */
export const DERIVED_MANIFEST = 'persisted-documents.json';

/** A registered client written from sources of this repository rather than by hand. */
export interface DerivedClient {
  name: string;
  role: Role;
  /** Its manifest in the persisted-documents format: {sha256 of the query text: query text}. */
  manifest: Record<string, string>;
}

/**
 * The two clients this repository is itself: the playground's tabs (server/playground/example-queries.ts) and the
 * README's operations, as docs/documented-operations.ts collects them. `npm run clients:write` writes them into
 * clients/; a test fails when they drift, so a schema change that breaks an example breaks a registered client.
 */
export function derivedClients(root = projectRoot()): DerivedClient[] {
  const operations = documentedOperations(root);
  const client = (name: string, origin: (o: string) => boolean): DerivedClient => {
    const chosen = operations.filter((o) => origin(o.origin));
    return {
      name,
      // The role its key needs: analyst when one of its operations reads case-level rows.
      role: chosen.some((o) => o.analyst) ? 'analyst' : 'public',
      manifest: Object.fromEntries(chosen.map((o) => [sha256(o.query), o.query])),
    };
  };
  return [client('playground', (o) => o.startsWith('playground: ')), client('readme', (o) => o.startsWith('README.md:'))];
}
