import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

async function answers(url: string, headers: Record<string, string>): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"query":"{ __typename }"}',
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** A server the bench started as a child process, whose memory it reads by pid. */
export interface ChildServer {
  name: string;
  pid: number;
  /** The GraphQL endpoint. */
  url: string;
  /** Where its stdout and stderr go. */
  logFile: string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  url: string;
  logFile: string;
  /** Extra headers of the readiness probe (e.g. an API key). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Spawns a server and resolves once its GraphQL endpoint answers `{ __typename }` (a probe rather than a log line:
 * log formats change, an answer does not). Its output goes to a file: a server that logs every
 * request (the product does, in production) must never block on a full pipe nobody reads.
 */
export async function spawnServer(options: SpawnOptions): Promise<ChildServer> {
  const log = createWriteStream(options.logFile);
  const child: ChildProcess = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${options.name} did not start (${options.command})`);
  const pid = child.pid;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.name} not ready after ${options.timeoutMs ?? 60_000} ms; see ${options.logFile}\n${output.slice(-2000)}`)),
      options.timeoutMs ?? 60_000,
    );
    const watch = (chunk: Buffer) => {
      log.write(chunk);
      if (output.length < 100_000) output += chunk.toString('utf8');
    };
    const probe = async () => {
      if (child.exitCode !== null) return;
      if (await answers(options.url, options.headers ?? {})) {
        clearTimeout(timer);
        resolve();
      } else {
        setTimeout(() => void probe(), 250);
      }
    };
    void probe();
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with code ${code} before it was ready; see ${options.logFile}\n${output.slice(-2000)}`));
    });
  });
  // After start-up, keep draining into the file only.
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.stdout?.on('data', (chunk: Buffer) => log.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
  return {
    name: options.name,
    pid,
    url: options.url,
    logFile: options.logFile,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(force);
          log.end();
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
