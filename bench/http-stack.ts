/**
 * `npm run bench:http`: the product's schemas, plugins and context served by each HTTP stack, side by side in one
 * run (bench/http-stack-server.ts: one child process per variant), loaded with autocannon from this process.
 *
 * Variants: `before` (with BENCH_BEFORE_TREE=/path/to/another/checkout: that checkout's createApp, e.g. main's),
 * `app` (createApp: what `npm start` serves, every route; repeated documents on graphql-jit) and `app graphql-js`
 * (the same on graphql-js), `express5` (/graphql as it was served before the node:http front: express.json and
 * `@as-integrations/express5`), `fastify`, `node-http` (plain `node:http` and `executeHTTPGraphQLRequest`), these
 * three on graphql-js, all with the request log and metric histograms on (as in production), and `node-http` again
 * without the log line, without the histograms, and without either, to price them.
 * Queries: `{ __typename }` (no SQL: the stack's ceiling) and 1 000 published figures × 12 fields (q5).
 *
 * The machine is shared: every (query, concurrency) cell runs each variant once per round, the variants' order
 * rotating from round to round, and the medians of the rounds are printed with their ratio to `express5`.
 * Exits non-zero when a variant fails to start or any request fails.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';
import { bootBenchCluster } from './bench-cluster.js';
import { spawnServer, type ChildServer } from './child-server.js';
import type { StackVariant } from './http-stack-server.js';
import { loadHttp } from './load-runner.js';
import { QUERY_SET } from './query-set.js';
import { requestObservationCost } from './request-observation-cost.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_DURATION_S ?? 3);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 1);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,10').split(',').map(Number);
const QUERIES = (process.env.BENCH_QUERIES ?? 'q0-typename,q5-published-table').split(',');

const ALL_VARIANTS: Record<string, StackVariant> = {
  ...(process.env.BENCH_BEFORE_TREE ? { before: { stack: 'before', log: true, metrics: true } as StackVariant } : {}),
  app: { stack: 'app', log: true, metrics: true, jit: true },
  'app graphql-js': { stack: 'app', log: true, metrics: true, jit: false },
  express5: { stack: 'express5', log: true, metrics: true },
  fastify: { stack: 'fastify', log: true, metrics: true },
  'node-http': { stack: 'node-http', log: true, metrics: true },
  'node-http no-log': { stack: 'node-http', log: false, metrics: true },
  'node-http no-histograms': { stack: 'node-http', log: true, metrics: false },
  'node-http neither': { stack: 'node-http', log: false, metrics: false },
};
const VARIANTS = (process.env.BENCH_VARIANTS?.split(',') ?? Object.keys(ALL_VARIANTS)).map((name) => {
  const variant = ALL_VARIANTS[name];
  if (!variant) throw new Error(`unknown variant ${name}; known: ${Object.keys(ALL_VARIANTS).join(', ')}`);
  return { name, variant };
});
const BASELINE = 'express5';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const log = (line: string) => console.error(`[bench:http] ${line}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Nanoseconds the server's main thread (its event loop: where a Node server's throughput is decided) has run on a
 * CPU. Per request, this is far less sensitive to the other work on a shared machine than req/s or latency.
 */
