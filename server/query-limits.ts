import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * graphql-armor's cost counts every scalar of every requested row (first × fields, × 1.5 per level). At its default
 * of 5000 it refuses pages far below the documented 1 000-row maximum that BI tools page with: one full page of
 * published figures with every field costs 113 000. It is raised to 150 000, which admits that page and still
 * refuses `first: 1000000` (1.1 × 10^8); the list-size cost (server/list-cost-limit.ts, MAX_QUERY_COST, objects
 * only, variables included) is the budget for nesting.
 */
export const ARMOR_MAX_COST = 150_000;

/**
 * Most lexical tokens in one document. graphql-js's parser enforces it (Apollo's parseOptions), so an oversized
 * document is a parse error like any other, answered as the spec asks; graphql-armor's own token plugin checks in a
 * plugin hook, which Apollo treats as a server fault (HTTP 500), so it is off.
 */
export const MAX_TOKENS = 1000;

/**
 * Query limits from graphql-armor at its defaults (depth 6, aliases 15, directives 50) and the cost above, with
 * limits exposed in messages so that a refused client learns what to change. Introspection is exempt from depth and
 * cost so that GraphiQL and codegen tools keep working in development (production turns it off).
 */
export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: 6, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: 15, exposeLimits: true },
    maxTokens: { enabled: false },
    maxDirectives: { n: 50, exposeLimits: true },
    costLimit: { maxCost: ARMOR_MAX_COST, ignoreIntrospection: true, exposeLimits: true },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
