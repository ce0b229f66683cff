import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.js';
import { registerTypeParsers } from './type-parsers.js';
import { namedStatementPool } from './named-statements.js';
import { tracedDialect } from './traced-dialect.js';

// numeric and bigint arrive as strings by default; counts and sums we convert where we read them,
// but int8 ids and counts beyond 2^53 do not occur in this warehouse, so parse int8 as a number.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));
registerTypeParsers();

export interface ConnectOptions {
  /** Upper bound on open connections: a bounded pool protects the database from bursts. */
  maxConnections?: number;
  /** Milliseconds after which the database cancels a statement. */
  statementTimeoutMs?: number;
  applicationName?: string;
  /** Send hot reads as named (prepared) statements (named-statements.ts); default on. */
  namedStatements?: boolean;
}

export interface WarehouseConnection {
  db: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connectWarehouse(url: string, options: ConnectOptions = {}): WarehouseConnection {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    statement_timeout: options.statementTimeoutMs,
    application_name: options.applicationName ?? 'migration-warehouse',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A client losing its server (a crash, a restart, a network cut) must not crash the process. Idle, the pool drops
  // it and the next query gets a fresh connection; checked out, pg has no listener on it, and its query fails anyway.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  // Each statement in a span (its operation and duration): a no-op unless the server registered a tracer.
  // Hot statements go by name: parsed once per connection, and planned once they have a generic plan.
  const dialect = new PostgresDialect({ pool: options.namedStatements === false ? pool : namedStatementPool(pool) });
  const db = new Kysely<Database>({ dialect: tracedDialect(dialect) });
  return { db, pool, close: () => db.destroy() };
}
