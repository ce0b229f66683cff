import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** One of the project's entry points running as a real child process, its output kept for assertions. */
export interface SpawnedProcess {
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  running(): boolean;
  /** Waits until stdout or stderr holds the text; fails early when the process exits first. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Sends the signal (SIGTERM by default) unless the process has exited, and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs `node --import tsx <script>` from the repository root (one process: tsx as a loader, not its CLI, which would
 * stand between a signal and the program). The environment is this one's without DATABASE_URL, plus `env`.
 */
export function spawnEntryPoint(script: string, args: string[], env: Record<string, string>): SpawnedProcess {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${script} did not start`);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid,
    stdout: () => out,
    stderr: () => err,
    exited,
    running,
    async waitForOutput(text, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (!out.includes(text) && !err.includes(text)) {
        if (!running()) throw new Error(`${script} exited before printing "${text}":\n${err.slice(-3000)}\n${out.slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`${script} did not print "${text}" within ${timeoutMs} ms:\n${err.slice(-3000)}`);
        await sleep(100);
      }
    },
    async stop(signal = 'SIGTERM') {
      if (running()) child.kill(signal);
      return exited;
    },
  };
}
