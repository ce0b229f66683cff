/**
 * `npm start`: boots the database (embedded unless DATABASE_URL is set), migrates, loads what changed, and serves.
 */
import { connectWarehouse } from '../warehouse/database/connect.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';
import { readServerConfig } from './config.js';
import { createApp } from './create-app.js';
import { resolveDatabase } from './database-target.js';

const log = (line: string) => console.log(`[migration-warehouse] ${line}`);
const config = readServerConfig();
const started = Date.now();

const target = await resolveDatabase(config.databaseUrl, log);
const warehouse = connectWarehouse(target.url, {
  maxConnections: config.maxConnections,
  statementTimeoutMs: config.statementTimeoutMs,
});
const prepared = await prepareWarehouse(warehouse.db);
const { figures } = prepared;
log(
  `warehouse ready: ${prepared.migrationsApplied.length} migrations applied, ` +
    `${figures.loadedFiles.length} figure files loaded (${figures.figuresLoaded} figures), ${figures.unchangedFiles.length} unchanged`,
);
for (const problem of figures.rejected) log(`REJECTED ${problem.file}:${problem.line}: ${problem.message}`);

const app = await createApp({ db: warehouse.db, production: config.production, bodyLimit: config.bodyLimit });
await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
log(`GraphQL API at ${base}/graphql${config.production ? '' : `, playground at ${base}/playground`} (ready in ${Date.now() - started} ms)`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: draining requests and shutting down`);
  const force = setTimeout(() => {
    log('shutdown took longer than 10 s; exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  try {
    await app.stop();
    await warehouse.close();
    await target.embedded?.stop();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
