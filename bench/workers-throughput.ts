/**
 * `npm run bench:workers`: what WORKERS=N buys on this machine. The product as `npm start` runs it (built, production)
 * over a small warehouse, started with WORKERS=1 and then WORKERS=2, loaded by autocannon from this process with
 * 10 connections: `{ __typename }` (the HTTP and GraphQL stack alone) and a BI metric with the result cache off
 * (every request computes: parse, validate, SQL, disclosure control) and on (answered from memory after the warm-up).
 * Prints req/s and p50 per shape and the ratio of two workers to one; exits 1 when a request failed.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { bootBenchCluster } from './bench-cluster.js';
import { loadCaseData } from './case-data.js';
import type { LoadResult } from './latency-stats.js';
import { loadHttp, warmHttp } from './load-runner.js';
import { BENCH_API_KEY, buildProduct, startProductServer } from './product-server.js';
import { QUERY_SET } from './query-set.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 0.1);
const SECONDS = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_S ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WORKER_COUNTS = [1, 2];
const root = path.resolve(import.meta.dirname, '..');
const log = (line: string) => console.error(`[bench:workers] ${line}`);

function queryOf(id: string): string {
  const found = QUERY_SET.find((q) => q.id === id);
  if (!found) throw new Error(`no bench query ${id}`);
  return found.product.query;
}

/** Each shape with the cache setting it runs under. */
const SHAPES = [
  { id: 'typename', cache: 'cold', query: queryOf('q0-typename') },
  { id: 'metric cold', cache: 'cold', query: queryOf('q1-bi-metric') },
  { id: 'metric warm', cache: 'warm', query: queryOf('q1-bi-metric') },
] as const;

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
  const results = new Map<string, LoadResult>();
  try {
    const owner = connectWarehouse(bench.url, { maxConnections: 2 });
    const data = await loadCaseData(owner.db, SCALE).finally(() => owner.close());
    log(`scale ${SCALE}: ${data.cases} cases, ${data.events} events (${data.seconds.toFixed(1)} s)`);
    for (const workers of WORKER_COUNTS) {
      for (const cache of ['cold', 'warm'] as const) {
        // The server reads WORKERS from its environment, which startProductServer passes on, as a shell would.
        process.env.WORKERS = String(workers);
        const server = await startProductServer(root, bench.url, 10, logs, cache);
        try {
          for (const shape of SHAPES.filter((s) => s.cache === cache)) {
            const target = { url: server.url, query: shape.query, headers: { 'x-api-key': BENCH_API_KEY } };
            await warmHttp(target, CONNECTIONS, WARMUP_SECONDS);
            const result = await loadHttp(target, CONNECTIONS, SECONDS);
            results.set(`${shape.id}|${workers}`, result);
            log(`WORKERS=${workers} ${shape.id}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, ${result.errors} errors`);
          }
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    delete process.env.WORKERS;
    await bench.stop();
  }

  console.log(
    `WORKERS throughput (c = ${CONNECTIONS}, ${SECONDS} s each, scale ${SCALE}, ${os.cpus().length} cores, load generator in this process):`,
  );
  let failed = false;
  for (const shape of SHAPES) {
    const one = results.get(`${shape.id}|1`);
    const two = results.get(`${shape.id}|2`);
    if (!one || !two) throw new Error(`no result for ${shape.id}`);
    failed ||= one.errors + two.errors > 0;
    const cells = [one, two].map((r) => `${r.rps.toFixed(0).padStart(6)} req/s p50 ${r.p50.toFixed(2).padStart(7)} ms`);
    console.log(`  ${shape.id.padEnd(12)} WORKERS=1 ${cells[0]} | WORKERS=2 ${cells[1]} | 2/1 ${(two.rps / one.rps).toFixed(2)}`);
  }
  if (failed) {
    console.error('[bench:workers] some requests failed (see the lines above)');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:workers] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
