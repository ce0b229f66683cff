import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryExitHookEvents } from '../warehouse/database/postmaster-exit-hooks.js';
import { bootEmbeddedPostgres } from '../warehouse/database/embedded-postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Finished {
  status: number | null;
  output: string;
}

/** Runs a command from the repository root to its end (no DATABASE_URL: each boots what it needs). */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Finished> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(command, args, { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

const tsx = (script: string, args: string[], env?: Record<string, string>) => run(process.execPath, ['--import', 'tsx', script, ...args], env);

let parent: string;
/** A data directory PostgreSQL cannot start from: the embedded library is loaded, then the start fails. */
let brokenDataDirectory: string;

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'warehouse-exit-status-'));
  await chmod(parent, 0o755);
  brokenDataDirectory = path.join(parent, 'broken');
  await mkdir(brokenDataDirectory, { mode: 0o777 });
  await writeFile(path.join(brokenDataDirectory, 'PG_VERSION'), '99\n');
  await chmod(brokenDataDirectory, 0o777);
});

afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

describe('exit statuses tell the truth', () => {
  it('a vitest run with a failing test (global setup booting an embedded PostgreSQL) exits non-zero and says so', async () => {
    const { status, output } = await run('npx', ['vitest', 'run', '--config', 'test/fixtures/failing-suite/vitest.config.ts']);
    expect(status, output).not.toBe(0);
    expect(output).toContain('0 passed, 1 failed, 0 skipped');
  }, 120_000);

  it('no exit hook of the embedded library is left once a cluster has booted in this process', async () => {
    // The global setup booted one in the runner's process; a file's own process loads the library here.
    const cluster = await bootEmbeddedPostgres({ dataDirectory: path.join(parent, 'own') }).catch(() => null);
    expect(libraryExitHookEvents()).toEqual([]);
    await cluster?.stop();
  }, 120_000);

  it.each([
    [
      'npm run load, an invalid setting',
      ['warehouse/cases/load-cases.cli.ts', '--scale', '0.01'],
      { STATEMENT_TIMEOUT_MS: 'soon' },
      'STATEMENT_TIMEOUT_MS',
    ],
    ['npm run load, an invalid argument', ['warehouse/cases/load-cases.cli.ts', '--scale', 'lots'], {}, '--scale must be a positive number'],
    [
      'npm run load, PostgreSQL cannot start',
      ['warehouse/cases/load-cases.cli.ts', '--scale', '0.01'],
      'broken',
      'embedded PostgreSQL did not start',
    ],
    ['npm start, an invalid setting', ['server/main.ts'], { PORT: 'eighty' }, 'PORT'],
    ['npm start, PostgreSQL cannot start', ['server/main.ts'], 'broken', 'cannot start: embedded PostgreSQL did not start'],
    ['npm run bench, an invalid setting', ['bench/run.ts'], { BENCH_SCALE: 'big' }, 'BENCH_SCALE must be a positive number'],
    ['npm run figures:check, no source documents', ['warehouse/published/check.cli.ts'], { SEEDS_DIR: '/nonexistent-seeds' }, 'ENOENT'],
  ] as const)(
    '%s: exits 1 and names the cause',
    async (_name, args, env, message) => {
      const settings = env === 'broken' ? { PGDATA_DIR: brokenDataDirectory } : env;
      const [script, ...rest] = args;
      const { status, output } = await tsx(script as string, rest, settings);
      expect(status, output).toBe(1);
      expect(output).toContain(message);
    },
    120_000,
  );
});
