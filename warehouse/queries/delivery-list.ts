import type { Kysely } from 'kysely';
import type { Database } from '../database/tables.js';

export interface DeliveryFilter {
  agency?: string;
  status?: string;
}

/** The load history, newest first: `limit` deliveries after the cursor's id. */
export function deliveryPage(db: Kysely<Database>, filter: DeliveryFilter, limit: number, beforeId: number | null) {
  let query = db.selectFrom('ingest.delivery').selectAll();
  if (filter.agency) query = query.where('agency', '=', filter.agency);
  if (filter.status) query = query.where('status', '=', filter.status as 'published');
  if (beforeId !== null) query = query.where('delivery_id', '<', beforeId);
  return query.orderBy('delivery_id', 'desc').limit(limit + 1);
}
