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
  /** The first case of its query: PostGraphile (which has no roles) runs once per query, and its cells serve both. */
  runsPeer: boolean;
}

/**
 * The bench's cases: the metric shapes for the public and the analyst role, so that disclosure control's cost is a
 * number of its own; every other shape as an analyst (the case list is the analysts' alone).
 */
export function benchCases(queries: readonly BenchQuery[]): BenchCase[] {
  return queries.flatMap((query) => {
    if (!query.metric) return [{ id: query.id, query, role: 'analyst' as const, runsPeer: true }];
    return (['public', 'analyst'] as const).map((role, i) => ({ id: `${query.id}@${role}`, query, role, runsPeer: i === 0 }));
  });
}

/** The headers of a role's requests: the bench's analyst key, or none (anonymous requests are the public's). */
export function roleHeaders(role: BenchRole): Record<string, string> {
  return role === 'analyst' ? { 'x-api-key': BENCH_API_KEY } : {};
}

/** The query a case's PostGraphile cells are filed under (its first case's id). */
export function peerCaseId(cases: readonly BenchCase[], c: BenchCase): string {
  return cases.find((other) => other.query.id === c.query.id && other.runsPeer)?.id ?? c.id;
}
