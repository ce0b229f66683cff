/**
 * `npm run schema:release`: keeps the schemas as built under releases/<version>/, the version being CHANGELOG.md's
 * newest section. Run when a version is released; later schemas are checked against it (`npm run schema:check`).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printApiSchema } from '../server/build-schema.js';
import { apiVersion } from './api-version.js';
import { releasesDirectory, SDL_FILES } from './released-schemas.js';

const directory = path.join(releasesDirectory(), apiVersion());
if (existsSync(directory)) {
  console.error(`${directory} exists: a released schema is never rewritten; add a new version to CHANGELOG.md first`);
  process.exit(1);
}
await mkdir(directory, { recursive: true });
for (const audience of ['full', 'public'] as const) await writeFile(path.join(directory, SDL_FILES[audience]), await printApiSchema(audience));
console.log(`released ${apiVersion()}: ${directory}`);
