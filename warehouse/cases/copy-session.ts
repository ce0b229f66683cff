import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../database/tables.js';

/** Where to load: a connection string, a pg pool, or the warehouse's Kysely instance. */
export type CaseLoadTarget = string | pg.Pool | Kysely<Database>;

/** A running COPY … FROM STDIN: write COPY text to `stream`, end it, and await `done`. */
export interface CopyRun {
  stream: Writable;
  done: Promise<void>;
}

export interface CopySession {
  db: Kysely<Database>;
  copy(statement: string): Promise<CopyRun>;
  close(): Promise<void>;
}

/**
 * Opens the loader's database session. COPY needs a raw pg client: from a connection string or a pool we check one
 * out. From a Kysely instance alone (prepareWarehouse gets nothing else) we borrow one of its connections and hand
 * pg-copy-streams' query object to it as the "SQL": Kysely passes it unchanged to pg's Client.query, which accepts
 * any submittable object, and the connection stays ours until the COPY has finished.
 */
export function openCopySession(target: CaseLoadTarget): CopySession {
  if (target instanceof Kysely) {
    const db = target;
    return {
      db,
      copy: (statement) =>
        new Promise<CopyRun>((resolve, reject) => {
          let started = false;
          db.connection()
            .execute(async (connection) => {
              const stream = copyFrom(statement);
              const done = settledLater(finished(stream));
              await connection.executeQuery({ ...CompiledQuery.raw(''), sql: stream as unknown as string });
              started = true;
              resolve({ stream, done });
              await done;
            })
            .catch((error: unknown) => {
              if (!started) reject(error);
            });
        }),
      close: async () => undefined,
    };
  }
  const ownPool = typeof target === 'string';
  const pool = typeof target === 'string' ? new pg.Pool({ connectionString: target, max: 4 }) : target;
  if (ownPool) {
    // A lost server fails the load through its queries and COPY streams, not as an unhandled 'error' event.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
  }
  // A Kysely over the pool for the DDL; never destroyed when the pool is the caller's (destroy would end it).
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    copy: async (statement) => {
      const client = await pool.connect();
      const stream = client.query(copyFrom(statement));
      const done = settledLater(finished(stream).finally(() => client.release()));
      return { stream, done };
    },
    close: async () => {
      if (ownPool) await db.destroy();
    },
  };
}

/**
 * A COPY can fail (its server lost, say) while the generator is between chunks, before anyone awaits `done`: that
 * must not be an unhandled rejection, which ends the process. The failure still reaches whoever awaits it next.
 */
function settledLater(done: Promise<void>): Promise<void> {
  done.catch(() => undefined);
  return done;
}
