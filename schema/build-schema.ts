import 'reflect-metadata';
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { PUBLIC_RESOLVERS, RESOLVERS } from '../resolvers/index.js';
import type { Role } from '../resolvers/roles.js';

/** The two schemas: `public` without the case-level field and types, `full` (analyst and admin) with them. */
export type SchemaAudience = 'public' | 'full';

const built = new Map<SchemaAudience, Promise<GraphQLSchema>>();
const RESOLVERS_OF: Record<SchemaAudience, NonEmptyArray<Function>> = { public: PUBLIC_RESOLVERS, full: RESOLVERS };

/**
 * Builds an executable schema once per process and audience (type-graphql's metadata is global; each build emits
 * only the types its resolvers reach). Every object type declares `simpleResolvers: true`: its plain fields use
 * graphql-js's default resolver instead of type-graphql's wrapper (which exists for middlewares and auth checks this
 * API does not use), since a page of 1 000 metric rows resolves some 25 000 fields.
 */
export function buildApiSchema(audience: SchemaAudience = 'full'): Promise<GraphQLSchema> {
  let schema = built.get(audience);
  if (!schema) {
    schema = buildSchema({ resolvers: RESOLVERS_OF[audience], validate: false }).then((result) => {
      // type-graphql has no option for the root type's description; it is shown first in the playground's docs.
      const query = result.getQueryType();
      if (query) {
        query.description =
          'Swedish migration statistics warehouse (migrationsstatistik): published figures with provenance, case types, ' +
          'open balances, budget lines, fee-financed activities and returns.';
      }
      return result;
    });
    built.set(audience, schema);
  }
  return schema;
}

/** The audience whose schema a role sees. */
export const audienceOf = (role: Role): SchemaAudience => (role === 'public' ? 'public' : 'full');

/** The SDL as checked in: `schema.graphql` (analyst and admin) and `schema.public.graphql`. */
export async function printApiSchema(audience: SchemaAudience = 'full'): Promise<string> {
  return `${printSchema(await buildApiSchema(audience)).trim()}\n`;
}
