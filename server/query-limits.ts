import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Query limits from graphql-armor at its defaults (depth 6, aliases 15, tokens 1000, directives 50, cost 5000),
 * with limits exposed in messages so that a refused client learns what to change. Introspection is exempt from
 * depth and cost so that GraphiQL and codegen tools keep working in development (production turns it off).
 */
export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: 6, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: 15, exposeLimits: true },
    maxTokens: { n: 1000, exposeLimits: true },
    maxDirectives: { n: 50, exposeLimits: true },
    costLimit: { maxCost: 5000, ignoreIntrospection: true, exposeLimits: true },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
