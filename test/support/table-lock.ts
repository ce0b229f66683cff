import pg from 'pg';
import { waitFor } from './wait-for.js';

/** Tables locked by a transaction the test holds open: whoever needs a conflicting lock waits until `release`. */
export interface TableLock {
  /** The backend holding the lock. */
  pid: number;
  /** Runs a statement inside the locking transaction (it already holds the lock, so never waits on it). */
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** Backends waiting on this lock now (pg_blocking_pids), with their query. */
  waiting(): Promise<{ pid: number; query: string }[]>;
  /** Waits (generously: this machine may be slow) until some backend waits on the lock; returns the first. */
  untilSomeoneWaits(timeoutMs?: number): Promise<{ pid: number; query: string }>;
  /** Ends the transaction and closes the connection. */
  release(): Promise<void>;
}

/** Takes `LOCK TABLE <tables> IN <mode> MODE` in a transaction of its own, on a connection of its own. */
export async function lockTables(url: string, tables: string[], mode = 'access exclusive'): Promise<TableLock> {
  const client = new pg.Client({ connectionString: url, application_name: 'test-table-lock' });
  await client.connect();
  await client.query('begin');
  await client.query(`lock table ${tables.join(', ')} in ${mode} mode`);
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
  if (pid === undefined) throw new Error('no backend pid');
  // Read from another connection: the locking one may be busy with the test's own statements.
  const observer = new pg.Client({ connectionString: url, application_name: 'test-table-lock-observer' });
  await observer.connect();
  const waiting = async () =>
    (await observer.query<{ pid: number; query: string }>('select pid, query from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [pid]))
      .rows;
  let released = false;
  return {
    pid,
    query: (text, values) => client.query(text, values),
    waiting,
    untilSomeoneWaits: (timeoutMs) => waitFor(`a backend to wait on the lock of ${tables.join(', ')}`, async () => (await waiting())[0], timeoutMs),
    async release() {
      if (released) return;
      released = true;
      await client.query('rollback').catch(() => undefined);
      await Promise.all([client.end(), observer.end()]);
    },
  };
}