function mainThreadCpuNs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const bench = await bootBenchCluster(log);
const children: ChildServer[] = [];
let failed = false;
try {
  const warehouse = connectWarehouse(bench.url);
  // The published figures (q5 reads them); no case facts: neither query reads them.
  await prepareWarehouse(warehouse.db, { caseScale: 0 });
  await warehouse.close();
  const logDirectory = path.join(os.tmpdir(), 'warehouse-bench-logs');
  mkdirSync(logDirectory, { recursive: true });
  // The `before` child compiles another checkout's sources too: tsx applies a tsconfig only to the files it includes.
  const beforeTree = process.env.BENCH_BEFORE_TREE;
  const bothTrees = path.join(logDirectory, 'http-stack-tsconfig.json');
  if (beforeTree) {
    writeFileSync(
      bothTrees,
      JSON.stringify({
        extends: path.join(root, 'tsconfig.json'),
        compilerOptions: { rootDir: '/' },
        include: [`${root}/**/*.ts`, `${path.resolve(beforeTree)}/**/*.ts`],
      }),
    );
  }
  const servers = new Map<string, ChildServer>();
  for (const { name, variant } of VARIANTS) {
    const port = await freePort();
    const server = await spawnServer({
      name,
      command: process.execPath,
      args: ['--import', 'tsx', path.join(root, 'bench/http-stack-server.ts'), JSON.stringify(variant), bench.url, String(port)],
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', ...(variant.stack === 'before' ? { TSX_TSCONFIG_PATH: bothTrees } : {}) },
      url: `http://127.0.0.1:${port}/graphql`,
      logFile: path.join(logDirectory, `http-stack-${name.replaceAll(' ', '-')}.log`),
      timeoutMs: 120_000,
    });
    children.push(server);
    servers.set(name, server);
    log(`${name} ready on port ${port}`);
  }

  // The request log plugin's own work per request, before the children are loaded (this process is idle then).
  const observation = await requestObservationCost();
  log(`request log plugin per request: ${JSON.stringify(observation)}`);

  const results = new Map<string, { rps: number[]; p50: number[]; cpuUs: number[] }>();
  const cells = QUERIES.flatMap((id) => {
    const query = QUERY_SET.find((q) => q.id === id);
    if (!query) throw new Error(`unknown query ${id}`);
    return CONCURRENCY.map((connections) => ({ id, query: query.product.query, connections }));
  });
  for (let round = 0; round < ROUNDS; round++) {
    for (const cell of cells) {
      // Rotate the order, so that no variant always runs first (or right after the heaviest one).
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length] as (typeof VARIANTS)[number]);
      for (const { name } of order) {
        const server = servers.get(name) as ChildServer;
        const target = { url: server.url, query: cell.query, headers: {} };
        await loadHttp(target, cell.connections, WARMUP_S);
        const cpuBefore = mainThreadCpuNs(server.pid);
        const r = await loadHttp(target, cell.connections, SECONDS);
        const cpuUs = (mainThreadCpuNs(server.pid) - cpuBefore) / Math.max(1, r.requests) / 1000;
        if (r.errors > 0) {
          failed = true;
          log(`${name} ${cell.id} c=${cell.connections}: ${r.errors} failed requests`);
        }
        const key = `${cell.id}|${cell.connections}|${name}`;
        const entry = results.get(key) ?? { rps: [], p50: [], cpuUs: [] };
        entry.rps.push(r.rps);
        entry.p50.push(r.p50);
        entry.cpuUs.push(cpuUs);
        results.set(key, entry);
        log(
          `round ${round + 1} ${cell.id} c=${cell.connections} ${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, ${cpuUs.toFixed(0)} µs CPU`,
        );
      }
    }
  }

  const table: Record<string, unknown>[] = [];
  console.log(
    `\nHTTP stacks (medians of ${ROUNDS} interleaved rounds of ${SECONDS} s; CPU: the server's main thread per request; ratios to ${BASELINE}'s):`,
  );
  for (const cell of cells) {
    const base = results.get(`${cell.id}|${cell.connections}|${BASELINE}`);
    console.log(`\n${cell.id}, c = ${cell.connections}`);
    for (const { name } of VARIANTS) {
      const entry = results.get(`${cell.id}|${cell.connections}|${name}`);
      if (!entry) continue;
      const rps = median(entry.rps);
      const p50 = median(entry.p50);
      const cpuUs = median(entry.cpuUs);
      const rpsRatio = base ? rps / median(base.rps) : Number.NaN;
      const p50Ratio = base ? p50 / median(base.p50) : Number.NaN;
      const cpuRatio = base ? cpuUs / median(base.cpuUs) : Number.NaN;
      console.log(
        `  ${name.padEnd(24)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${p50.toFixed(2).padStart(7)} ms  CPU ${cpuUs.toFixed(0).padStart(6)} µs   ` +
          `×${rpsRatio.toFixed(2)} req/s  ×${p50Ratio.toFixed(2)} p50  ×${cpuRatio.toFixed(2)} CPU   (CPU µs by round: ${entry.cpuUs.map((v) => v.toFixed(0)).join(' ')})`,
      );
      table.push({ query: cell.id, connections: cell.connections, variant: name, rps, p50, cpuUs, rpsRatio, p50Ratio, cpuRatio, rounds: entry });
    }
  }
  console.log(
    `\nrequest log plugin, µs per request (medians): neither ${observation.neither.toFixed(1)}, log line +${(observation.log - observation.neither).toFixed(1)}, ` +
      `histograms +${(observation.histograms - observation.neither).toFixed(1)}, both +${(observation.both - observation.neither).toFixed(1)}`,
  );
  const resultsDirectory = path.join(root, 'bench/results');
  mkdirSync(resultsDirectory, { recursive: true });
  const file = path.join(resultsDirectory, `http-stack-${new Date().toISOString().replaceAll(':', '-')}.json`);
  writeFileSync(file, JSON.stringify({ rounds: ROUNDS, seconds: SECONDS, baseline: BASELINE, observationMicroseconds: observation, table }, null, 2));
  log(`wrote ${path.relative(root, file)}`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await Promise.all(children.map((c) => c.stop()));
  await bench.stop();
}
process.exit(failed ? 1 : 0);
