import { SETTINGS } from '../config/settings.js';
import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, getNullableType, GraphQLError, isLeafType, isListType, isObjectType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../resolvers/api-errors.js';
import { DEFAULT_PAGE_SIZE } from '../resolvers/pagination.js';

/**
 * Default budget: the documented maximum pages cost up to ~12 000 (1 000 cases with their events; a 1 000-row metric
 * page with its definition ~6 000), so 20 000 admits them; `first: 1000000` costs at least 10^6 and is refused.
 */
export const DEFAULT_MAX_QUERY_COST = SETTINGS.maxQueryCost.parse(undefined);

/** Size assumed for a list without a `first` argument (dimension lists: case types, years, sources…). */
export const ASSUMED_LIST_SIZE = 10;

/**
 * Cost that grows with the rows a query can return: an object field costs 1 per item, and a field with `first`
 * multiplies what it selects by `first` (its default page size when omitted); lists inside a page (`nodes`, `rows`)
 * are already counted by that `first`. So `first: 1000000` costs a million times its selection and is refused.
 */
export const listSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity, type }) => {
  if (isLeafType(getNamedType(field.type))) return 0;
  const hasFirst = field.args.some((a) => a.name === 'first');
  const first = typeof args.first === 'number' ? args.first : hasFirst ? DEFAULT_PAGE_SIZE : undefined;
  const inPage = isObjectType(type) && 'pageInfo' in type.getFields();
  const items = first ?? (isListType(getNullableType(field.type)) && !inPage ? ASSUMED_LIST_SIZE : 1);
  return items * (1 + childComplexity);
};

/** Variable sets whose cost is remembered per document. */
const MEMO_PER_DOCUMENT = 64;

/** A document's list cost for some variables; null when the variables do not coerce (execution says why). */
export type ListCost = (document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined) => number | null;

/** listSizeEstimator's cost, remembered per parsed document (Apollo hands the same object for the same text) and variables. */
export function listCostOf(schema: GraphQLSchema): ListCost {
  const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
  return (document, variables, operationName) => {
    const key = `${operationName ?? ''}\0${JSON.stringify(variables)}`;
    let known = costs.get(document);
    const memo = known?.get(key);
    if (memo !== undefined) return memo;
    let cost: number | null;
    try {
      cost = getComplexity({ schema, query: document, variables, operationName, estimators: [listSizeEstimator] });
    } catch {
      cost = null; // Bad variables: execution reports them with BAD_USER_INPUT.
    }
    if (!known) costs.set(document, (known = new Map()));
    if (known.size >= MEMO_PER_DOCUMENT) known.clear();
    known.set(key, cost);
    return cost;
  };
}

/** Refuses an operation whose list cost (for its variables) is over `maxCost`, with QUERY_TOO_COMPLEX. */
export function listCostLimit(costOf: ListCost, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = costOf(document, request.variables ?? {}, request.operationName ?? undefined);
          if (cost === null) return;
          if (cost > maxCost) {
            throw new GraphQLError(
              `Query cost ${Math.round(cost)} exceeds the limit of ${maxCost}: lists count once per requested item, so ask for fewer rows (first) or fewer nested lists`,
              { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost: Math.round(cost), maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
