import { sql, type Kysely } from 'kysely';
import type { DeliveryManifest } from './manifest.js';
import { stateColumns, stateTable } from './state-tables.js';
import { quoteIdent, workTable } from './work-tables.js';

/**
 * Applies a validated delivery to its agency's state (in the publishing transaction): a full delivery replaces the
 * agency's rows of each resource (keys absent from it are deleted); a delta upserts and deletes by key, the last row
 * of a key deciding. Rejected rows are not applied. Returns the rows applied.
 */
export async function applyDelivery<D>(trx: Kysely<D>, deliveryId: number, manifest: DeliveryManifest): Promise<number> {
  let applied = 0;
  for (const resource of manifest.resources) {
    const table = stateTable(manifest.agency, resource.name);
    const mapped = workTable('mapped', deliveryId, resource.name);
    const columns = stateColumns(resource.schema).map((c) => quoteIdent(c.name));
    const accepted = `cardinality(m._errors) = 0 and m._dup = 1`;
    const primaryKey = quoteIdent(`state_${manifest.agency}_${resource.name}_pkey`);
    if (manifest.kind === 'full') {
      // Replaced whole: the key's index is built once after the insert rather than row by row.
      await sql.raw(`truncate ${table}`).execute(trx);
      await sql.raw(`alter table ${table} drop constraint ${primaryKey}`).execute(trx);
    } else {
      await sql.raw(`delete from ${table} s using ${mapped} m where s._key = m._key and ${accepted}`).execute(trx);
    }
    const upsert = manifest.kind === 'delta' ? ` and m.op = 'upsert'` : '';
    const { numAffectedRows } = await sql
      .raw(
        `insert into ${table} (_key, ${columns.join(', ')}, _delivery)
         select m._key, ${columns.map((c) => `m.${c}`).join(', ')}, ${deliveryId} from ${mapped} m where ${accepted}${upsert}`,
      )
      .execute(trx);
    if (manifest.kind === 'full') await sql.raw(`alter table ${table} add constraint ${primaryKey} primary key (_key)`).execute(trx);
    const deletes =
      manifest.kind === 'delta'
        ? Number(
            (await sql.raw<{ n: string }>(`select count(*) as n from ${mapped} m where ${accepted} and m.op = 'delete'`).execute(trx)).rows[0]?.n ??
              0,
          )
        : 0;
    applied += Number(numAffectedRows ?? 0) + deletes;
  }
  return applied;
}
