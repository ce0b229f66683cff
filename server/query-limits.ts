import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { LIMIT_MARKER } from './error-codes.js';

/** Tags a rejection so that error formatting answers it with QUERY_TOO_COMPLEX. */
const markRejection: GraphQLArmorRejectCallback = (_context, error) => {
  Object.assign(error.extensions as Record<string, unknown>, { [LIMIT_MARKER]: true });
};

/**
 * Query limits from graphql-armor at its defaults (depth 6, aliases 15, tokens 1000, directives 50, cost 5000),
 * with limits exposed in messages so that a refused client learns what to change. Introspection is exempt from
 * depth and cost so that GraphiQL and codegen tools keep working in development (production turns it off).
 */
export function queryLimits() {
  const onReject = [markRejection];
  return new ApolloArmor({
    maxDepth: { n: 6, ignoreIntrospection: true, exposeLimits: true, onReject },
    maxAliases: { n: 15, exposeLimits: true, onReject },
    maxTokens: { n: 1000, exposeLimits: true, onReject },
    maxDirectives: { n: 50, exposeLimits: true, onReject },
    costLimit: { maxCost: 5000, ignoreIntrospection: true, exposeLimits: true, onReject },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
