import { CASE_TYPES } from '../warehouse/reference/case-types.js';
import { performance } from 'node:perf_hooks';
import { summarise, type LoadResult } from './latency-stats.js';
import type { HttpTarget } from './load-runner.js';

/**
 * The PxWeb line of the bench: one data request of about 10 000 cells on /api/v2 beside the same cells asked through
 * GraphQL, cold (every request computes) and warm (result cache). The cells: received cases of 17 case types by month
 * (36), sex (2), age group (4) and channel (2) = 9 792 cells. GraphQL pages hold at most 1 000 rows and one
 * operation may cost at most 150 000 (graphql-armor: ten pages of these rows cost 207 500), so its side is two requests
 * of five aliased pages each; its time is the sum of the two.
 */
const CASE_TYPE_CODES = CASE_TYPES.slice(0, 17).map((t) => t.code);
export const PXWEB_CELLS = CASE_TYPE_CODES.length * 36 * 2 * 4 * 2;

export const PXWEB_PATH = '/api/v2/tables/RECEIVED/data?lang=en&outputFormat=json-stat2';
export const PXWEB_BODY = JSON.stringify({
  selection: [
    { variableCode: 'ContentsCode', valueCodes: ['received'] },
    { variableCode: 'Tid', valueCodes: ['*'], codelist: 'vs_Tid_month' },
    { variableCode: 'caseType', valueCodes: CASE_TYPE_CODES },
    { variableCode: 'sex', valueCodes: ['*'] },
    { variableCode: 'ageGroup', valueCodes: ['*'] },
    { variableCode: 'channel', valueCodes: ['*'] },
  ],
});

const offsetCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
const PAGE = (k: number) =>
  `p${k}: metric(name: RECEIVED, by: [MONTH, CASE_TYPE, SEX, AGE_GROUP, CHANNEL], where: $where, first: 1000${k > 0 ? `, after: "${offsetCursor(k * 1000)}"` : ''}) { rows { year month caseType sex ageGroup channel value } }`;
/** The two GraphQL requests that together ask the PxWeb request's cells. */
export const GRAPHQL_SAME_CELLS = [0, 5].map(
  (first) => `query SameCellsAsPxweb($where: MetricWhere) { ${Array.from({ length: 5 }, (_, k) => PAGE(first + k)).join(' ')} }`,
);
export const GRAPHQL_VARIABLES = { where: { caseType: CASE_TYPE_CODES, year: [2022, 2023, 2024] } };

export interface PxwebComparison {
  concurrency: number;
  pxwebCold: LoadResult | null;
  graphqlCold: LoadResult | null;
  pxwebWarm: LoadResult | null;
  graphqlWarm: LoadResult | null;
}

/**
 * Whole requests, timed one by one: `concurrency` clients each send `perClient` requests after one unmeasured warm-up.
 * A cold 10 000-cell request can take longer than a quick run's window, where a duration-bound load would count none.
 */
export async function sampleHttp(targets: readonly HttpTarget[], concurrency: number, perClient: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const send = async () => {
    const started = performance.now();
    for (const t of targets) {
      const response = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: t.body });
      const text = await response.text();
      if (!response.ok || text.includes('"errors"')) errors += 1;
    }
    return performance.now() - started;
  };
  await send();
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < perClient; i++) latencies.push(await send());
    }),
  );
  return summarise(latencies, (performance.now() - began) / 1000, errors);
}

/** Requests per client in each PxWeb-line sample. */
export const PXWEB_SAMPLES = 5;

const ms = (r: LoadResult | null) => (r ? `${r.p50.toFixed(1)} ms (${r.rps.toFixed(1)}/s)` : '—');
const ratio = (a: LoadResult | null, b: LoadResult | null) => (a && b && b.p50 > 0 ? `${(a.p50 / b.p50).toFixed(2)}×` : '—');

/** The side-by-side lines, with the goal: PxWeb ≤ 1.5× GraphQL's p50 cold, about equal warm. */
export function formatPxwebComparison(rows: readonly PxwebComparison[]): string {
  const header =
    '| c | PxWeb cold p50 | GraphQL cold p50 (2 requests in turn) | cold ratio (goal ≤ 1.5×) | PxWeb warm p50 | GraphQL warm p50 | warm ratio (goal ≈ 1×) |';
  const lines = rows.map(
    (r) =>
      `| ${r.concurrency} | ${ms(r.pxwebCold)} | ${ms(r.graphqlCold)} | ${ratio(r.pxwebCold, r.graphqlCold)} | ${ms(r.pxwebWarm)} | ${ms(r.graphqlWarm)} | ${ratio(r.pxwebWarm, r.graphqlWarm)} |`,
  );
  return [
    `${PXWEB_CELLS}-cell PxWeb data request beside the same cells through GraphQL:`,
    header,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...lines,
  ].join('\n');
}
