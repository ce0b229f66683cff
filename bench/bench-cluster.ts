import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase } from '../warehouse/database/database-target.js';
import { withClient } from '../warehouse/database/with-client.js';
import { bootEmbeddedPostgres, databaseUrl, type EmbeddedCluster } from '../warehouse/database/embedded-postgres.js';

/** The one PostgreSQL every system of a bench run talks to, in a data directory of its own. */
export interface BenchCluster {
  cluster: EmbeddedCluster;
  /** Connection string of the bench database. */
  url: string;
  /** Whether pg_stat_statements is loaded (statement counts per request come from it). */
  statementStats: boolean;
  stop(): Promise<void>;
}

export const BENCH_DATABASE = 'bench';

/**
 * Boots a fresh cluster under /tmp (mode 0755: as root, PostgreSQL runs as `postgres`, which must enter it), through
 * the product's own boot code. pg_stat_statements must be preloaded at server start, and the product's boot takes no
 * extra flags: so the first start only initialises, ALTER SYSTEM adds the library, and a restart loads it.
 */
export async function bootBenchCluster(log: (line: string) => void): Promise<BenchCluster> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'warehouse-bench-'));
  await chmod(parent, 0o755);
  const dataDirectory = path.join(parent, 'data');
  let cluster = await bootEmbeddedPostgres({ dataDirectory });
  await withClient(cluster.url, async (c) => {
    await c.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
    // Track statements inside functions too, and keep enough distinct statements for all systems' queries.
    await c.query(`alter system set pg_stat_statements.track = 'all'`);
    await c.query(`alter system set pg_stat_statements.max = 10000`);
  });
  await cluster.stop();
  let statementStats = true;
  try {
    cluster = await bootEmbeddedPostgres({ dataDirectory, port: cluster.port });
  } catch (error) {
    // Binaries without the library: fall back to a plain start and report no statement counts.
    log(`pg_stat_statements could not be preloaded (${error instanceof Error ? error.message : String(error)}); statement counts off`);
    await withClient(cluster.url, (c) => c.query(`alter system reset shared_preload_libraries`)).catch(() => undefined);
    cluster = await bootEmbeddedPostgres({ dataDirectory, port: cluster.port });
    statementStats = false;
  }
  await ensureDatabase(cluster.url, BENCH_DATABASE);
  const url = databaseUrl(cluster.url, BENCH_DATABASE);
  if (statementStats) {
    statementStats = await withClient(url, async (c) => {
      await c.query('create extension if not exists pg_stat_statements');
      return true;
    }).catch(() => false);
  }
  log(`bench PostgreSQL on port ${cluster.port}, data in ${dataDirectory}${statementStats ? ', pg_stat_statements on' : ''}`);
  const booted = cluster;
  return {
    cluster: booted,
    url,
    statementStats,
    stop: async () => {
      await booted.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
