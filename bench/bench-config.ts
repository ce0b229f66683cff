/**
 * Settings of a bench run, from the environment so that a quick development run and the full run share one code path.
 * Defaults fit the whole `npm run bench` (installs, build, data loading, all runs) in under 15 minutes on 2 cores.
 */
export interface BenchConfig {
  /** Client concurrencies every query is loaded at. */
  concurrencies: number[];
  /** Seconds of load before each measured run (JIT, plans, pool connections, caches). */
  warmupSeconds: number;
  /** Seconds of one measured run. */
  durationSeconds: number;
  /** Interleaved rounds the measured seconds are split into, each system once per round. */
  rounds: number;
  /** Scale of the case facts the side-by-side comparison runs on. */
  mainScale: number;
  /** Scales of the case facts the scale curve runs the metric queries at. */
  curveScales: number[];
  /** Concurrencies of the scale curve (fewer than the main table: it only shows how latency grows with data). */
  curveConcurrencies: number[];
  /** Connections each server (and the raw-SQL baseline) keeps to PostgreSQL. */
  poolSize: number;
  /** Skip `npm run build` (the product's dist/ is already fresh). */
  skipBuild: boolean;
  /** Systems to run; all three by default. */
  systems: ReadonlySet<string>;
}

function numbers(name: string, fallback: number[]): number[] {
  const text = process.env[name];
  if (!text) return fallback;
  const values = text.split(',').map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new Error(`${name} must be a comma-separated list of positive numbers, got "${text}"`);
  return values;
}

function number(name: string, fallback: number): number {
  const text = process.env[name];
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

export function readBenchConfig(): BenchConfig {
  return {
    concurrencies: numbers('BENCH_CONCURRENCY', [1, 10, 50]),
    warmupSeconds: number('BENCH_WARMUP_S', 2),
    durationSeconds: number('BENCH_DURATION_S', 6),
    // The measured seconds of each system are split into this many interleaved rounds (bench/run.ts measureInRounds).
    rounds: number('BENCH_ROUNDS', 3),
    mainScale: number('BENCH_SCALE', 1),
    // Scale 10 loads ~17 M cases: about ten minutes on 2 cores, which does not fit the 15-minute budget with the
    // rest; run it separately with BENCH_SCALES=0.1,1,10.
    curveScales: numbers('BENCH_SCALES', [0.1, 1]),
    curveConcurrencies: numbers('BENCH_CURVE_CONCURRENCY', [1, 10]),
    poolSize: number('BENCH_POOL_SIZE', 10),
    skipBuild: process.env.BENCH_SKIP_BUILD === '1',
    systems: new Set((process.env.BENCH_SYSTEMS ?? 'product,postgraphile,raw').split(',').map((s) => s.trim())),
  };
}
