import 'reflect-metadata';
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RESOLVERS } from '../resolvers/index.js';

let built: Promise<GraphQLSchema> | undefined;

/**
 * Builds the executable schema once per process (type-graphql's metadata is global). Every object type declares
 * `simpleResolvers: true`: its plain fields use graphql-js's default resolver instead of type-graphql's wrapper
 * (which exists for middlewares and auth checks this API does not use), since a page of 1 000 metric rows resolves
 * some 25 000 fields.
 */
export function buildApiSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: RESOLVERS, validate: false }).then((schema) => {
    // type-graphql has no option for the root type's description; it is shown first in the playground's docs.
    const query = schema.getQueryType();
    if (query) {
      query.description =
        'Swedish migration statistics warehouse (migrationsstatistik): published figures with provenance, case types, ' +
        'open balances, budget lines, fee-financed activities and returns.';
    }
    return schema;
  });
  return built;
}

/** The SDL as checked in to `schema.graphql`. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(await buildApiSchema()).trim()}\n`;
}
