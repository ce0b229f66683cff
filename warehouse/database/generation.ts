import { sql, type QueryExecutorProvider } from 'kysely';

/** The channel every change of the warehouse is announced on; the payload is the new generation. */
export const GENERATION_CHANNEL = 'warehouse_generation';

/**
 * Counts one more load and announces it. Call it inside the transaction that changes the data: the NOTIFY is
 * delivered at commit (never for a rollback), and a reader that sees the new generation sees the new data.
 */
export async function bumpGeneration(trx: QueryExecutorProvider): Promise<void> {
  await sql`with bumped as (
      update warehouse_generation set generation = generation + 1, changed_at = now() returning generation)
    select pg_notify(${GENERATION_CHANNEL}, generation::text) from bumped`.execute(trx);
}

/** The current generation (a bigint as text: it is compared, never computed with). */
export async function readGeneration(db: QueryExecutorProvider): Promise<string> {
  const { rows } = await sql<{ generation: string }>`select generation::text as generation from warehouse_generation`.execute(db);
  return rows[0]?.generation ?? '0';
}
