import { summariseSamples, type LoadResult, type LoadSample } from './latency-stats.js';
import { readProcessMemory } from './process-memory.js';
import type { SystemName } from './report.js';

/** One system's part in a measurement of one query at one concurrency. */
export interface Contender {
  system: SystemName;
  /** The server whose peak RSS is read; null for the raw baseline (no server). */
  pid: number | null;
  /** Loads the system for `seconds` and returns the latencies. */
  run: (seconds: number) => Promise<LoadSample>;
}

export interface Measured {
  system: SystemName;
  result: LoadResult;
  peakRssMb: number | null;
  /** Throughput of each round, in the order the rounds ran. */
  roundRps: number[];
}

/**
 * Measures the systems of one query and concurrency side by side: each warms up, then they run in interleaved rounds
 * (A B C, then C B A, …), each a slice of the duration, and each system's slices are pooled into its result. A burst
 * of the shared machine's other load then falls on all of them rather than on whichever ran at that moment: measured
 * one after the other, two runs of the same code differed by up to ±40 % in a ratio.
 */
export async function measureInRounds(
  contenders: readonly Contender[],
  seconds: { warmupSeconds: number; durationSeconds: number; rounds: number },
  resetPeak: (pid: number) => void,
  peakMb: (pid: number) => number = (pid) => readProcessMemory(pid).peakMb,
): Promise<Measured[]> {
  for (const c of contenders) await c.run(seconds.warmupSeconds);
  for (const c of contenders) if (c.pid !== null) resetPeak(c.pid);
  const rounds = Math.max(1, Math.round(seconds.rounds));
  const slice = Math.max(1, seconds.durationSeconds / rounds);
  const slices = contenders.map((): LoadSample[] => []);
  for (let round = 0; round < rounds; round++) {
    const order = contenders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) slices[i]?.push(await (contenders[i] as Contender).run(slice));
  }
  return contenders.map((c, i) => {
    const samples = slices[i] ?? [];
    return {
      system: c.system,
      result: summariseSamples(samples),
      peakRssMb: c.pid === null ? null : peakMb(c.pid),
      roundRps: samples.map((s) => s.latenciesMs.length / s.seconds),
    };
  });
}
