import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../warehouse/database/embedded-postgres.js';
import { spawnServer, type ChildServer } from './child-server.js';

const run = promisify(execFile);

/** The Node 22 binary the `node` npm package of bench/peer ships (PostGraphile v5 needs Node >= 22). */
export function peerNode(peerDirectory: string): string {
  return path.join(peerDirectory, 'node_modules', 'node', 'bin', 'node');
}

/**
 * Installs the peer's own packages on a fresh clone. --legacy-peer-deps: @graphile/pg-aggregates 0.2.0-rc.2 declares
 * peers of PostGraphile's release candidates, which the released v5 satisfies in fact but not in npm's eyes.
 */
export async function ensurePeerInstalled(peerDirectory: string, log: (line: string) => void): Promise<void> {
  const ready = ['postgraphile', '@graphile/pg-aggregates', 'pg'].every((p) =>
    existsSync(path.join(peerDirectory, 'node_modules', p, 'package.json')),
  );
  if (ready && existsSync(peerNode(peerDirectory))) return;
  log('installing the PostGraphile peer (bench/peer) …');
  const started = Date.now();
  // `npm ci` from the checked-in lock file when there is one: the same versions on every machine.
  const command = existsSync(path.join(peerDirectory, 'package-lock.json')) ? 'ci' : 'install';
  await run('npm', [command, '--prefix', peerDirectory, '--legacy-peer-deps', '--no-audit', '--no-fund'], { maxBuffer: 64 * 1024 * 1024 });
  if (!existsSync(peerNode(peerDirectory))) throw new Error(`the peer's Node 22 binary is missing after install: ${peerNode(peerDirectory)}`);
  log(`peer installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Starts PostGraphile v5 (bench/peer/server.mjs) on Node 22 over the bench database, in production mode. */
export async function startPeerServer(peerDirectory: string, databaseUrl: string, poolSize: number, logDirectory: string): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  return spawnServer({
    name: 'postgraphile',
    command: peerNode(peerDirectory),
    args: [path.join(peerDirectory, 'server.mjs')],
    cwd: peerDirectory,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', PG_POOL_MAX: String(poolSize) },
    url,
    logFile: path.join(logDirectory, 'postgraphile.log'),
    timeoutMs: 120_000,
  });
}
