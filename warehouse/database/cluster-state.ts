import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Who runs the embedded cluster of a data directory, so that another process of this project can find it: a small
 * JSON file beside the data directory (`<data dir>.owner.json`, in its parent), readable by the owner only, since it
 * holds the connection string. PostgreSQL's own `postmaster.pid` tells whether the cluster is up.
 */
export interface ClusterState {
  owner: {
    pid: number;
    role: ClusterRole;
    /** The API's URL once the server listens. */
    httpUrl?: string;
    startedAt: string;
  };
  postgres: { pid: number; port: number; url: string };
}

/** `server`: `npm start`, which keeps the cluster up; `load`: a load that booted a cluster for itself. */
export type ClusterRole = 'server' | 'load';

/** What is known about a data directory's cluster from its postmaster.pid and the project's state file. */
export interface DataDirectoryStatus {
  /** From postmaster.pid, when that file exists. */
  postmaster: { pid: number; port: number; alive: boolean } | null;
  state: ClusterState | null;
  /** Whether the process that wrote the state file is alive. */
  ownerAlive: boolean;
}

export function clusterStatePath(dataDirectory: string): string {
  return path.join(path.dirname(dataDirectory), `${path.basename(dataDirectory)}.owner.json`);
}

/** True while a process with this id exists (EPERM: it exists but belongs to another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster's pid and port (lines 1 and 4 of postmaster.pid), or null without the file. */
export async function readPostmasterPid(dataDirectory: string): Promise<{ pid: number; port: number } | null> {
  let text: string;
  try {
    text = await readFile(path.join(dataDirectory, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 ? { pid, port: Number.isInteger(port) ? port : 0 } : null;
}

export async function readClusterState(dataDirectory: string): Promise<ClusterState | null> {
  try {
    const state = JSON.parse(await readFile(clusterStatePath(dataDirectory), 'utf8')) as ClusterState;
    return typeof state.owner?.pid === 'number' && typeof state.postgres?.port === 'number' ? state : null;
  } catch {
    return null;
  }
}

/** Writes the state file whole (a temporary file renamed over it), with mode 0600. */
export async function writeClusterState(dataDirectory: string, state: ClusterState): Promise<void> {
  const file = clusterStatePath(dataDirectory);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/** Removes the state file if this process wrote it. */
export async function removeClusterState(dataDirectory: string): Promise<void> {
  const state = await readClusterState(dataDirectory);
  if (state?.owner.pid === process.pid) await rm(clusterStatePath(dataDirectory), { force: true });
}

export async function inspectDataDirectory(dataDirectory: string): Promise<DataDirectoryStatus> {
  const [pidFile, state] = await Promise.all([readPostmasterPid(dataDirectory), readClusterState(dataDirectory)]);
  return {
    postmaster: pidFile && { ...pidFile, alive: processAlive(pidFile.pid) },
    state,
    ownerAlive: state !== null && state.owner.pid !== process.pid && processAlive(state.owner.pid),
  };
}

/** One line naming who holds a data directory, for refusals. */
export function describeHolder(status: DataDirectoryStatus): string {
  const { state, postmaster } = status;
  const postgres = postmaster?.alive ? `PostgreSQL pid ${postmaster.pid} on port ${postmaster.port}` : 'its PostgreSQL restarting';
  if (state && status.ownerAlive) {
    const who = state.owner.role === 'server' ? 'the migration-warehouse server' : 'a case load (npm run load)';
    const where = state.owner.httpUrl ? ` at ${state.owner.httpUrl}` : '';
    return `${who} pid ${state.owner.pid}${where} (${postgres})`;
  }
  return postgres;
}
