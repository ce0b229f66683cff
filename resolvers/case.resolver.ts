import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Case, CaseConnection, CaseEvent } from '../schema/case.type.js';
import type { CaseTypeCode } from '../schema/case-type-code.enum.js';
import { CaseWhere } from '../schema/case-where.input.js';
import { CaseSource } from '../schema/case-source.type.js';
import type { Sex } from '../schema/sex.enum.js';
import { casePage, type CaseColumn, type CaseRecord, type EventColumn } from '../warehouse/queries/case-list.js';
import type { RequestContext } from './context.js';
import { decodeNumberCursor, encodeNumberCursor, pageSize } from './pagination.js';
import { requireRole } from './roles.js';
import { columnsOfFields, selectedFieldNames } from './selected-fields.js';
import { isoDay } from '../warehouse/database/iso-day.js';

const isoDate = (d: Date | null) => (d ? isoDay(d) : null);

/** The columns each field of Case is mapped from (toCase); its lists (sources, events) go through the case id. */
const FIELD_COLUMNS: Readonly<Record<string, readonly CaseColumn[]>> = {
  __typename: [],
  caseId: ['case_id'],
  caseType: ['case_type'],
  caseSegment: ['segment'],
  subcategory: ['subcategory'],
  sex: ['sex'],
  ageGroup: ['age_group'],
  nationality: ['nationality'],
  region: ['region'],
  channel: ['channel'],
  automated: ['automated'],
  receivedDate: ['received_date'],
  decisionDate: ['decision_date'],
  outcome: ['outcome'],
  processingDays: ['processing_days'],
  feePaidSek: ['fee_paid_sek'],
  appealed: ['appealed'],
  courtOutcome: ['court_outcome'],
  sources: ['case_id'],
  events: ['case_id'],
};

/**
 * The columns a page must read for the fields a request selects of its cases; undefined (every column) when it
 * selects a field this map does not know. The bench's page asks 5 of 18.
 */
function caseColumnsFor(fields: ReadonlySet<string>): Set<CaseColumn> | undefined {
  return columnsOfFields(fields, FIELD_COLUMNS);
}

/** The columns each field of CaseEvent is mapped from (the events resolver). */
const EVENT_FIELD_COLUMNS: Readonly<Record<string, readonly EventColumn[]>> = {
  __typename: [],
  eventType: ['event_type'],
  eventDate: ['event_date'],
  agency: ['agency'],
  sources: ['sources'],
};

/**
 * The event columns a field's selection needs, worked out once per field node list: every case of a page resolves
 * `events` with the same nodes (graphql-js and graphql-jit hand each item the same array), so a page of 100 cases
 * walks its selection once, not 100 times.
 */
const eventColumnsByNodes = new WeakMap<readonly unknown[], ReadonlySet<EventColumn> | undefined>();
function eventColumnsFor(info: GraphQLResolveInfo): ReadonlySet<EventColumn> | undefined {
  if (eventColumnsByNodes.has(info.fieldNodes)) return eventColumnsByNodes.get(info.fieldNodes);
  const columns = columnsOfFields(selectedFieldNames(info, []), EVENT_FIELD_COLUMNS);
  eventColumnsByNodes.set(info.fieldNodes, columns);
  return columns;
}

/**
 * A case from its row; a row read with fewer columns (caseColumnsFor) leaves the fields nobody asked unset. An
 * instance of Case, not a literal: type-graphql hands the field resolvers (events, sources) a root that is one as is,
 * and copies any other into a new instance, key by key, twice for each case of a page.
 */
function toCase(row: CaseRecord): Case {
  const item = new Case();
  item.caseId = String(row.case_id);
  item.caseType = row.case_type as CaseTypeCode;
  item.caseSegment = row.segment;
  item.subcategory = row.subcategory;
  item.sex = row.sex as Sex;
  item.ageGroup = row.age_group;
  item.nationality = row.nationality;
  item.region = row.region;
  item.channel = row.channel;
  item.automated = row.automated;
  item.receivedDate = isoDate(row.received_date) as string;
  item.decisionDate = isoDate(row.decision_date);
  item.outcome = row.outcome;
  item.processingDays = row.processing_days;
  item.feePaidSek = row.fee_paid_sek;
  item.appealed = row.appealed;
  item.courtOutcome = row.court_outcome;
  return item;
}

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => CaseConnection, { description: 'Case-level rows (ärenden), in case-id order, 0–1000 per page; needs the analyst role.' })
  async cases(
    @Arg('where', () => CaseWhere, { nullable: true, description: 'Filter (urval).' }) where: CaseWhere | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0–1000 (default 100).' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor: pageInfo.endCursor of the previous page.' }) after: string | undefined,
    @Ctx() { db, role }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseConnection> {
    requireRole(role, 'analyst', 'Case-level rows');
    const limit = pageSize(first);
    const { receivedFrom, receivedTo, ...lists } = where ?? {};
    const rows = await casePage(
      db,
      {
        ...lists,
        receivedFrom: isoDate(receivedFrom ?? null) ?? undefined,
        receivedTo: isoDate(receivedTo ?? null) ?? undefined,
      },
      limit,
      decodeNumberCursor('case', after),
      caseColumnsFor(selectedFieldNames(info, ['nodes'])),
    ).execute();
    const nodes = rows.slice(0, limit).map(toCase);
    const last = nodes.at(-1);
    return { nodes, pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeNumberCursor('case', last.caseId) : null } };
  }

  @FieldResolver(() => [CaseSource], {
    description: 'Lineage (härkomst): the agencies’ records this case is unified from, each with the delivery that brought it.',
  })
  async sources(@Root() item: Case, @Ctx() { loaders }: RequestContext): Promise<CaseSource[]> {
    const rows = await loaders.caseSources.load(Number(item.caseId));
    return rows.map((s) => ({
      agency: s.agency,
      resource: s.resource,
      sourceId: s.source_id,
      deliveryId: String(s.delivery_id),
      extractId: Number(s.extract_id),
    }));
  }

  @FieldResolver(() => [CaseEvent], { description: 'Dated status changes of the case (händelser), oldest first.' })
  async events(@Root() item: Case, @Ctx() { loaders }: RequestContext, @Info() info: GraphQLResolveInfo): Promise<CaseEvent[]> {
    // Only the asked columns: a page's events skip the agencies' arrays unless asked.
    const rows = await loaders.caseEvents(eventColumnsFor(info)).load(Number(item.caseId));
    return rows.map((e) => ({ eventType: e.event_type, eventDate: isoDate(e.event_date) as string, agency: e.agency, sources: e.sources }));
  }
}
