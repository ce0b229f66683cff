/**
 * `npm run bench:soak`: the product under a steady load of 50 concurrent clients for 60 s (the query set's five user
 * shapes, 10 clients each), on one embedded PostgreSQL with the case facts at SOAK_SCALE (default 1). Prints errors,
 * throughput and latency, and the server's RSS sampled every 5 s: the run passes with zero errors and memory that
 * does not keep growing (the second half's peak within 15 % of the first half's: the first samples still include
 * the ramp-up of caches and pools).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOAD_CONNECTIONS } from '../warehouse/ingest/ingest-deliveries.js';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { bootBenchCluster } from './bench-cluster.js';
import { loadCaseData } from './case-data.js';
import { loadHttp } from './load-runner.js';
import { readProcessMemory } from './process-memory.js';
import { BENCH_API_KEY, buildProduct, startProductServer } from './product-server.js';
import { QUERY_SET } from './query-set.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOG_DIRECTORY = '/tmp/warehouse-bench-logs';
const SCALE = Number(process.env.SOAK_SCALE ?? 1);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CLIENTS_PER_QUERY = 10;
const log = (line: string) => console.error(`[soak] ${line}`);

await buildProduct(PROJECT_ROOT);
await mkdir(LOG_DIRECTORY, { recursive: true });
const bench = await bootBenchCluster(log);
const warehouse = connectWarehouse(bench.url, { maxConnections: LOAD_CONNECTIONS });
let passed = false;
try {
  const data = await loadCaseData(warehouse.db, SCALE);
  log(`case facts: ${data.cases} cases at scale ${SCALE}`);
  const product = await startProductServer(PROJECT_ROOT, bench.url, 10, LOG_DIRECTORY);
  try {
    const queries = QUERY_SET.filter((q) => q.id !== 'q5b-published-table-100' && q.id !== 'q0-typename');
    const headers = { 'x-api-key': BENCH_API_KEY };
    // Warm-up, then the measured run with RSS samples.
    await Promise.all(queries.map((q) => loadHttp({ url: product.url, query: q.product.query, headers }, 2, 5)));
    const samples: { second: number; rssMb: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      samples.push({ second: Math.round((Date.now() - started) / 1000), rssMb: readProcessMemory(product.pid).rssMb });
    }, 5_000);
    const results = await Promise.all(
      queries.map((q) => loadHttp({ url: product.url, query: q.product.query, headers }, CLIENTS_PER_QUERY, SECONDS)),
    );
    clearInterval(sampler);
    const requests = results.reduce((sum, r) => sum + r.requests, 0);
    const errors = results.reduce((sum, r) => sum + r.errors, 0);
    console.log(`\n${queries.length * CLIENTS_PER_QUERY} clients for ${SECONDS} s at scale ${SCALE}: ${requests} requests, ${errors} errors`);
    for (const [i, q] of queries.entries()) {
      const r = results[i];
      if (r)
        console.log(
          `  ${q.id.padEnd(22)} ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}`,
        );
    }
    console.log(`  server RSS (MB) every 5 s: ${samples.map((s) => s.rssMb.toFixed(0)).join(' ')}`);
    const half = Math.floor(samples.length / 2);
    const peak = (part: typeof samples) => Math.max(...part.map((s) => s.rssMb));
    const first = peak(samples.slice(0, half));
    const second = peak(samples.slice(half));
    const flat = second <= first * 1.15;
    console.log(
      `  memory ${flat ? 'flat' : 'GROWING'}: peak ${first.toFixed(0)} MB in the first half, ${second.toFixed(0)} MB in the second; errors ${errors === 0 ? 'none' : errors}`,
    );
    passed = errors === 0 && flat;
  } finally {
    await product.stop();
  }
} finally {
  await warehouse.close();
  await bench.stop();
}
// An explicit status: the soak passes only on no errors and flat memory.
process.exit(passed ? 0 : 1);
