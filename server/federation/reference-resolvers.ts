import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../../resolvers/context.js';
import { toPublishedFigure, toSourceTable } from '../../resolvers/published-figure.mapper.js';
import { figuresById } from '../../warehouse/queries/figures-by-id.js';
import { listSourceTables } from '../../warehouse/queries/published-figures.js';
import type { EntityName } from './entity-keys.js';

type Reference = Record<string, unknown>;
type ReferenceResolver = (reference: Reference, context: RequestContext, info: GraphQLResolveInfo) => Promise<unknown>;

/**
 * How `_entities` finds each entity from its key. A case type and a metric go through the schema's own query fields
 * (`caseTypes`, `metricCatalog`), so that an entity is exactly what a query returns; a figure and a source table are
 * read by id. An unknown key resolves to null, as Federation expects.
 */
export function referenceResolvers(schema: GraphQLSchema): Record<EntityName, ReferenceResolver> {
  const query = schema.getQueryType()?.getFields();
  const viaQuery = async (field: string, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo) => {
    const resolve = query?.[field]?.resolve;
    if (!resolve) throw new Error(`the schema has no Query.${field}`);
    return (await resolve(undefined, args, context, info)) as Reference[];
  };
  const enumValue = (typeName: string, name: unknown) => {
    const type = schema.getType(typeName);
    return type && 'getValue' in type ? type.getValue(String(name))?.value : undefined;
  };
  return {
    CaseType: async (reference, context, info) => {
      const code = enumValue('CaseTypeCode', reference.code);
      if (code === undefined) return null;
      return (await viaQuery('caseTypes', { codes: [code] }, context, info))[0] ?? null;
    },
    MetricDefinitionType: async (reference, context, info) =>
      (await viaQuery('metricCatalog', {}, context, info)).find((m) => m.name === reference.name) ?? null,
    PublishedFigure: async (reference, { db }) => {
      const id = Number(reference.id);
      if (!Number.isSafeInteger(id)) return null;
      const [row] = await figuresById(db, [id]).execute();
      return row ? toPublishedFigure(row) : null;
    },
    SourceTable: async (reference, { db }) => {
      const rows = await listSourceTables(
        db,
        reference.id !== undefined ? { ids: [Number(reference.id)] } : { document: String(reference.document) },
      ).execute();
      const row = reference.id !== undefined ? rows[0] : rows.find((r) => r.table_code === reference.table);
      return row ? toSourceTable(row) : null;
    },
  };
}
