import { describe, expect, it } from 'vitest';
import { suppressSmallCells } from '../resolvers/disclosure-control.js';
import type { MetricRowData } from '../warehouse/metrics/metric-request.js';

const row = (sex: string, region: string, support: number): MetricRowData => ({
  bucket: null, dims: { SEX: sex, REGION: region }, value: support, nullReason: null, support, counts: {}, previous: null, previousSupport: null, also: [], alsoNullReasons: [],
});

describe('disclosure control', () => {
  it('suppresses cells under five cases, and the next smallest sibling so the total does not give them away', () => {
    const rows = [row('female', 'nord', 3), row('male', 'nord', 40), row('female', 'syd', 20), row('male', 'syd', 30)];
    expect(suppressSmallCells(rows, ['SEX'])).toEqual([true, false, false, false].map((v, i) => v || i === 2));
  });

  it('suppresses a cell whose siblings together hold fewer than five cases (the complement)', () => {
    // nord: 50 women and 2 men. Men are primary-suppressed; women too, since total − women = 2.
    const rows = [row('female', 'nord', 50), row('male', 'nord', 2)];
    expect(suppressSmallCells(rows, ['SEX', 'REGION'])).toEqual([true, true]);
  });

  it('leaves large cells and empty cells alone', () => {
    const rows = [row('female', 'nord', 50), row('male', 'nord', 0), row('female', 'syd', 60), row('male', 'syd', 70)];
    expect(suppressSmallCells(rows, ['SEX', 'REGION'])).toEqual([false, false, false, false]);
  });
});
