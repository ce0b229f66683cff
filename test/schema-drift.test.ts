import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../schema/build-schema.js';

describe('schema.graphql and schema.public.graphql', () => {
  it('are the SDL the code builds (run `npm run schema:print` after changing the schema)', async () => {
    const read = (file: string) => readFile(path.resolve(import.meta.dirname, '..', file), 'utf8');
    expect(await printApiSchema('full')).toBe(await read('schema.graphql'));
    expect(await printApiSchema('public')).toBe(await read('schema.public.graphql'));
  });

  it('leaves the case-level field and types out of the public schema', async () => {
    const publicSdl = await printApiSchema('public');
    for (const name of [/\bcases\(/, /\btype Case\b/, /\btype CaseEvent\b/, /\binput CaseWhere\b/, /\bCaseConnection\b/]) {
      expect(publicSdl).not.toMatch(name);
      expect(await printApiSchema('full')).toMatch(name);
    }
  });
});
