import type { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLSchema, isEnumType, isObjectType, isScalarType, isSpecifiedScalarType } from 'graphql';

/** @apollo/subgraph's resolver map (its type is not exported by name). */
export type ResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']>;

/**
 * The resolvers of an executable schema as a resolver map, so that the same SDL can be built again as a subgraph
 * (which adds federation's fields and directives): every field resolver, every enum's internal values and every
 * custom scalar's coercion.
 */
export function resolverMapOf(schema: GraphQLSchema): ResolverMap {
  const map: ResolverMap = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      const fields: Record<string, NonNullable<ReturnType<typeof type.getFields>[string]['resolve']>> = {};
      for (const field of Object.values(type.getFields())) if (field.resolve) fields[field.name] = field.resolve;
      if (Object.keys(fields).length > 0) map[type.name] = fields;
    } else if (isEnumType(type)) {
      map[type.name] = Object.fromEntries(type.getValues().map((v) => [v.name, v.value as string | number]));
    } else if (isScalarType(type) && !isSpecifiedScalarType(type)) {
      map[type.name] = type;
    }
  }
  return map;
}
