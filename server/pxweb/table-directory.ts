import type { Kysely } from 'kysely';
import type { Database } from '../../warehouse/database/tables.js';
import { listSourceTables, resolveSourceTable, sourceListing } from './source-tables.js';
import { findTable, PX_TABLES } from './table-catalog.js';
import { familyListing, type ListedTable } from './table-listing.js';
import { resolveTable, type ResolvedTable } from './table-variables.js';

/** Every table: the catalogue's metric families, then the curated published source tables. */
export async function listedTables(db: Kysely<Database>): Promise<ListedTable[]> {
  return [...PX_TABLES.map((t) => familyListing(t)), ...(await listSourceTables(db)).map((t) => sourceListing(t))];
}

/** A table by id (case-insensitive) with its variables and values, or null. */
export async function resolveAnyTable(db: Kysely<Database>, id: string): Promise<ResolvedTable | null> {
  const family = findTable(id);
  if (family) return resolveTable(db, family);
  const source = (await listSourceTables(db)).find((t) => t.id.toLowerCase() === id.toLowerCase());
  return source ? resolveSourceTable(db, source) : null;
}

/** The listing of a resolved table (with its variable names). */
export function listingOf(resolved: ResolvedTable, sourceListingOf: ListedTable | null): ListedTable {
  if (resolved.source.kind === 'metrics') return familyListing(resolved.source.family, resolved);
  return { ...(sourceListingOf as ListedTable), variableNames: resolved.variables.map((v) => v.label) };
}
