import { BENCH_API_KEY } from './product-server.js';
import type { BenchQuery } from './query-set.js';

/** The roles the bench asks as: the public sees disclosure-controlled aggregates, analysts the true values. */
export type BenchRole = 'public' | 'analyst';

/** One query of the set as one role asks it: what each measured row of the bench is. */
export interface BenchCase {
  /** The query's id, with `@role` for the metric shapes, which run for both roles. */
  id: string;
  query: BenchQuery;
  role: BenchRole;
}

/**
 * The bench's cases: the metric shapes for the public and the analyst role, so that disclosure control's cost is a
 * number of its own; every other shape as an analyst (the case list is the analysts' alone). PostGraphile has no
 * roles, yet runs in each role's row, side by side with the product as that role: comparing the analyst's cells with
 * the public row's peer (as the bench once did) compared cells measured minutes apart, on a machine whose speed moved
 * by half between them.
 */
export function benchCases(queries: readonly BenchQuery[]): BenchCase[] {
  return queries.flatMap((query) => {
    if (!query.metric) return [{ id: query.id, query, role: 'analyst' as const }];
    return (['public', 'analyst'] as const).map((role) => ({ id: `${query.id}@${role}`, query, role }));
  });
}

/** The headers of a role's requests: the bench's analyst key, or none (anonymous requests are the public's). */
export function roleHeaders(role: BenchRole): Record<string, string> {
  return role === 'analyst' ? { 'x-api-key': BENCH_API_KEY } : {};
}
