import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { ensureReaderRole, readerUrl } from '../warehouse/database/reader-role.js';
import { CASE_TYPES } from '../warehouse/reference/case-types.js';
import { readBenchConfig } from './bench-config.js';
import { bootBenchCluster } from './bench-cluster.js';
import { loadCaseData } from './case-data.js';
import { BENCH_API_KEY, buildProduct, startProductServer } from './product-server.js';
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
      // A dropped connection is a failed request of the sample, counted like an error answer, not the end of the run.
      const ok = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: t.body })
        .then(async (response) => response.ok && !(await response.text()).includes('"errors"'))
        .catch(() => false);
      if (!ok) errors += 1;
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
/**
 * Requests per client in a warm sample of the standalone run: an answer from the cache takes milliseconds, where a
 * few samples' median is at the mercy of the scheduler on a shared machine; many cost nothing.
 */
const WARM_SAMPLES = 50;

const ms = (r: LoadResult | null) => (r ? `${r.p50.toFixed(1)} ms (${r.rps.toFixed(1)}/s${r.errors ? `, ${r.errors} failed` : ''})` : '—');
/** A side with failed requests has no latency to compare: a timeout answers as fast as the timeout. */
const ratio = (a: LoadResult | null, b: LoadResult | null) =>
  a && b && a.errors === 0 && b.errors === 0 && b.p50 > 0 ? `${(a.p50 / b.p50).toFixed(2)}×` : a && b ? 'not comparable' : '—';

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

/** The servers a comparison runs against: the product cold (no result cache) and, if started, warm (cache on). */
export interface PxwebServers {
  cold: { url: string };
  warm: { url: string } | null;
  headers: Record<string, string>;
}

/**
 * The PxWeb line at each concurrency: the 10 000-cell request on /api/v2, and the same cells through GraphQL (its
 * two requests in turn), cold, then warm. Whole requests are timed one by one; fewer per client under concurrency,
 * since a cold answer at scale 1 takes seconds.
 */
export async function comparePxweb(servers: PxwebServers, concurrencies: readonly number[], log: (line: string) => void): Promise<PxwebComparison[]> {
  const pxwebTarget = (server: { url: string }): HttpTarget => ({
    url: `${server.url.replace(/\/graphql$/, '')}${PXWEB_PATH}`,
    query: '',
    headers: servers.headers,
    body: PXWEB_BODY,
  });
  const graphqlTargets = (server: { url: string }): HttpTarget[] =>
    GRAPHQL_SAME_CELLS.map((query) => ({
      url: server.url,
      query,
      headers: servers.headers,
      body: JSON.stringify({ query, variables: GRAPHQL_VARIABLES }),
    }));
  const rows: PxwebComparison[] = [];
  for (const concurrency of concurrencies) {
    const samples = concurrency === 1 ? PXWEB_SAMPLES : 2;
    const row: PxwebComparison = {
      concurrency,
      pxwebCold: await sampleHttp([pxwebTarget(servers.cold)], concurrency, samples),
      graphqlCold: await sampleHttp(graphqlTargets(servers.cold), concurrency, samples),
      pxwebWarm: servers.warm ? await sampleHttp([pxwebTarget(servers.warm)], concurrency, WARM_SAMPLES) : null,
      graphqlWarm: servers.warm ? await sampleHttp(graphqlTargets(servers.warm), concurrency, WARM_SAMPLES) : null,
    };
    log(`pxweb c=${concurrency}: PxWeb cold p50 ${row.pxwebCold?.p50.toFixed(1)} ms, GraphQL cold p50 ${row.graphqlCold?.p50.toFixed(1)} ms`);
    rows.push(row);
  }
  return rows;
}

/**
 * `npx tsx bench/pxweb-comparison.ts`: the PxWeb line alone, without the rest of `npm run bench`: a bench cluster,
 * the case facts at BENCH_SCALE (default 1), the product built and started cold and warm as the bench starts it, then
 * the comparison at BENCH_CURVE_CONCURRENCY (default 1,10). Exits 1 when a request fails. The servers inherit the
 * environment: on a busy machine the GraphQL side's paged statements can outlast the product's 10 s statement
 * timeout (its answers are then errors, never cached), so such a run sets STATEMENT_TIMEOUT_MS higher.
 */
async function runAlone(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const started = Date.now();
  const log = (line: string) => console.log(`[pxweb bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const config = readBenchConfig();
  if (!config.skipBuild) await buildProduct(root);
  const logs = await mkdtemp(path.join(os.tmpdir(), 'pxweb-bench-logs-'));
  const bench = await bootBenchCluster(log);
  const warehouse = connectWarehouse(bench.url, { maxConnections: config.poolSize, applicationName: 'pxweb-bench' });
  const servers: { stop(): Promise<void> }[] = [];
  try {
    const data = await loadCaseData(warehouse.db, config.mainScale);
    log(`scale ${config.mainScale}: ${data.cases} cases loaded in ${data.seconds.toFixed(0)} s`);
    const reader = readerUrl(bench.url, await ensureReaderRole(warehouse.db));
    const cold = await startProductServer(root, bench.url, config.poolSize, logs, 'cold', reader);
    servers.push(cold);
    const warm = await startProductServer(root, bench.url, config.poolSize, logs, 'warm', reader);
    servers.push(warm);
    const rows = await comparePxweb({ cold, warm, headers: { 'x-api-key': BENCH_API_KEY } }, config.curveConcurrencies, log);
    console.log(formatPxwebComparison(rows));
    const errors = rows.flatMap((r) => [r.pxwebCold, r.graphqlCold, r.pxwebWarm, r.graphqlWarm]).reduce((n, r) => n + (r?.errors ?? 0), 0);
    if (errors > 0) throw new Error(`${errors} requests failed (server logs in ${logs})`);
  } finally {
    for (const s of servers) await s.stop();
    await warehouse.close();
    await bench.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runAlone().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
