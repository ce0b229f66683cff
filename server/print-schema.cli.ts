/** Writes the API's SDL to schema.graphql and schema.public.graphql (`npm run schema:print`); a test fails when they drift. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printApiSchema } from './build-schema.js';

for (const [audience, file] of [
  ['full', 'schema.graphql'],
  ['public', 'schema.public.graphql'],
] as const) {
  const target = path.resolve(import.meta.dirname, '..', file);
  await writeFile(target, await printApiSchema(audience));
  console.log(`wrote ${target}`);
}
