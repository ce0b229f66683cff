import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../schema/build-schema.js';

describe('schema.graphql', () => {
  it('is the SDL the code builds (run `npm run schema:print` after changing the schema)', async () => {
    const checkedIn = await readFile(path.resolve(import.meta.dirname, '..', 'schema.graphql'), 'utf8');
    expect(await printApiSchema()).toBe(checkedIn);
  });
});
