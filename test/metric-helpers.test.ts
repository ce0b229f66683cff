import { describe, expect, it } from 'vitest';
import { splitByWeight } from '../warehouse/generator/largest-remainder.js';
import { anchorRanges, monthAligned, widenOnePeriodBack } from '../warehouse/metrics/anchor-range.js';
import { isoWeek } from '../warehouse/metrics/iso-week.js';
import { nearestValues } from '../warehouse/metrics/nearest-values.js';

describe('anchor ranges', () => {
  it('turns runs of consecutive years into one half-open range each', () => {
    expect(anchorRanges({ year: [2024, 2022, 2023] })).toEqual([{ from: '2022-01-01', until: '2025-01-01' }]);
    expect(anchorRanges({ year: [2022, 2024] })).toEqual([
      { from: '2022-01-01', until: '2023-01-01' },
      { from: '2024-01-01', until: '2025-01-01' },
    ]);
  });
  it('intersects years with from/to and drops what does not overlap', () => {
    expect(anchorRanges({ year: [2023], from: '2023-03-15', to: '2023-06-30' })).toEqual([{ from: '2023-03-15', until: '2023-07-01' }]);
    expect(anchorRanges({ year: [2022], from: '2023-01-01' })).toEqual([]);
    expect(anchorRanges({})).toEqual([{ from: null, until: null }]);
  });
  it('knows month-aligned ranges and widens one period back', () => {
    expect(monthAligned([{ from: '2023-03-01', until: '2023-07-01' }])).toBe(true);
    expect(monthAligned([{ from: '2023-03-15', until: '2023-07-01' }])).toBe(false);
    expect(widenOnePeriodBack([{ from: '2023-01-01', until: '2024-01-01' }], 'QUARTER')).toEqual([{ from: '2022-10-01', until: '2024-01-01' }]);
    expect(widenOnePeriodBack([{ from: '2023-01-01', until: null }], 'WEEK')).toEqual([{ from: '2022-12-25', until: null }]);
  });
});

describe('largest remainder', () => {
  it('splits a total by weight, summing exactly, ties to the earlier part', () => {
    expect(splitByWeight(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByWeight(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]);
    expect(splitByWeight(0, [1, 2])).toEqual([0, 0]);
  });
  it('respects caps and shares the rest among the others', () => {
    expect(splitByWeight(10, [1, 1], [2, 100])).toEqual([2, 8]);
    expect(splitByWeight(5, [0, 0], [3, 3])).toEqual([3, 2]);
  });
});

describe('ISO weeks', () => {
  it('numbers weeks from the week with the year’s first Thursday', () => {
    expect(isoWeek(new Date('2022-01-01T00:00:00Z'))).toEqual({ year: 2021, week: 52 });
    expect(isoWeek(new Date('2022-01-03T00:00:00Z'))).toEqual({ year: 2022, week: 1 });
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toEqual({ year: 2025, week: 1 });
    expect(isoWeek(new Date('2020-12-31T00:00:00Z'))).toEqual({ year: 2020, week: 53 });
  });
});

describe('nearest values', () => {
  it('lists all of a small set, the nearest of a large one', () => {
    expect(nearestValues('x', ['a', 'b'])).toEqual(['a', 'b']);
    expect(nearestValues('SYR', ['AF', 'SY', 'SE', 'IQ', 'IR', 'ER', 'SO', 'UA', 'US', 'RU'], 2)).toEqual(['SY', 'ER']);
  });
});
