import type pg from 'pg';

/**
 * SQL statements one request costs, from pg_stat_statements: reset, send the request alone, sum the calls recorded
 * in the bench database. Counts every statement a system sends, transaction control included (BEGIN, COMMIT, SET
 * are round trips too); this counter's own queries are left out. Repeated a few times, the most frequent count wins
 * (a pool opening a connection can add a statement once).
 */
export async function statementsPerRequest(admin: pg.Pool, send: () => Promise<void>, repeats = 3): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    await admin.query('select pg_stat_statements_reset()');
    await send();
    const { rows } = await admin.query<{ calls: string | null }>(
      `select sum(calls)::text as calls from pg_stat_statements
       where dbid = (select oid from pg_database where datname = current_database())
         and query not ilike '%pg_stat_statements%'`,
    );
    counts.push(Number(rows[0]?.calls ?? 0));
  }
  const frequency = new Map<number, number>();
  for (const c of counts) frequency.set(c, (frequency.get(c) ?? 0) + 1);
  return [...frequency].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? Number.NaN;
}
