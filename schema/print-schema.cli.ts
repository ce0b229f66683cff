/** Writes the API's SDL to schema.graphql (`npm run schema:print`); a test fails when the two differ. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printApiSchema } from './build-schema.js';

const target = path.resolve(import.meta.dirname, '..', 'schema.graphql');
await writeFile(target, await printApiSchema());
console.log(`wrote ${target}`);
