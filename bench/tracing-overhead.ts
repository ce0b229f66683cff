/**
 * `npm run bench:tracing`: what OpenTelemetry tracing costs a request, off (no SDK: the API's no-op, as without
 * OTEL_EXPORTER_OTLP_ENDPOINT) and on (the SDK exporting every span over OTLP/HTTP, in batches, to a local receiver
 * that accepts and drops them). One in-process app over a small warehouse, autocannon in the same process; off and
 * on alternate over a few rounds and the medians are printed, with the cost of one request's span calls alone.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { createApp } from '../server/create-app.js';
import { createLogger } from '../server/observability/logger.js';
import { startOtlpTracing } from '../server/observability/tracing.js';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { bootBenchCluster } from './bench-cluster.js';
import { loadCaseData } from './case-data.js';
import { loadHttp, warmHttp } from './load-runner.js';
import { QUERY_SET } from './query-set.js';
import { inSpanSync, REQUEST_SPANS } from '../warehouse/tracing/request-spans.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 0.02);
const SECONDS = Number(process.env.BENCH_DURATION_S ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const QUERIES = QUERY_SET.filter((q) => q.id === 'q0-typename' || q.id === 'q1-bi-metric' || q.id === 'q2-app-nested');
const log = (line: string) => console.error(`[bench:tracing] ${line}`);

/** An OTLP/HTTP receiver that reads each export and drops it: the exporter's full work, no collector's. */
async function dropReceiver(): Promise<{ url: string; spansBytes: () => number; close(): Promise<void> }> {
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spansBytes: () => bytes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The tracing calls one request makes (root span with traceparent extraction, parse, validate, execute, a cache
 * look-up, disclosure and three statements), in a loop: nanoseconds per request, with whatever provider is registered.
 */
function spanWorkPerRequestNs(iterations = 50_000): number {
  const tracer = trace.getTracer('migration-warehouse');
  const headers = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const parent = propagation.extract(context.active(), headers);
    const root = tracer.startSpan('POST /graphql', undefined, parent);
    context.with(trace.setSpan(parent, root).setValue(REQUEST_SPANS, { root }), () => {
      for (let k = 0; k < 8; k++) inSpanSync('step', undefined, () => k);
    });
    root.end();
  }
  return Number(process.hrtime.bigint() - started) / iterations;
}

/** The median of a few runs' figures. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const bench = await bootBenchCluster(log);
const warehouse = connectWarehouse(bench.url, { maxConnections: 10 });
const receiver = await dropReceiver();
try {
  log(`loading case facts at scale ${SCALE} …`);
  await loadCaseData(warehouse.db, SCALE);
  // The analyst role (no disclosure control) with no result cache: every request computes.
  const app = await createApp({ db: warehouse.db, production: true, bodyLimit: '100kb', logger: createLogger('silent'), rateLimitPerMinute: 0 });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;
  const results = new Map<string, { rps: number[]; p50: number[] }>();
  const micro = { off: [] as number[], on: [] as number[] };
  const run = async (mode: 'off' | 'on') => {
    micro[mode].push(spanWorkPerRequestNs());
    for (const q of QUERIES) {
      const target = { url, query: q.product.query, headers: {} };
      await warmHttp(target, CONNECTIONS, 1);
      const r = await loadHttp(target, CONNECTIONS, SECONDS);
      const key = `${mode} ${q.id}`;
      const entry = results.get(key) ?? { rps: [], p50: [] };
      entry.rps.push(r.rps);
      entry.p50.push(r.p50);
      results.set(key, entry);
      log(`${key}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, errors ${r.errors}`);
    }
  };
  // Off and on alternate, so that the machine's other load falls on both alike.
  for (let round = 0; round < ROUNDS; round++) {
    await run('off');
    const tracing = startOtlpTracing(receiver.url);
    await run('on');
    await tracing.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  }
  console.log(
    `\ntracing cost (medians of ${ROUNDS} alternating rounds, ${CONNECTIONS} connections, ${SECONDS} s each, scale ${SCALE}; OTLP received ${(receiver.spansBytes() / 1e6).toFixed(1)} MB):`,
  );
  console.log(`  span calls of one request: off ${(median(micro.off) / 1000).toFixed(2)} µs, on ${(median(micro.on) / 1000).toFixed(2)} µs`);
  for (const q of QUERIES) {
    const off = results.get(`off ${q.id}`);
    const on = results.get(`on ${q.id}`);
    if (!off || !on) continue;
    const [offRps, onRps] = [median(off.rps), median(on.rps)];
    console.log(
      `  ${q.id.padEnd(16)} off ${offRps.toFixed(0).padStart(6)} req/s p50 ${median(off.p50).toFixed(2)} ms | on ${onRps.toFixed(0).padStart(6)} req/s p50 ${median(on.p50).toFixed(2)} ms | on/off ${(onRps / offRps).toFixed(2)}`,
    );
  }
  await app.stop();
} finally {
  await receiver.close();
  await warehouse.close();
  await bench.stop();
}
