import { setTimeout as sleep } from 'node:timers/promises';

/** How long a test waits for a condition before it fails: generous, for a shared and noisy machine. */
export const DEADLINE_MS = 60_000;

/**
 * Polls `probe` until it returns a value other than undefined, null or false, and returns that value. Fails with
 * `what` only when the deadline passes: the condition, not the machine's speed, decides how long this takes.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(50);
  }
}
