import { describe, expect, it } from 'vitest';
import { cellKey, cellNoise, perturbCount } from '../warehouse/disclosure/cell-key.js';
import { API_PTABLE, API_PTABLE_PARAMETERS, buildPTable } from '../warehouse/disclosure/ptable.js';
import { RECORD_KEY_MODULUS } from '../warehouse/disclosure/record-keys.js';
import { seededRecordKey } from './support/seeded-record-key.js';

const moments = (count: number) => {
  const row = API_PTABLE.row(count);
  const mean = row.reduce((s, e) => s + e.noise * e.probability, 0);
  return { mean, variance: row.reduce((s, e) => s + e.probability * (e.noise - mean) ** 2, 0) };
};
const noises = (count: number) => API_PTABLE.row(count).map((e) => [e.noise, Number(e.probability.toFixed(6))]);

describe('the p-table (D = 4, V = 2, js = 4)', () => {
  it('keeps zero at zero', () => {
    expect(noises(0)).toEqual([[0, 1]]);
  });

  it('moves 1–4 to 0 or to 5 and above, unbiased: the two-point rows worked by hand', () => {
    // 1 → 0 or 5: mean 0 needs −1·p + 4·(1 − p) = 0, so p = 4/5; variance 0.8·1 + 0.2·16 = 4.
    expect(noises(1)).toEqual([
      [-1, 0.8],
      [4, 0.2],
    ]);
    // 2 → 0 or 5 (the least variance the band allows): −2·p + 3·(1 − p) = 0, p = 3/5; variance 6.
    expect(noises(2)).toEqual([
      [-2, 0.6],
      [3, 0.4],
    ]);
    expect(noises(3)).toEqual([
      [-3, 0.4],
      [2, 0.6],
    ]);
    expect(noises(4)).toEqual([
      [-4, 0.2],
      [1, 0.8],
    ]);
    expect(moments(2).variance).toBeCloseTo(6, 10);
  });

  it('leaves 5 as it is (it cannot move down past the band, nor up without bias)', () => {
    expect(noises(5)).toEqual([[0, 1]]);
  });

  it('gives every larger count mean 0 and variance V within ±D, the same symmetric row from 9 on', () => {
    for (const count of [6, 7, 8, 9, 10, 100, 1_000_000]) {
      const { mean, variance } = moments(count);
      expect(mean).toBeCloseTo(0, 10);
      expect(variance).toBeCloseTo(API_PTABLE_PARAMETERS.variance, 8);
      for (const e of API_PTABLE.row(count)) expect(Math.abs(e.noise)).toBeLessThanOrEqual(4);
    }
    expect(API_PTABLE.row(1000)).toBe(API_PTABLE.row(9));
    const symmetric = API_PTABLE.row(9);
    for (const e of symmetric) expect(e.probability).toBeCloseTo(symmetric.find((f) => f.noise === -e.noise)?.probability ?? -1, 10);
  });

  it('never shows a negative count nor one of 1–4, whatever the key', () => {
    for (let count = 0; count <= 40; count++) {
      for (let k = 0; k < 250; k++) {
        const shown = perturbCount(count, Math.floor((k / 250) * RECORD_KEY_MODULUS));
        expect(shown).toBeGreaterThanOrEqual(0);
        expect(shown >= 1 && shown <= 4).toBe(false);
        expect(Math.abs(shown - count)).toBeLessThanOrEqual(4);
      }
    }
  });

  it('tiles [0, 1) with each row’s key intervals', () => {
    for (const row of API_PTABLE.rows) {
      expect(row[0]?.lower).toBe(0);
      expect(row.at(-1)?.upper).toBe(1);
      row.slice(1).forEach((e, k) => expect(e.lower).toBe(row[k]?.upper));
    }
  });

  it('refuses parameters with no unbiased row for a count of 1', () => {
    expect(() => buildPTable({ maxDeviation: 3, variance: 2, blockedUpTo: 4 })).toThrow(/js must be/);
  });
});

describe('the cell key lookup', () => {
  it('takes the key sum mod 2^31 as a fraction of 2^31, exactly', () => {
    expect(cellKey(0)).toBe(0);
    expect(cellKey(2 ** 30)).toBe(0.5);
    expect(cellKey(BigInt(RECORD_KEY_MODULUS) * 12345n + 2n ** 29n)).toBe(0.25);
    expect(cellKey('-536870912')).toBe(0.75);
  });

  it('picks the noise whose interval holds the key (count 1: 0 below 0.8, 5 from 0.8)', () => {
    expect(cellNoise(1, 0)).toBe(-1);
    expect(cellNoise(1, 0.7999)).toBe(-1);
    expect(cellNoise(1, 0.8)).toBe(4);
    expect(perturbCount(1, Math.floor(0.9 * RECORD_KEY_MODULUS))).toBe(5);
    // Count 100, key 0.5: the symmetric row's middle entry (its intervals up to noise −1 hold 0.3599 of the keys).
    expect(perturbCount(100, 2 ** 30)).toBe(100);
    expect(perturbCount(100, 0)).toBe(96);
    expect(perturbCount(100, RECORD_KEY_MODULUS - 1)).toBe(104);
  });

  it('the seeded key of hand-made test rows is deterministic and well spread (ingested keys: test/case-calibration)', () => {
    expect(seededRecordKey(7, 1)).toBe(seededRecordKey(7, 1));
    expect(seededRecordKey(7, 1)).not.toBe(seededRecordKey(8, 1));
    const keys = Array.from({ length: 20_000 }, (_, i) => seededRecordKey(20_240_101, i + 1) / RECORD_KEY_MODULUS);
    const mean = keys.reduce((a, b) => a + b, 0) / keys.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    const deciles = Array.from({ length: 10 }, (_, d) => keys.filter((k) => k >= d / 10 && k < (d + 1) / 10).length);
    for (const n of deciles) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });
});
