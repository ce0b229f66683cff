import type { EmbeddedCluster } from './embedded-postgres.js';

/** `up`: the postmaster runs; `restarting`: it died and is being brought back; `failed`: given up. */
export type SupervisorStatus = 'up' | 'restarting' | 'failed';

/** The subset of a pino logger the supervisor writes to. */
export interface SupervisorLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface SupervisorOptions {
  /** Give up when the cluster is not back this long after it died. */
  giveUpMs: number;
  /** Delay before the first restart; each failed attempt doubles it, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  log: SupervisorLog;
  /** Called once the cluster answers again after a restart. */
  onRestarted?(): void;
  /** Called once, when the cluster could not be brought back in time; the reason is one line. */
  onGiveUp(reason: string): void;
}

export interface ClusterSupervisor {
  status(): SupervisorStatus;
  /** Unexpected exits of the postmaster seen so far. */
  crashes(): number;
  /** Restart attempts, and those that brought the cluster back. */
  restartAttempts(): number;
  restarts(): number;
  /** Seconds the cluster has been down in all, the current outage included. */
  downtimeSeconds(): number;
  /** No more restarts: the process is shutting down. */
  stop(): void;
}

/**
 * Keeps an embedded cluster up: when its postmaster exits unexpectedly (a crash, an out-of-memory kill), starts it
 * again on the same data directory — PostgreSQL runs its crash recovery — after a backoff of 0.5 s doubling to 30 s.
 * Orphaned backends of the dead postmaster may hold its shared memory for a moment, which fails the first attempt;
 * the backoff covers that. When the cluster is not back within `giveUpMs`, it stops trying and reports it, so that
 * the process can exit and its own supervisor (systemd, Kubernetes) take over.
 */
export function superviseCluster(cluster: EmbeddedCluster, options: SupervisorOptions): ClusterSupervisor {
  const firstDelayMs = options.firstDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const { log } = options;
  let status: SupervisorStatus = 'up';
  let stopped = false;
  let crashes = 0;
  let attempts = 0;
  let restarts = 0;
  let downtimeMs = 0;
  let downSince = 0;
  let outageAttempts = 0;
  let lastError = '';
  let retry: NodeJS.Timeout | undefined;
  let giveUp: NodeJS.Timeout | undefined;

  const attempt = async (delayMs: number) => {
    if (stopped || status !== 'restarting') return;
    attempts += 1;
    outageAttempts += 1;
    log.warn({ attempt: outageAttempts, downMs: Date.now() - downSince }, `restarting embedded PostgreSQL (attempt ${outageAttempts})`);
    try {
      await cluster.restart();
    } catch (error) {
      if (stopped || status !== 'restarting') return;
      lastError = error instanceof Error ? error.message : String(error);
      const nextMs = Math.min(delayMs * 2, maxDelayMs);
      log.warn({ attempt: outageAttempts, err: lastError, nextInMs: nextMs }, `embedded PostgreSQL restart attempt ${outageAttempts} failed`);
      retry = setTimeout(() => void attempt(nextMs), nextMs);
      return;
    }
    // Given up (or shutting down) while this start was under way: the process is leaving, leave no cluster behind.
    if (stopped || status !== 'restarting') {
      await cluster.stop().catch(() => undefined);
      return;
    }
    clearTimeout(giveUp);
    const outageMs = Date.now() - downSince;
    downtimeMs += outageMs;
    restarts += 1;
    status = 'up';
    log.info(
      { attempt: outageAttempts, downMs: outageMs, pid: cluster.pid() },
      `embedded PostgreSQL is back after ${(outageMs / 1000).toFixed(1)} s`,
    );
    options.onRestarted?.();
  };

  cluster.onUnexpectedExit((exit) => {
    if (stopped || status !== 'up') return;
    crashes += 1;
    status = 'restarting';
    downSince = Date.now();
    outageAttempts = 0;
    lastError = `the postmaster (pid ${exit.pid}) exited with ${exit.signal ?? `code ${exit.code}`}`;
    log.error(
      { pid: exit.pid, code: exit.code, signal: exit.signal, giveUpS: options.giveUpMs / 1000 },
      `embedded PostgreSQL exited unexpectedly (${exit.signal ?? `code ${exit.code}`}); restarting it`,
    );
    giveUp = setTimeout(() => {
      if (stopped || status !== 'restarting') return;
      status = 'failed';
      clearTimeout(retry);
      // A start still under way is stopped: the process is about to exit.
      void cluster.stop().catch(() => undefined);
      options.onGiveUp(
        `embedded PostgreSQL on ${cluster.dataDirectory} could not be restarted within ${options.giveUpMs / 1000} s ` +
          `(${outageAttempts} attempts; last: ${lastError})`,
      );
    }, options.giveUpMs);
    retry = setTimeout(() => void attempt(firstDelayMs), firstDelayMs);
  });

  return {
    status: () => status,
    crashes: () => crashes,
    restartAttempts: () => attempts,
    restarts: () => restarts,
    downtimeSeconds: () => (downtimeMs + (status === 'up' ? 0 : Date.now() - downSince)) / 1000,
    stop: () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(giveUp);
    },
  };
}
