import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviationInterval, newcombeInterval, wilsonInterval, Z_95 } from '../warehouse/metrics/wilson-interval.js';
import { deviationSql, newcombeSql, wilsonSql } from '../warehouse/metrics/wilson.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const zz = Z_95 * Z_95;

describe('Wilson score interval', () => {
  it('matches hand-worked values', () => {
    // 0 of n: [0, z²/(n + z²)]; n of n: [n/(n + z²), 1]; the bound at the edge is exact.
    expect(wilsonInterval(0, 10)!.lower).toBe(0);
    expect(wilsonInterval(0, 10)!.upper).toBeCloseTo(zz / (10 + zz), 14);
    expect(wilsonInterval(0, 10)!.upper).toBeCloseTo(0.27753, 5);
    expect(wilsonInterval(10, 10)!.lower).toBeCloseTo(10 / (10 + zz), 14);
    expect(wilsonInterval(10, 10)!.upper).toBe(1);
    expect(wilsonInterval(10, 10)!.lower).toBeCloseTo(0.72247, 5);
    // n = 1: one success gives [1/(1 + z²), 1] = [0.2065, 1]; one failure [0, 0.7935].
    expect(wilsonInterval(1, 1)!.lower).toBeCloseTo(0.206549, 6);
    expect(wilsonInterval(1, 1)!.upper).toBe(1);
    expect(wilsonInterval(0, 1)!.lower).toBe(0);
    expect(wilsonInterval(0, 1)!.upper).toBeCloseTo(zz / (1 + zz), 14);
    // 5 of 10: centre 0.5, half-width z·√(2.5 + z²/4)/(10 + z²) = 0.2634.
    expect(wilsonInterval(5, 10)!.lower).toBeCloseTo(0.2366, 4);
    expect(wilsonInterval(5, 10)!.upper).toBeCloseTo(0.7634, 4);
    // Newcombe (1998, single proportion) example 81/263: 0.2553 to 0.3662.
    expect(wilsonInterval(81, 263)!.lower).toBeCloseTo(0.2553, 4);
    expect(wilsonInterval(81, 263)!.upper).toBeCloseTo(0.3662, 4);
  });

  it('has no interval without trials, or for counts that are no proportion', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(3, 2)).toBeNull();
    expect(wilsonInterval(-1, 2)).toBeNull();
  });
});

describe('Newcombe hybrid score interval (method 10)', () => {
  // Newcombe RG (1998), Interval estimation for the difference between independent proportions, Stat Med 17:873–890, Table II.
  const published: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
  ];
  it.each(published)('%i/%i − %i/%i: %f to %f', (x1, n1, x2, n2, lower, upper) => {
    const interval = newcombeInterval(x1, n1, x2, n2)!;
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it('scales group-vs-rest to group-vs-whole for a region against the nation', () => {
    // Region 56/70 in a nation of 104/150: the rest is 48/80, and p_region − p_nation = (80/150)(0.8 − 0.6).
    const interval = deviationInterval(56, 70, 104, 150)!;
    const rest = newcombeInterval(56, 70, 48, 80)!;
    expect(interval.lower).toBeCloseTo(rest.lower * (80 / 150), 12);
    expect(interval.upper).toBeCloseTo(rest.upper * (80 / 150), 12);
    const deviation = 56 / 70 - 104 / 150;
    expect(deviation).toBeCloseTo((80 / 150) * 0.2, 12);
    expect(interval.lower).toBeLessThan(deviation);
    expect(interval.upper).toBeGreaterThan(deviation);
    // A region that is the whole nation deviates by exactly 0.
    expect(deviationInterval(5, 9, 5, 9)).toEqual({ lower: 0, upper: 0 });
    expect(deviationInterval(0, 0, 5, 9)).toBeNull();
  });
});

describe('the SQL twin (wilson.ts)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('computes the same bounds as the TypeScript', async () => {
    const cases: [number, number, number, number][] = [
      [0, 10, 3, 20],
      [10, 10, 0, 1],
      [1, 1, 0, 1],
      [56, 70, 104, 150],
      [5, 56, 5, 85],
      [0, 0, 4, 9],
      [3, 3, 3, 3],
    ];
    for (const [x, n, wholeX, wholeN] of cases) {
      const v = (value: number) => sql`${value}::float8`;
      const w = wilsonSql(v(x), v(n));
      const d = newcombeSql(v(x), v(n), v(wholeX), v(wholeN));
      const dev = deviationSql(v(x), v(n), v(wholeX), v(wholeN));
      const { rows } = await sql<Record<string, number | null>>`
        select ${w.lower} as wl, ${w.upper} as wu, ${d.lower} as nl, ${d.upper} as nu, ${dev.lower} as dl, ${dev.upper} as du`.execute(database.db);
      const row = rows[0]!;
      const wilson = wilsonInterval(x, n);
      const newcombe = newcombeInterval(x, n, wholeX, wholeN);
      const deviation = deviationInterval(x, n, wholeX, wholeN);
      const close = (actual: number | null, expected: number | null | undefined) =>
        expected === null || expected === undefined ? expect(actual).toBeNull() : expect(actual).toBeCloseTo(expected, 12);
      close(row.wl!, wilson?.lower);
      close(row.wu!, wilson?.upper);
      close(row.nl!, newcombe?.lower);
      close(row.nu!, newcombe?.upper);
      close(row.dl!, deviation?.lower);
      close(row.du!, deviation?.upper);
    }
  });
});
