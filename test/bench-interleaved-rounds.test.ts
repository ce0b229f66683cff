import { describe, expect, it } from 'vitest';
import { measureInRounds, type Contender } from '../bench/interleaved-rounds.js';
import type { SystemName } from '../bench/report.js';

describe('bench: systems measured in interleaved rounds', () => {
  it('warms each up, runs them A B C then C B A …, and pools each one’s slices', async () => {
    const calls: string[] = [];
    const contender = (system: SystemName, pid: number | null, latency: number): Contender => ({
      system,
      pid,
      run: async (seconds) => {
        calls.push(`${system}:${seconds}`);
        return { latenciesMs: Array.from({ length: 10 * seconds }, () => latency), seconds, errors: system === 'raw' ? 1 : 0 };
      },
    });
    const reset: number[] = [];
    const measured = await measureInRounds(
      [contender('product', 11, 2), contender('postgraphile', 12, 4), contender('raw', null, 1)],
      { warmupSeconds: 2, durationSeconds: 6, rounds: 3 },
      (pid) => reset.push(pid),
      (pid) => pid * 10,
    );
    expect(calls).toEqual([
      'product:2',
      'postgraphile:2',
      'raw:2',
      'product:2',
      'postgraphile:2',
      'raw:2',
      'raw:2',
      'postgraphile:2',
      'product:2',
      'product:2',
      'postgraphile:2',
      'raw:2',
    ]);
    expect(reset).toEqual([11, 12]);
    const product = measured.find((m) => m.system === 'product');
    expect(product?.result).toMatchObject({ requests: 60, seconds: 6, rps: 10, p50: 2, errors: 0 });
    expect(product?.roundRps).toEqual([10, 10, 10]);
    expect(product?.peakRssMb).toBe(110);
    const raw = measured.find((m) => m.system === 'raw');
    expect(raw?.result.errors).toBe(3);
    expect(raw?.peakRssMb).toBeNull();
  });

  it('never slices a run below one second', async () => {
    const seen: number[] = [];
    const only: Contender = { system: 'product', pid: null, run: async (s) => (seen.push(s), { latenciesMs: [1], seconds: s, errors: 0 }) };
    await measureInRounds([only], { warmupSeconds: 1, durationSeconds: 2, rounds: 3 }, () => undefined);
    expect(seen).toEqual([1, 1, 1, 1]);
  });
});
