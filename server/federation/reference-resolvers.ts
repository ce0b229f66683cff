import DataLoader from 'dataloader';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../../resolvers/context.js';
import { toPublishedFigure, toSourceTable } from '../../resolvers/published-figure.mapper.js';
import { figuresById } from '../../warehouse/queries/figures-by-id.js';
import { listSourceTables } from '../../warehouse/queries/published-figures.js';
import type { EntityName } from './entity-keys.js';

type Reference = Record<string, unknown>;
type ReferenceResolver = (reference: Reference, context: RequestContext, info: GraphQLResolveInfo) => Promise<unknown>;

/**
 * One loader per request and entity, made on first use: a router asks `_entities` for many references at once, and
 * each entity's references then cost one statement, not one each.
 */
function perRequest<K, V>(batch: (keys: readonly K[], context: RequestContext, info: GraphQLResolveInfo) => Promise<(V | null)[]>) {
  const loaders = new WeakMap<RequestContext, DataLoader<K, V | null>>();
  return (key: K, context: RequestContext, info: GraphQLResolveInfo) => {
    let loader = loaders.get(context);
    if (!loader) loaders.set(context, (loader = new DataLoader<K, V | null>((keys) => batch(keys, context, info))));
    return loader.load(key);
  };
}

/**
 * How `_entities` finds each entity from its key, batched per request. A case type and a metric go through the
 * schema's own query fields (`caseTypes`, `metricCatalog`, `sourceDocuments`), so that an entity is exactly what a
 * query returns; a figure and a source table are read by id (or document). An unknown key resolves to null, as Federation expects.
 */
export function referenceResolvers(schema: GraphQLSchema): Record<EntityName, ReferenceResolver> {
  const query = schema.getQueryType()?.getFields();
  const viaQuery = async (field: string, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo) => {
    const resolve = query?.[field]?.resolve;
    if (!resolve) throw new Error(`the schema has no Query.${field}`);
    return (await resolve(undefined, args, context, info)) as Reference[];
  };
  const codeType = schema.getType('CaseTypeCode');
  // A key arrives as the enum's name (ASYLUM); the resolvers take its internal value.
  const caseTypeCode = (name: unknown) => (codeType && 'getValue' in codeType ? codeType.getValue(String(name))?.value : undefined);

  const caseTypes = perRequest<unknown, Reference>(async (codes, context, info) => {
    const found = await viaQuery('caseTypes', { codes }, context, info);
    return codes.map((code) => found.find((t) => t.code === code) ?? null);
  });
  const metrics = perRequest<unknown, Reference>(async (names, context, info) => {
    const catalog = await viaQuery('metricCatalog', {}, context, info);
    return names.map((name) => catalog.find((m) => m.name === name) ?? null);
  });
  const figures = perRequest<number, Reference>(async (ids, { db }) => {
    const rows = await figuresById(db, ids).execute();
    return ids.map((id) => {
      const row = rows.find((r) => r.figure_id === id);
      return row ? (toPublishedFigure(row) as unknown as Reference) : null;
    });
  });
  const documents = perRequest<unknown, Reference>(async (codes, context, info) => {
    const all = await viaQuery('sourceDocuments', {}, context, info);
    return codes.map((code) => all.find((d) => d.code === code) ?? null);
  });
  const tables = perRequest<number, Reference>(async (ids, { db }) => {
    const rows = await listSourceTables(db, { ids }).execute();
    return ids.map((id) => {
      const row = rows.find((r) => r.source_table_id === id);
      return row ? (toSourceTable(row) as unknown as Reference) : null;
    });
  });
  const documentTables = perRequest<string, Reference[]>(async (documents, { db }) =>
    Promise.all(
      documents.map(async (document) => (await listSourceTables(db, { document }).execute()).map((r) => toSourceTable(r) as unknown as Reference)),
    ),
  );

  return {
    CaseType: async (reference, context, info) => {
      const code = caseTypeCode(reference.code);
      return code === undefined ? null : caseTypes(code, context, info);
    },
    MetricDefinitionType: (reference, context, info) => metrics(reference.name, context, info),
    PublishedFigure: async (reference, context, info) => {
      const id = Number(reference.id);
      return Number.isSafeInteger(id) ? figures(id, context, info) : null;
    },
    SourceDocument: (reference, context, info) => documents(reference.code, context, info),
    SourceTable: async (reference, context, info) => {
      if (reference.id !== undefined) return tables(Number(reference.id), context, info);
      const inDocument = await documentTables(String(reference.document), context, info);
      return inDocument?.find((t) => t.table === reference.table) ?? null;
    },
  };
}
