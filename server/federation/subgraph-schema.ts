import { buildSubgraphSchema } from '@apollo/subgraph';
import { type DocumentNode, type GraphQLSchema, Kind, parse, printSchema, visit } from 'graphql';
import { buildApiSchema, type SchemaAudience } from '../build-schema.js';
import { ENTITY_KEYS, FEDERATION_LINK } from './entity-keys.js';
import { referenceResolvers } from './reference-resolvers.js';
import { resolverMapOf } from './resolver-map.js';

const built = new Map<SchemaAudience, Promise<GraphQLSchema>>();

/** The audience's SDL with the federation link and a `@key` on each entity type the audience has. */
export function federatedTypeDefs(schema: GraphQLSchema): DocumentNode {
  const document = visit(parse(printSchema(schema)), {
    ObjectTypeDefinition(node) {
      const keys = (ENTITY_KEYS as Record<string, readonly string[]>)[node.name.value];
      if (!keys) return undefined;
      const directives = keys.map((fields) => ({
        kind: Kind.DIRECTIVE,
        name: { kind: Kind.NAME, value: 'key' },
        arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: fields } }],
      }));
      return { ...node, directives: [...(node.directives ?? []), ...directives] };
    },
  });
  return { ...document, definitions: [...parse(FEDERATION_LINK).definitions, ...document.definitions] };
}

/**
 * The audience's schema as a Federation 2 subgraph (SUBGRAPH=true): the same types, fields and resolvers, plus
 * `@key`s on the entities (server/federation/entity-keys.ts), `_service { sdl }` and `_entities`. Built from the
 * per-role schema, so the public subgraph has no case-level field or type either.
 */
export function buildSubgraphApiSchema(audience: SchemaAudience): Promise<GraphQLSchema> {
  let schema = built.get(audience);
  if (!schema) {
    schema = buildApiSchema(audience).then((api) => {
      const resolvers = resolverMapOf(api);
      for (const [entity, resolveReference] of Object.entries(referenceResolvers(api))) {
        resolvers[entity] = { ...(resolvers[entity] as object), __resolveReference: resolveReference } as (typeof resolvers)[string];
      }
      return buildSubgraphSchema({ typeDefs: federatedTypeDefs(api), resolvers });
    });
    built.set(audience, schema);
  }
  return schema;
}
