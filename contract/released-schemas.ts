import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../warehouse/project-root.js';
import { compareVersions, parseVersion, type SemanticVersion } from './semantic-version.js';

/** The SDL files of each schema audience, as `npm run schema:print` writes them and releases/<version>/ keeps them. */
export const SDL_FILES = { full: 'schema.graphql', public: 'schema.public.graphql' } as const;
export type Audience = keyof typeof SDL_FILES;

/** The schemas as one version was released: releases/<version>/schema.graphql and schema.public.graphql. */
export interface ReleasedSchemas {
  version: SemanticVersion;
  sdl: Record<Audience, string>;
}

export const releasesDirectory = (root = projectRoot()) => path.join(root, 'releases');

/** Every released version's SDL, oldest first. */
export function readReleasedSchemas(directory = releasesDirectory()): ReleasedSchemas[] {
  if (!existsSync(directory)) return [];
  const releases: ReleasedSchemas[] = [];
  for (const name of readdirSync(directory)) {
    const version = parseVersion(name);
    if (!version) continue;
    const read = (file: string) => readFileSync(path.join(directory, name, file), 'utf8');
    releases.push({ version, sdl: { full: read(SDL_FILES.full), public: read(SDL_FILES.public) } });
  }
  return releases.sort((a, b) => compareVersions(a.version, b.version));
}
