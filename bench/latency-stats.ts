/** Throughput and latency of one measured run, in requests per second and milliseconds. */
export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /** Failed requests: connection errors, timeouts, non-2xx answers, SQL errors. */
  errors: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Summarises the latencies of one run (both load generators report through this, so their figures compare). */
export function summarise(latenciesMs: readonly number[], seconds: number, errors: number): LoadResult {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    requests: sorted.length,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? total / sorted.length : Number.NaN,
    errors,
  };
}

/** The raw latencies of one measured slice of a run: slices of one system pool into one result (summariseSamples). */
export interface LoadSample {
  latenciesMs: number[];
  seconds: number;
  errors: number;
}

/** One result from several slices of the same system's run: their latencies together over their seconds together. */
export function summariseSamples(samples: readonly LoadSample[]): LoadResult {
  return summarise(
    samples.flatMap((s) => s.latenciesMs),
    samples.reduce((sum, s) => sum + s.seconds, 0),
    samples.reduce((sum, s) => sum + s.errors, 0),
  );
}
