import { bootEmbeddedPostgres, databaseUrl, type EmbeddedCluster } from '../warehouse/database/embedded-postgres.js';
import pg from 'pg';

export interface DatabaseTarget {
  url: string;
  /** Set when this process booted the database and must stop it on exit. */
  embedded?: EmbeddedCluster;
}

const EMBEDDED_DATABASE = 'warehouse';

/** DATABASE_URL when given (never starting an embedded server then); else an embedded PostgreSQL of our own. */
export async function resolveDatabase(configuredUrl: string | undefined, log: (line: string) => void, port?: number): Promise<DatabaseTarget> {
  if (configuredUrl) return { url: configuredUrl };
  // A fixed port (EMBEDDED_PG_PORT) keeps saved SQL-client connections valid across restarts; else any free one.
  const embedded = await bootEmbeddedPostgres(port ? { port } : {});
  log(`embedded PostgreSQL on port ${embedded.port}, data in ${embedded.dataDirectory}`);
  await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
  return { url: databaseUrl(embedded.url, EMBEDDED_DATABASE), embedded };
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
