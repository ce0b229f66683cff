/**
 * `npm run bench:workers`: what WORKERS=N buys on this machine. The product as `npm start` runs it (built, production)
 * over a small warehouse, started with WORKERS=1 and then WORKERS=2, loaded by autocannon from this process with
 * 10 connections: `{ __typename }` (the HTTP and GraphQL stack alone) and a BI metric with the result cache off
 * (every request computes: parse, validate, SQL, disclosure control) and on (answered from memory after the warm-up).
 *
 * WORKERS=1 and WORKERS=2 alternate over a few rounds (a shared machine's other work then falls on both alike); the
 * medians of req/s and p50 are printed with the range of req/s, and the ratio of two workers to one. Beside them, what
 * each request cost in CPU time: the API's processes, PostgreSQL's, and the load generator's (this process). Other
 * work on the machine changes how many requests get through far more than what each one costs, so the CPU time is
 * the figure to plan cores with. Exits 1 when a request failed.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { LOAD_CONNECTIONS } from '../warehouse/ingest/ingest-deliveries.js';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { bootBenchCluster } from './bench-cluster.js';
import { loadCaseData } from './case-data.js';
import type { LoadResult } from './latency-stats.js';
import { loadHttp, warmHttp } from './load-runner.js';
import { processTreeCpuSeconds } from './process-cpu.js';
import { BENCH_API_KEY, buildProduct, startProductServer } from './product-server.js';
import { QUERY_SET } from './query-set.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 0.1);
const SECONDS = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_S ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WORKER_COUNTS = [1, 2];
const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.error(`[bench:workers] ${line}`);

function queryOf(id: string): string {
  const found = QUERY_SET.find((q) => q.id === id);
  if (!found) throw new Error(`no bench query ${id}`);
  return found.product.query;
}

/** The median of a few rounds' figures. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Each shape with the cache setting it runs under. */
const SHAPES = [
  { id: 'typename', cache: 'cold', query: queryOf('q0-typename') },
  { id: 'metric cold', cache: 'cold', query: queryOf('q1-bi-metric') },
  { id: 'metric warm', cache: 'warm', query: queryOf('q1-bi-metric') },
] as const;

/** One measured run: its load figures and the CPU milliseconds per request of each side. */
interface Run {
  load: LoadResult;
  apiMs: number;
  postgresMs: number;
  loaderMs: number;
}

async function main(): Promise<void> {
  log(
    `${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await buildProduct(root);
  const bench = await bootBenchCluster(log);
  const logs = await mkdtemp(path.join(os.tmpdir(), 'bench-workers-'));
  const runs = new Map<string, Run[]>();
  try {
    const owner = connectWarehouse(bench.url, { maxConnections: LOAD_CONNECTIONS });
    const data = await loadCaseData(owner.db, SCALE).finally(() => owner.close());
    log(`scale ${SCALE}: ${data.cases} cases, ${data.events} events (${data.seconds.toFixed(1)} s)`);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const workers of WORKER_COUNTS) {
        for (const cache of ['cold', 'warm'] as const) {
          // The server reads WORKERS from its environment, which startProductServer passes on, as a shell would.
          process.env.WORKERS = String(workers);
          const server = await startProductServer(root, bench.url, 10, logs, cache);
          try {
            for (const shape of SHAPES.filter((s) => s.cache === cache)) {
              const target = { url: server.url, query: shape.query, headers: { 'x-api-key': BENCH_API_KEY } };
              await warmHttp(target, CONNECTIONS, WARMUP_SECONDS);
              const api = processTreeCpuSeconds(server.pid);
              const postgres = processTreeCpuSeconds(bench.cluster.pid());
              const loader = process.cpuUsage();
              const load = await loadHttp(target, CONNECTIONS, SECONDS);
              const loaderUsage = process.cpuUsage(loader);
              const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, load.requests);
              const run: Run = {
                load,
                apiMs: perRequest(processTreeCpuSeconds(server.pid) - api),
                postgresMs: perRequest(processTreeCpuSeconds(bench.cluster.pid()) - postgres),
                loaderMs: perRequest((loaderUsage.user + loaderUsage.system) / 1e6),
              };
              runs.set(`${shape.id}|${workers}`, [...(runs.get(`${shape.id}|${workers}`) ?? []), run]);
              log(
                `round ${round} WORKERS=${workers} ${shape.id}: ${load.rps.toFixed(0)} req/s, p50 ${load.p50.toFixed(2)} ms, ` +
                  `CPU per request: API ${run.apiMs.toFixed(3)} ms, PostgreSQL ${run.postgresMs.toFixed(3)} ms, ` +
                  `load generator ${run.loaderMs.toFixed(3)} ms; ${load.errors} errors`,
              );
            }
          } finally {
            await server.stop();
          }
        }
      }
    }
  } finally {
    delete process.env.WORKERS;
    await bench.stop();
  }

  console.log(
    `WORKERS throughput (medians of ${ROUNDS} alternating rounds, c = ${CONNECTIONS}, ${SECONDS} s each, scale ${SCALE}, ` +
      `${os.cpus().length} cores, load generator in this process; load average now ${os.loadavg()[0]?.toFixed(1)}):`,
  );
  let failed = false;
  for (const shape of SHAPES) {
    const cells = WORKER_COUNTS.map((workers) => {
      const measured = runs.get(`${shape.id}|${workers}`) ?? [];
      if (measured.length === 0) throw new Error(`no result for ${shape.id} with WORKERS=${workers}`);
      failed ||= measured.some((r) => r.load.errors > 0);
      const rps = measured.map((r) => r.load.rps);
      return {
        rps: median(rps),
        low: Math.min(...rps),
        high: Math.max(...rps),
        p50: median(measured.map((r) => r.load.p50)),
        apiMs: median(measured.map((r) => r.apiMs)),
        postgresMs: median(measured.map((r) => r.postgresMs)),
        loaderMs: median(measured.map((r) => r.loaderMs)),
      };
    });
    const [one, two] = cells;
    if (!one || !two) throw new Error('two worker counts expected');
    const text = cells.map(
      (c) => `${c.rps.toFixed(0).padStart(6)} req/s (${c.low.toFixed(0)}–${c.high.toFixed(0)}) p50 ${c.p50.toFixed(2).padStart(7)} ms`,
    );
    console.log(`  ${shape.id.padEnd(12)} WORKERS=1 ${text[0]} | WORKERS=2 ${text[1]} | 2/1 ${(two.rps / one.rps).toFixed(2)}`);
    const cpu = cells.map(
      (c) =>
        `API ${c.apiMs.toFixed(3)} ms (${(1000 / c.apiMs).toFixed(0)} req/s per core), PostgreSQL ${c.postgresMs.toFixed(3)} ms, load generator ${c.loaderMs.toFixed(3)} ms`,
    );
    console.log(`  ${''.padEnd(12)} CPU per request: WORKERS=1 ${cpu[0]} | WORKERS=2 ${cpu[1]}`);
  }
  if (failed) {
    console.error(`[bench:workers] some requests failed (see the lines above and the servers' logs in ${logs})`);
    process.exitCode = 1;
  } else await rm(logs, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(`[bench:workers] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
