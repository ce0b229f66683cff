import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { computeMetricPages, type ComputedMetricPage, type GroupingLane, type MetricPageWindow } from '../warehouse/metrics/compute-metric.js';
import type { MetricDefinition } from '../warehouse/metrics/metric-definition.js';
import type { MetricRequest } from '../warehouse/metrics/metric-request.js';

/** One page of a metric as a resolver asks for it: the request's limit and offset are the page. */
export interface MetricPageKey {
  definition: MetricDefinition;
  request: MetricRequest;
  controlled: boolean;
}

/**
 * Most rows one shared statement computes for pages of one grouping (ten of the largest pages). Pages further apart
 * than this are computed apart, so two far-off pages never make the database order everything between them.
 */
export const MAX_SHARED_SPAN = 10_000;

/** The grouping a page belongs to: its request with the page left out. */
function groupingKey({ definition, request, controlled }: MetricPageKey): string {
  return `${definition.name}|${controlled}|${JSON.stringify({ ...request, limit: 0, offset: 0 })}`;
}

function pageKey(key: MetricPageKey): string {
  return `${groupingKey(key)}|${key.request.limit}|${key.request.offset}`;
}

/**
 * Pages of one grouping split into runs whose rows span at most MAX_SHARED_SPAN, in offset order (a controlled
 * grouping is computed whole, so its pages are one run).
 */
function runsOf(indexes: number[], keys: readonly MetricPageKey[]): number[][] {
  const first = keys[indexes[0] as number] as MetricPageKey;
  if (first.controlled) return [indexes];
  const sorted = [...indexes].sort((a, b) => (keys[a] as MetricPageKey).request.offset - (keys[b] as MetricPageKey).request.offset);
  const runs: number[][] = [];
  let run: number[] = [];
  let start = 0;
  for (const i of sorted) {
    const { offset, limit } = (keys[i] as MetricPageKey).request;
    if (run.length > 0 && offset + limit - start > MAX_SHARED_SPAN) {
      runs.push(run);
      run = [];
    }
    if (run.length === 0) start = offset;
    run.push(i);
  }
  runs.push(run);
  return runs;
}

async function loadPages(db: Kysely<Database>, keys: readonly MetricPageKey[], lane?: GroupingLane): Promise<(ComputedMetricPage | Error)[]> {
  const groupings = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const g = groupingKey(key);
    const members = groupings.get(g);
    if (members) members.push(i);
    else groupings.set(g, [i]);
  });
  const answers: (ComputedMetricPage | Error)[] = new Array(keys.length);
  const runs = [...groupings.values()].flatMap((indexes) => runsOf(indexes, keys));
  await Promise.all(
    runs.map(async (run) => {
      const { definition, request, controlled } = keys[run[0] as number] as MetricPageKey;
      const windows: MetricPageWindow[] = run.map((i) => (keys[i] as MetricPageKey).request);
      try {
        const pages = await computeMetricPages(db, definition, request, windows, controlled, lane);
        run.forEach((i, k) => {
          answers[i] = pages[k] as ComputedMetricPage;
        });
      } catch (error) {
        // Every page of the run asked the same grouping, so each fails as it would have alone.
        for (const i of run) answers[i] = error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
  return answers;
}

/**
 * Pages of `metric(…)` of one operation: pages of the same grouping asked together (aliased fields) are computed from
 * one statement. A PxWeb-sized grouping asked as five pages used to run its grouping five times at once. With a
 * lane, a large grouping is computed in its turn.
 */
export function createMetricPageLoader(db: Kysely<Database>, lane?: GroupingLane) {
  return {
    metricPages: new DataLoader<MetricPageKey, ComputedMetricPage, string>((keys) => loadPages(db, keys, lane), { cacheKeyFn: pageKey }),
  };
}

export type MetricPageLoaders = ReturnType<typeof createMetricPageLoader>;
