import type { Kysely } from 'kysely';
import type { Database } from '../database/tables.js';

/** The loaded source documents (all, or those of the given codes), in code order. */
export function listSourceDocuments(db: Kysely<Database>, codes?: readonly string[]) {
  let query = db.selectFrom('dim_document').selectAll();
  if (codes) query = query.where('document', 'in', codes.length ? [...codes] : ['']);
  return query.orderBy('document');
}
