import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isRole, type Role } from '../resolvers/roles.js';
import { projectRoot } from '../warehouse/project-root.js';
import { readManifest, sha256 } from './persisted-manifest.js';

/** One registered document of an app: the exact text it sends (or whose hash it sends), and the file it came from. */
export interface RegisteredDocument {
  hash: string;
  query: string;
  file: string;
}

/** An internal app, registered as clients/<name>/: the role its key has, and the operations it sends. */
export interface RegisteredClient {
  name: string;
  role: Role;
  documents: RegisteredDocument[];
}

/** The file in an app's folder that names its role: `{"role": "analyst"}` (public when absent). */
export const CLIENT_FILE = 'client.json';

export const clientsDirectory = (root = projectRoot()) => path.join(root, 'clients');

/**
 * The registry: one folder per app, named as the app sends `apollographql-client-name`, holding `.graphql` files
 * (each file's exact text is one document) and manifests in the persisted-documents format (`*.json`), and
 * optionally client.json with the app's role.
 */
export function readClientRegistry(directory = clientsDirectory()): RegisteredClient[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => statSync(path.join(directory, name)).isDirectory())
    .sort()
    .map((name) => readClient(path.join(directory, name), name));
}

function readClient(folder: string, name: string): RegisteredClient {
  let role: Role = 'public';
  const documents: RegisteredDocument[] = [];
  for (const file of readdirSync(folder).sort()) {
    const full = path.join(folder, file);
    if (file === CLIENT_FILE) {
      const declared: unknown = (JSON.parse(readFileSync(full, 'utf8')) as { role?: unknown }).role;
      if (typeof declared !== 'string' || !isRole(declared)) throw new Error(`${full}: "role" must be public, analyst or admin`);
      role = declared;
    } else if (file.endsWith('.json')) {
      for (const [hash, query] of readManifest(full)) documents.push({ hash, query, file: full });
    } else if (file.endsWith('.graphql')) {
      const query = readFileSync(full, 'utf8');
      documents.push({ hash: sha256(query), query, file: full });
    }
  }
  return { name, role, documents };
}
