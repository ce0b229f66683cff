import { sql, type Kysely } from 'kysely';
import type { DeliveryRefusal } from './delivery-refusal.js';
import type { DeliveryManifest } from './manifest.js';

/** Reject details kept in the report files and in the warehouse's report; the counts are always complete. */
export const REPORT_DETAIL_CAP = 10_000;
/** The first errors the delivery's row (and GraphQL's `deliveries`) carries. */
export const FIRST_ERRORS = 20;

export interface RejectDetail {
  resource: string;
  row: number;
  sourceKey: string | null;
  field: string;
  cell: string | null;
  kind: string;
  message: string;
}

export interface DeliveryReport {
  agency: string;
  extractId: number;
  kind: 'full' | 'delta';
  status: 'published' | 'refused' | 'replayed' | 'validating';
  message: string | null;
  refusal: { code: string; file?: string; line?: number; field?: string } | null;
  rows: Record<string, number>;
  rowsTotal: number;
  rowsRejected: number;
  rowsApplied: number;
  rowsHeld: number;
  rejectsByKind: Record<string, number>;
  /** Distinct codes no code map maps, with their counts: usually the map needs a row, not the data a fix. */
  unmappedCodes: { resource: string; field: string; code: string; count: number }[];
  firstErrors: RejectDetail[];
  details: RejectDetail[];
  /** True when there were more rejects than REPORT_DETAIL_CAP: `details` holds the first ones, the counts all. */
  detailsCapped: boolean;
}

/** What the warehouse recorded of a delivery's rejects, as a report. */
export async function readRejects<D>(
  db: Kysely<D>,
  deliveryId: number,
): Promise<Pick<DeliveryReport, 'rejectsByKind' | 'unmappedCodes' | 'firstErrors' | 'details' | 'detailsCapped'> & { rowsRejected: number }> {
  const byKind = await sql<{ kind: string; n: number }>`
    select kind, count(*)::int as n from ingest.reject where delivery_id = ${deliveryId} group by kind order by kind`.execute(db);
  const rejectedRows = await sql<{ n: number }>`
    select count(*)::int as n from (select distinct resource, row_number from ingest.reject where delivery_id = ${deliveryId}) r`.execute(db);
  const unmapped = await sql<DeliveryReport['unmappedCodes'][number]>`
    select resource, field, cell as code, count(*)::int as count from ingest.reject
    where delivery_id = ${deliveryId} and kind = 'UNMAPPED_CODE' group by 1, 2, 3 order by count desc, code limit 1000`.execute(db);
  const details = await sql<RejectDetail>`
    select resource, row_number::int as row, source_key as "sourceKey", field, cell, kind, message from ingest.reject
    where delivery_id = ${deliveryId} order by resource, row_number, field limit ${REPORT_DETAIL_CAP + 1}`.execute(db);
  const total = byKind.rows.reduce((a, r) => a + r.n, 0);
  return {
    rowsRejected: rejectedRows.rows[0]?.n ?? 0,
    rejectsByKind: Object.fromEntries(byKind.rows.map((r) => [r.kind, r.n])),
    unmappedCodes: unmapped.rows,
    firstErrors: details.rows.slice(0, FIRST_ERRORS),
    details: details.rows.slice(0, REPORT_DETAIL_CAP),
    detailsCapped: total > REPORT_DETAIL_CAP,
  };
}

/** An empty report for a delivery whose manifest was read. */
export function newReport(manifest: DeliveryManifest): DeliveryReport {
  return {
    agency: manifest.agency,
    extractId: manifest.extractId,
    kind: manifest.kind,
    status: 'validating',
    message: null,
    refusal: null,
    rows: {},
    rowsTotal: 0,
    rowsRejected: 0,
    rowsApplied: 0,
    rowsHeld: 0,
    rejectsByKind: {},
    unmappedCodes: [],
    firstErrors: [],
    details: [],
    detailsCapped: false,
  };
}

export function refusalOf(error: DeliveryRefusal): DeliveryReport['refusal'] {
  return { code: error.code, ...error.place };
}
