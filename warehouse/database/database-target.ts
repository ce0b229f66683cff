import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  describeHolder,
  inspectDataDirectory,
  processAlive,
  removeClusterState,
  writeClusterState,
  type ClusterRole,
  type DataDirectoryStatus,
} from './cluster-state.js';
import { bootEmbeddedPostgres, databaseUrl, defaultDataDirectory, embeddedServerUrl, type EmbeddedCluster } from './embedded-postgres.js';

export interface DatabaseTarget {
  url: string;
  /** Set when this process booted the database and must stop it on exit. */
  embedded?: EmbeddedCluster;
  /** Records the API's URL (and the current postmaster pid) in the data directory's state file. */
  recordState(fields?: { httpUrl?: string }): Promise<void>;
  /** Stops the embedded cluster this process booted, if any, and removes its state file. */
  stop(): Promise<void>;
}

export interface ResolveOptions {
  /** `server` (the default) refuses a data directory in use; `load` connects to the cluster running there. */
  role?: ClusterRole;
  /** How long a load waits for a server's cluster that is restarting. Default 60 s. */
  restartWaitMs?: number;
  /** Port of an embedded cluster booted here (a fixed one keeps saved SQL-client connections valid); default: a free one. */
  port?: number;
}

/** A data directory held by another live process: one line that names it, shown without a stack trace. */
export class DataDirectoryInUseError extends Error {
  override readonly name = 'DataDirectoryInUseError';
}

const EMBEDDED_DATABASE = 'warehouse';

/**
 * DATABASE_URL when given (never starting an embedded server then); else the embedded PostgreSQL of the default
 * data directory: booted here when none runs there; when one runs, a load connects to it (the running API sees the
 * swap at once), while a second server refuses with one line naming the first. A cluster left running by a server
 * that died (its owner pid is gone) is stopped and booted again.
 */
export async function resolveDatabase(
  configuredUrl: string | undefined,
  log: (line: string) => void,
  options: ResolveOptions = {},
): Promise<DatabaseTarget> {
  if (configuredUrl) return { url: configuredUrl, recordState: async () => undefined, stop: async () => undefined };
  const role = options.role ?? 'server';
  const dataDirectory = defaultDataDirectory();
  const waitUntil = Date.now() + (options.restartWaitMs ?? 60_000);
  for (;;) {
    const status = await inspectDataDirectory(dataDirectory);
    const held = status.ownerAlive && status.state !== null;
    if (status.postmaster?.alive) {
      if (role === 'load' && !(held && status.state?.owner.role === 'load')) return attach(dataDirectory, status, log);
      // Only a postmaster our state file names is ours to stop (a stale postmaster.pid may name a reused pid).
      if (held || status.state?.postgres.pid !== status.postmaster.pid) throw inUse(dataDirectory, status);
      await stopOrphan(dataDirectory, status.postmaster.pid, status.state.owner.pid, log);
      break;
    }
    if (!held) break;
    // The owner lives but its postmaster does not: a server restarting its cluster. A load waits for it.
    if (role === 'server' || status.state?.owner.role === 'load' || Date.now() > waitUntil) throw inUse(dataDirectory, status);
    await sleep(500);
  }

  const embedded = await bootEmbeddedPostgres({ dataDirectory, ...(options.port ? { port: options.port } : {}) });
  log(`embedded PostgreSQL on port ${embedded.port}, data in ${embedded.dataDirectory}`);
  const startedAt = new Date().toISOString();
  let httpUrl: string | undefined;
  const recordState = async (fields: { httpUrl?: string } = {}) => {
    httpUrl = fields.httpUrl ?? httpUrl;
    await writeClusterState(dataDirectory, {
      owner: { pid: process.pid, role, startedAt, ...(httpUrl ? { httpUrl } : {}) },
      postgres: { pid: embedded.pid(), port: embedded.port, url: embedded.url },
    });
  };
  await recordState();
  await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
  return {
    url: databaseUrl(embedded.url, EMBEDDED_DATABASE),
    embedded,
    recordState,
    stop: async () => {
      await embedded.stop();
      await removeClusterState(dataDirectory);
    },
  };
}

function inUse(dataDirectory: string, status: DataDirectoryStatus): DataDirectoryInUseError {
  return new DataDirectoryInUseError(
    `data directory ${dataDirectory} is in use by ${describeHolder(status)}; stop that first, or set PGDATA_DIR to another directory`,
  );
}

/** Connects to the cluster running on the data directory: its URL from the state file, else its port and our credentials. */
function attach(dataDirectory: string, status: DataDirectoryStatus, log: (line: string) => void): DatabaseTarget {
  const port = status.postmaster?.port ?? 0;
  const serverUrl = status.state && status.state.postgres.port === port ? status.state.postgres.url : embeddedServerUrl(port);
  log(`using the embedded PostgreSQL already running on data directory ${dataDirectory}: ${describeHolder(status)}`);
  return { url: databaseUrl(serverUrl, EMBEDDED_DATABASE), recordState: async () => undefined, stop: async () => undefined };
}

/** Fast shutdown of a postmaster whose owner died without stopping it (the server was killed). */
async function stopOrphan(dataDirectory: string, pid: number, ownerPid: number, log: (line: string) => void): Promise<void> {
  log(`stopping the embedded PostgreSQL (pid ${pid}) left running on ${dataDirectory} by process ${ownerPid}, which is gone`);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (processAlive(pid)) {
    if (Date.now() > deadline) throw new DataDirectoryInUseError(`PostgreSQL pid ${pid} on data directory ${dataDirectory} did not stop within 30 s`);
    await sleep(100);
  }
}

/** Creates a database on the server if it does not exist yet. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
