import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { DeliveringAgency, DeliveryStatus, type DeliveryStatusCode } from '../schema/delivery-enums.js';
import { Delivery, DeliveryConnection } from '../schema/delivery.type.js';
import type { DeliveryReport } from '../warehouse/ingest/delivery-report.js';
import { deliveryPage } from '../warehouse/queries/delivery-list.js';
import type { RequestContext } from './context.js';
import { decodeNumberCursor, encodeNumberCursor, pageSize } from './pagination.js';
import { requireRole } from './roles.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

@Resolver(() => Delivery)
export class DeliveryResolver {
  @Query(() => DeliveryConnection, {
    description:
      "The load history (leveranshistorik): every delivery of the agencies' extracts, newest first, with its status, rows, rejects by kind and first errors; needs the analyst role.",
  })
  async deliveries(
    @Arg('agency', () => DeliveringAgency, { nullable: true, description: 'Only this agency’s deliveries (myndighet).' }) agency: string | undefined,
    @Arg('status', () => DeliveryStatus, { nullable: true, description: 'Only deliveries with this status (status).' })
    status: DeliveryStatusCode | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–1000 (default 100).' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor: pageInfo.endCursor of the previous page.' }) after: string | undefined,
    @Ctx() { db, role }: RequestContext,
  ): Promise<DeliveryConnection> {
    requireRole(role, 'analyst', 'The load history');
    const limit = pageSize(first);
    const rows = await deliveryPage(db, { agency, status }, limit, decodeNumberCursor('delivery', after)).execute();
    const nodes = rows.slice(0, limit).map((row): Delivery => {
      const report = row.report as Partial<DeliveryReport>;
      return {
        deliveryId: String(row.delivery_id),
        agency: row.agency,
        extractId: Number(row.extract_id),
        kind: row.kind,
        status: row.status,
        message: row.message,
        extractedAt: iso(row.extracted_at),
        periodStart: isoDay(row.period_start),
        periodEnd: isoDay(row.period_end),
        receivedAt: iso(row.received_at) as string,
        finishedAt: iso(row.finished_at),
        rowsTotal: Number(row.rows_total),
        rowsRejected: Number(row.rows_rejected),
        rowsApplied: Number(row.rows_applied),
        rowsHeld: Number(row.rows_held),
        rejectsByKind: Object.entries(report.rejectsByKind ?? {}).map(([kind, count]) => ({ kind, count })),
        unmappedCodes: report.unmappedCodes ?? [],
        firstErrors: report.firstErrors ?? [],
        generation: row.generation === null ? null : String(row.generation),
      };
    });
    const last = nodes.at(-1);
    return {
      nodes,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeNumberCursor('delivery', last.deliveryId) : null },
    };
  }
}
