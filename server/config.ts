import { DEFAULT_MAX_QUERY_COST } from './list-cost-limit.js';

/** Server settings, all from the environment so that deployments change them without code changes. */
export interface ServerConfig {
  port: number;
  host: string;
  /** When unset, an embedded PostgreSQL is booted. */
  databaseUrl: string | undefined;
  /** Connection for API queries, as a read-only role; defaults to a role the server creates (see warehouse/database/reader-role.ts). */
  readerDatabaseUrl: string | undefined;
  production: boolean;
  /** Milliseconds after which the database cancels one statement. */
  statementTimeoutMs: number;
  maxConnections: number;
  /** Largest accepted request body. */
  bodyLimit: string;
  /** Requests per minute per API key (or per address without one); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Largest list-size cost of one operation (see server/list-cost-limit.ts). */
  maxQueryCost: number;
  /** Path of the trusted-documents manifest; when set, only its operations run. */
  trustedDocuments: string | undefined;
  /** Most rows one CSV export streams. */
  exportRowCap: number;
  /** Milliseconds SIGTERM waits for in-flight requests before closing. */
  shutdownGraceMs: number;
  /** Port of /metrics on a listener of its own (same host); unset: /metrics on the API's port, for admin keys only. */
  metricsPort: number | undefined;
  /** Seconds the embedded PostgreSQL may stay down after a crash before the process gives up and exits. */
  embeddedRestartGiveUpS: number;
  /** TCP port of the embedded PostgreSQL; 0 picks a free one at each start. */
  embeddedPgPort: number;
  /** Password of the bi_reader login for SQL clients; random per start when unset. */
  biReaderPassword: string | undefined;
  /** Milliseconds after which the database cancels one statement of bi_reader. */
  biStatementTimeoutMs: number;
}

function integer(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}

function positiveNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

export function readServerConfig(): ServerConfig {
  return {
    port: integer('PORT', 4000),
    host: process.env.HOST ?? '127.0.0.1',
    databaseUrl: process.env.DATABASE_URL || undefined,
    readerDatabaseUrl: process.env.READER_DATABASE_URL || undefined,
    production: process.env.NODE_ENV === 'production',
    statementTimeoutMs: integer('STATEMENT_TIMEOUT_MS', 10_000),
    maxConnections: integer('PG_POOL_MAX', 10),
    bodyLimit: process.env.BODY_LIMIT ?? '100kb',
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 600),
    maxQueryCost: integer('MAX_QUERY_COST', DEFAULT_MAX_QUERY_COST),
    trustedDocuments: process.env.TRUSTED_DOCUMENTS || undefined,
    exportRowCap: integer('EXPORT_ROW_CAP', 100_000),
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 10_000),
    metricsPort: process.env.METRICS_PORT ? integer('METRICS_PORT', 0) : undefined,
    embeddedRestartGiveUpS: positiveNumber('EMBEDDED_RESTART_GIVEUP_S', 60),
    embeddedPgPort: integer('EMBEDDED_PG_PORT', 0),
    biReaderPassword: process.env.BI_READER_PASSWORD || undefined,
    biStatementTimeoutMs: integer('BI_STATEMENT_TIMEOUT_MS', 60_000),
  };
}
