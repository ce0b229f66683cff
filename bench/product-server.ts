import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../warehouse/database/embedded-postgres.js';
import { spawnServer, type ChildServer } from './child-server.js';

const run = promisify(execFile);

/** API key the bench sends to the product: analysts may read case-level rows (the cases list). */
export const BENCH_API_KEY = 'bench-analyst-key-0123456789';

/** The product's own build, exactly what `npm start` runs before serving. */
export async function buildProduct(projectRoot: string): Promise<void> {
  await run('npm', ['run', 'build', '--silent'], { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 });
}

/**
 * Starts the product as production starts it (`node dist/server/main.js`, NODE_ENV=production) over the bench
 * database. Turned off, through settings only: the per-client rate limit (the load generator is one client on one
 * address; a rate limit is a policy for many clients, not work a request costs). `variant` picks the result cache:
 * off (cold, every request computes) or on (warm, answered from memory after the warm-up filled it); `ungated` is
 * cold without the admission queue (GRAPHQL_CONCURRENCY=0: every request executes at once), `unturned` cold
 * without the loop turns (LOOP_TURNS=off) and `laneless` cold without the operation lane (OPERATION_LANE=off), to
 * price them.
 */
export async function startProductServer(
  projectRoot: string,
  databaseUrl: string,
  poolSize: number,
  logDirectory: string,
  variant: 'cold' | 'warm' | 'ungated' | 'unturned' | 'laneless' = 'cold',
  readerDatabaseUrl?: string,
  /** Told apart in the logs from the other servers of its variant (the scale curve's server of another scale). */
  label?: string,
): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const name = [variant === 'cold' ? 'product' : `product-${variant}`, ...(label ? [label] : [])].join('-');
  return spawnServer({
    name,
    command: process.execPath,
    args: [path.join(projectRoot, 'dist/server/main.js')],
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PG_POOL_MAX: String(poolSize),
      RATE_LIMIT_PER_MINUTE: '0',
      API_KEYS: `${BENCH_API_KEY}:analyst`,
      // Cold: every request computes. Warm: the result cache at its default size, filled by the warm-up.
      RESULT_CACHE_MB: variant === 'warm' ? '64' : '0',
      ...(variant === 'ungated' ? { GRAPHQL_CONCURRENCY: '0' } : {}),
      ...(variant === 'unturned' ? { LOOP_TURNS: 'off' } : {}),
      ...(variant === 'laneless' ? { OPERATION_LANE: 'off' } : {}),
      // Several servers over one database share one read-only role (each would otherwise re-key it at start).
      ...(readerDatabaseUrl ? { READER_DATABASE_URL: readerDatabaseUrl } : {}),
    },
    url,
    headers: { 'x-api-key': BENCH_API_KEY },
    logFile: path.join(logDirectory, `${name}.log`),
    timeoutMs: 120_000,
  });
}
