import cliProgress from 'cli-progress';

export interface LoadProgress {
  /** Rows written so far (facts + events) and cases generated of the planned total. */
  update(cases: number, rows: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr with cases done and rows per second; silent when stderr is not a terminal (tests, logs,
 * pipes) or when the caller asks for quiet.
 */
export function loadProgress(plannedCases: number, quiet: boolean): LoadProgress {
  if (quiet || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'cases {bar} {percentage}% | {value}/{total} cases | {rows} rows | {rate} rows/s | {duration}s',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(plannedCases, 0, { rows: 0, rate: 0 });
  return {
    update: (cases, rows) => {
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(cases, { rows, rate: Math.round(rows / seconds) });
    },
    stop: () => bar.stop(),
  };
}
