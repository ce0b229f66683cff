import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildApiSchema } from '../server/build-schema.js';
import { blankMetricRow } from '../resolvers/blank-metric-row.js';

/**
 * A metric row starts as one literal of every field (resolvers/blank-metric-row.ts), written from a list of the row's
 * own fields and the dimension registry: a field the schema's MetricRow gains must be in it, or rows would grow it one
 * by one again.
 */
describe('the blank metric row', () => {
  it('holds every field of MetricRow, each null, and nothing else', async () => {
    const type = (await buildApiSchema()).getType('MetricRow');
    if (!isObjectType(type)) throw new Error('MetricRow is not an object type');
    const row = blankMetricRow();
    expect(Object.keys(row).sort()).toEqual(Object.keys(type.getFields()).sort());
    expect(Object.values(row).every((v) => v === null)).toBe(true);
  });

  it('is a new object each time', () => {
    const a = blankMetricRow();
    a.value = 1;
    expect(blankMetricRow().value).toBeNull();
  });
});
