import { describe, expect, it } from 'vitest';
import { isoDay } from '../warehouse/database/iso-day.js';

describe('isoDay', () => {
  it('is the day of toISOString, for every date pg returns and the rare ones', () => {
    const dates = [
      new Date(2024, 0, 31),
      new Date(1999, 11, 1),
      new Date(Date.UTC(2024, 1, 29, 23, 59, 59)),
      new Date(Date.UTC(1000, 0, 1)),
      new Date(Date.UTC(999, 11, 31)),
      new Date(Date.UTC(10000, 0, 1)),
      new Date(Date.UTC(-50, 5, 15)),
    ];
    for (let day = 0; day < 800; day += 7) dates.push(new Date(Date.UTC(2022, 0, 1 + day)));
    for (const date of dates) expect(isoDay(date)).toBe(date.toISOString().slice(0, 10));
    expect(() => isoDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});
