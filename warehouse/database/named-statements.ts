import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * The hot statements as named (prepared) statements. Planning a metric or figure statement costs PostgreSQL
 * 0.3–3.5 ms, often more than running it over the rollups; sent by name, a connection parses it once, and after a
 * few executions PostgreSQL keeps a generic plan and plans it no more. Only texts seen HOT_AFTER times are named (a
 * shape asked once gains nothing), and at most MAX_NAMED per process, because each connection keeps every statement
 * it prepared for as long as it lives. A schema swap (a reload) invalidates the plans; PostgreSQL re-plans them.
 */
export const HOT_AFTER = 3;
export const MAX_NAMED = 64;
/** Texts whose uses are counted before the count starts over (bounds the counting itself). */
const MAX_COUNTED = 10_000;

export interface NamedStatements {
  /** The statement's name, once its text is hot and while the budget lasts; undefined: send it unnamed. */
  nameOf(text: string): string | undefined;
  readonly named: number;
}

export function namedStatements(hotAfter = HOT_AFTER, maxNamed = MAX_NAMED): NamedStatements {
  const names = new Map<string, string>();
  const uses = new Map<string, number>();
  return {
    nameOf(text) {
      const known = names.get(text);
      if (known || names.size >= maxNamed) return known;
      // Reads only: a write or transaction control runs once per load, and gains nothing from a name.
      if (!/^\s*(select|with)\b/i.test(text)) return undefined;
      const seen = (uses.get(text) ?? 0) + 1;
      if (seen < hotAfter) {
        if (uses.size >= MAX_COUNTED) uses.clear();
        uses.set(text, seen);
        return undefined;
      }
      uses.delete(text);
      const name = `w_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      names.set(text, name);
      return name;
    },
    get named() {
      return names.size;
    },
  };
}

/** A pool for kysely's PostgresDialect whose clients send hot statements by name. */
export function namedStatementPool(pool: pg.Pool, statements: NamedStatements = namedStatements()): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      // pg's client takes both a text with parameters and a cursor (kysely's streaming); only texts get a name.
      function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(text: string | PostgresCursor<R>, values?: readonly unknown[]): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        if (typeof text !== 'string') return client.query(text as unknown as pg.Submittable) as unknown as PostgresCursor<R>;
        const name = statements.nameOf(text);
        const config: pg.QueryConfig = name ? { name, text, values: [...(values ?? [])] } : { text, values: [...(values ?? [])] };
        return client.query(config) as unknown as Promise<PostgresQueryResult<R>>;
      }
      return { query, release: () => client.release() };
    },
    end: () => pool.end(),
  };
}
