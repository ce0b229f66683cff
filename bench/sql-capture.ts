import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type * as CreateAppModule from '../server/create-app.js';
import type { Database } from '../warehouse/database/tables.js';
import { BENCH_API_KEY } from './product-server.js';

/** One SQL statement as the product sent it: text and parameters. */
export interface CapturedStatement {
  sql: string;
  parameters: readonly unknown[];
}

/** What one GraphQL request did: its answer and every statement it sent, in the order they were sent. */
export interface CapturedRequest {
  status: number;
  errors: string[];
  statements: CapturedStatement[];
}

/**
 * The product's own HTTP app, in this process, over a Kysely that logs every statement: running a query through it
 * yields the exact SQL (and parameters) its resolvers send for that request and role, cell keys included, which the
 * raw-SQL baseline then replays. It is loaded from the compiled dist/ (the code the production server runs).
 * With `listenUrl` it follows the warehouse generation as the served product does (the generation memo: look-ups
 * that change only with a load are sent once per generation), so its second request sends what a served request
 * sends from then on; without, every request sends its look-ups too (what the memo saves).
 */
export interface StatementRecorder {
  run(query: string, headers: Record<string, string>): Promise<CapturedRequest>;
  close(): Promise<void>;
}

export async function startStatementRecorder(projectRoot: string, pool: pg.Pool, listenUrl: string | null): Promise<StatementRecorder> {
  let statements: CapturedStatement[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') statements.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
    },
  });
  // The same access rules as the product child gets: an analyst key; requests without one are the public's.
  process.env.API_KEYS = `${BENCH_API_KEY}:analyst`;
  process.env.LOG_LEVEL ??= 'warn';
  const compiled = pathToFileURL(path.join(projectRoot, 'dist/server/create-app.js')).href;
  const { createApp }: typeof CreateAppModule = await import(compiled);
  const app = await createApp({
    db,
    production: true,
    bodyLimit: '100kb',
    rateLimitPerMinute: 0,
    ...(listenUrl ? { resultCache: { maxBytes: 0, listenUrl } } : {}),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    async run(query, headers) {
      statements = [];
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      return { status: response.status, errors: (body.errors ?? []).map((e) => e.message), statements };
    },
    async close() {
      await app.stop();
      await new Promise<void>((resolve) => app.httpServer.close(() => resolve()));
    },
  };
}
