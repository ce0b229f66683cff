/** Server settings, all from the environment so that deployments change them without code changes. */
export interface ServerConfig {
  port: number;
  host: string;
  /** When unset, an embedded PostgreSQL is booted. */
  databaseUrl: string | undefined;
  production: boolean;
  /** Milliseconds after which the database cancels one statement. */
  statementTimeoutMs: number;
  maxConnections: number;
  /** Largest accepted request body. */
  bodyLimit: string;
}

function integer(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}

export function readServerConfig(): ServerConfig {
  return {
    port: integer('PORT', 4000),
    host: process.env.HOST ?? '127.0.0.1',
    databaseUrl: process.env.DATABASE_URL || undefined,
    production: process.env.NODE_ENV === 'production',
    statementTimeoutMs: integer('STATEMENT_TIMEOUT_MS', 10_000),
    maxConnections: integer('PG_POOL_MAX', 10),
    bodyLimit: process.env.BODY_LIMIT ?? '100kb',
  };
}
