import cliProgress from 'cli-progress';

export interface LoadProgress {
  /** Rows written so far (facts + events) and cases generated of the planned total. */
  update(cases: number, rows: number): void;
  /** A later step of the load starts (indexes, rollups, swap), which the bar cannot measure. */
  step(message: string): void;
  stop(): void;
}

/** Where progress goes: stderr, or a stand-in in tests. */
export type ProgressStream = Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;

/** Seconds between two JSON progress lines when stderr is not a terminal. */
export const LOG_INTERVAL_MS = 5_000;

const rate = (rows: number, started: number) => rows / Math.max(0.001, (Date.now() - started) / 1000);

/** Seconds left at the current pace, from cases done of cases planned; null before there is a pace. */
function etaSeconds(cases: number, plannedCases: number, started: number): number | null {
  if (cases <= 0) return null;
  const elapsed = (Date.now() - started) / 1000;
  return Math.max(0, Math.round((elapsed * (plannedCases - cases)) / cases));
}

/** On a terminal: a bar on stderr with cases done, rows per second and the time left. */
function terminalProgress(plannedCases: number, stream: NodeJS.WriteStream): LoadProgress {
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'case facts {bar} {percentage}% | {value}/{total} cases | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(plannedCases, 0, { rows: 0, rate: 0 });
  let stopped = false;
  const stop = () => {
    if (!stopped) bar.stop();
    stopped = true;
  };
  return {
    update: (cases, rows) => bar.update(cases, { rows, rate: Math.round(rate(rows, started)) }),
    step: (message) => {
      stop();
      stream.write(`case facts: ${message}…\n`);
    },
    stop,
  };
}

/**
 * Elsewhere (logs, pipes, CI): one JSON line on stderr every few seconds, in the server log's shape (pino's level 30
 * is info), so a long first start is never silent. A load shorter than the interval prints nothing.
 */
function logProgress(plannedCases: number, stream: ProgressStream): LoadProgress {
  const started = Date.now();
  let last = started;
  let printed = false;
  let latest = { cases: 0, rows: 0 };
  const line = (msg: string, fields: Record<string, unknown>) => {
    printed = true;
    stream.write(`${JSON.stringify({ level: 30, time: new Date().toISOString(), msg, ...fields })}\n`);
  };
  const progressFields = () => ({
    cases: latest.cases,
    plannedCases,
    rows: latest.rows,
    rowsPerSecond: Math.round(rate(latest.rows, started)),
    percent: Math.round((1000 * latest.cases) / Math.max(1, plannedCases)) / 10,
    etaSeconds: etaSeconds(latest.cases, plannedCases, started),
  });
  return {
    update: (cases, rows) => {
      latest = { cases, rows };
      if (Date.now() - last < LOG_INTERVAL_MS) return;
      last = Date.now();
      line('generating case facts', progressFields());
    },
    step: (message) => {
      if (printed || Date.now() - started >= LOG_INTERVAL_MS) line(`case facts: ${message}`, { seconds: Math.round((Date.now() - started) / 1000) });
    },
    stop: () => undefined,
  };
}

/** Progress of a case load: a bar on a terminal, JSON lines otherwise, nothing when the caller asks for quiet. */
export function loadProgress(plannedCases: number, quiet: boolean, stream: ProgressStream = process.stderr): LoadProgress {
  if (quiet) return { update: () => undefined, step: () => undefined, stop: () => undefined };
  return stream.isTTY ? terminalProgress(plannedCases, stream as NodeJS.WriteStream) : logProgress(plannedCases, stream);
}
