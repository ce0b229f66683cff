import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildApiSchema } from '../server/build-schema.js';
import { KnownOperationTypesRule } from '../server/validation/known-operation-types.rule.js';

describe('KnownOperationTypesRule', () => {
  it('accepts queries', async () => {
    expect(validate(await buildApiSchema(), parse('{ metricCatalog { name } }'), [KnownOperationTypesRule])).toEqual([]);
  });

  it.each(['mutation { reload }', 'subscription { changes }'])('reports %s: the schema has no such root', async (source) => {
    const errors = validate(await buildApiSchema(), parse(source), [KnownOperationTypesRule]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/has no (mutation|subscription) operations/)]);
  });
});
