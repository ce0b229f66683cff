import { spawn } from 'node:child_process';
import { copyFile, chmod, chown, lstat, mkdir, readdir, readlink, stat, symlink, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { databaseUrl, embeddedServerUrl, freePort, type EmbeddedCluster } from '../../warehouse/database/embedded-postgres.js';
import { stopOnProcessExit } from '../../warehouse/database/postmaster-exit-hooks.js';
import { waitFor } from './wait-for.js';
import { withClient } from '../../warehouse/database/with-client.js';

/** A hot standby of an embedded cluster, streaming its WAL, run by the same PostgreSQL binaries. */
export interface StreamingReplica {
  port: number;
  /** Connection string of one of the replica's databases, as the primary's superuser (roles are replicated). */
  url(database: string): string;
  /** Runs one statement on one of the replica's databases (`postgres` by default) as the superuser. */
  query<R extends pg.QueryResultRow>(text: string, database?: string): Promise<R[]>;
  /** Fast shutdown of the replica's postmaster; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface ReplicaOptions {
  /** Where the copy goes: a fresh path in a folder the `postgres` user can enter. */
  dataDirectory: string;
}

const REPLICATION_ROLE = 'warehouse_replication';
const REPLICATION_PASSWORD = 'replication-test-password';
const SLOT = 'warehouse_replica';

/**
 * Contents the documentation on base backups says to leave out (the folders themselves stay): WAL comes by
 * streaming, and the rest is rebuilt at start. postmaster.pid would make the copy look already running.
 */
const SKIPPED_CONTENTS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);

/** Copies a data directory that is being written to: a file that goes away meanwhile is skipped (WAL replay redoes it). */
async function copyDataDirectory(from: string, to: string, top = true): Promise<void> {
  await mkdir(to, { mode: 0o700 });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    try {
      if (top && SKIPPED_FILES.has(entry.name)) continue;
      if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
      else if (entry.isDirectory()) {
        if (top && SKIPPED_CONTENTS.has(entry.name)) await mkdir(target, { mode: 0o700 });
        else await copyDataDirectory(source, target, false);
      } else await copyFile(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Gives every file of the copy to the primary's owner: as root, PostgreSQL runs as `postgres` and needs them. */
async function chownTree(directory: string, uid: number, gid: number): Promise<void> {
  await chown(directory, uid, gid);
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const target = path.join(directory, entry.name);
    if (entry.isDirectory()) await chownTree(target, uid, gid);
    else if ((await lstat(target)).isSymbolicLink()) continue;
    else await chown(target, uid, gid);
  }
}

/** The `postgres` binary embedded-postgres ships for this platform (the primary's own). */
async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return binaries.postgres;
}

/** Returns a setting's line for postgresql.auto.conf, quoted as PostgreSQL's configuration files quote strings. */
function settingLine(name: string, value: string): string {
  return `${name} = '${value.replaceAll("'", "''")}'\n`;
}

/**
 * Builds a streaming replica of `primary` as an administrator would without pg_basebackup (embedded-postgres ships
 * only initdb, pg_ctl and postgres): a replication role and slot on the primary (the slot keeps the WAL the copy
 * needs), the low-level backup API around a file copy of the data directory (pg_backup_start, copy,
 * pg_backup_stop, whose label is written as backup_label), then standby.signal and primary_conninfo, and the
 * postmaster started on the copy. Resolves once the replica accepts read-only connections and streams.
 */
export async function startStreamingReplica(primary: EmbeddedCluster, options: ReplicaOptions): Promise<StreamingReplica> {
  await withClient(primary.url, async (c) => {
    const hba = await c.query(`select 1 from pg_hba_file_rules where 'replication' = any(database) and type = 'host' and address = '127.0.0.1'`);
    // initdb writes this line; without it the standby could not connect, and the failure would only show in its log.
    if (hba.rowCount === 0) throw new Error('the primary has no pg_hba.conf entry for replication from 127.0.0.1');
    await c.query(`create role ${REPLICATION_ROLE} with replication login password '${REPLICATION_PASSWORD}'`);
    await c.query(`select pg_create_physical_replication_slot('${SLOT}', true)`);
    // One session from start to stop: the non-exclusive backup ends with the session that started it.
    await c.query(`select pg_backup_start('streaming-replica', true)`);
    await copyDataDirectory(primary.dataDirectory, options.dataDirectory);
    const { rows } = await c.query<{ labelfile: string; spcmapfile: string | null }>('select labelfile, spcmapfile from pg_backup_stop(false)');
    const stopped = rows[0];
    if (!stopped) throw new Error('pg_backup_stop returned nothing');
    await writeFile(path.join(options.dataDirectory, 'backup_label'), stopped.labelfile);
    if (stopped.spcmapfile) await writeFile(path.join(options.dataDirectory, 'tablespace_map'), stopped.spcmapfile);
  });

  const directory = options.dataDirectory;
  await writeFile(path.join(directory, 'standby.signal'), '');
  const conninfo = `host=127.0.0.1 port=${primary.port} user=${REPLICATION_ROLE} password=${REPLICATION_PASSWORD} application_name=${SLOT}`;
  await appendFile(path.join(directory, 'postgresql.auto.conf'), settingLine('primary_conninfo', conninfo) + settingLine('primary_slot_name', SLOT));
  const owner = await stat(primary.dataDirectory);
  await chownTree(directory, owner.uid, owner.gid);
  await chmod(directory, 0o700);

  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const child = spawn(
    await postgresBinary(),
    ['-D', directory, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { stdio: ['ignore', 'ignore', 'pipe'], ...(isRoot ? { uid: owner.uid, gid: owner.gid } : {}) },
  );
  stopOnProcessExit(child);
  let log = '';
  // Its last lines are enough to say why it failed.
  child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-10_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const url = (database: string) => databaseUrl(embeddedServerUrl(port), database);
  const query = <R extends pg.QueryResultRow>(text: string, database = 'postgres') =>
    withClient(url(database), async (c) => (await c.query<R>(text)).rows);
  const replica: StreamingReplica = {
    port,
    url,
    query,
    async stop() {
      if (running()) child.kill('SIGINT');
      await exited;
    },
  };
  try {
    await waitFor('the replica to accept read-only connections', async () => {
      if (!running()) throw new Error("the replica's postmaster exited");
      const rows = await query<{ standby: boolean }>('select pg_is_in_recovery() as standby').catch(() => null);
      return rows?.[0]?.standby === true;
    });
    await waitFor('the replica to stream from the primary', async () => {
      const rows = await withClient(
        primary.url,
        async (c) => (await c.query(`select 1 from pg_stat_replication where application_name = '${SLOT}' and state = 'streaming'`)).rows,
      );
      return rows.length > 0;
    });
  } catch (error) {
    await replica.stop();
    // Why it never streamed (authentication, a missing WAL segment, …) is only in the replica's own log.
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nreplica log:\n${log.slice(-3000)}`);
  }
  return replica;
}
