import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type pg from 'pg';
import { summariseSamples, type LoadResult, type LoadSample } from './latency-stats.js';
import type { CapturedStatement } from './sql-capture.js';
import { namedStatements } from '../warehouse/database/named-statements.js';

/** The raw baseline names its reads as the product does in its steady state (warehouse/database/named-statements.ts). */
const RAW_NAMES = namedStatements(1, 1_000);

/** One GraphQL request as autocannon sends it (or, with `body`, any JSON POST, e.g. a PxWeb data request). */
export interface HttpTarget {
  url: string;
  query: string;
  headers: Record<string, string>;
  /** The exact body to POST instead of `{"query": …}`. */
  body?: string;
}

/**
 * Loads a GraphQL endpoint with autocannon: `connections` clients, each sending the next request as soon as the
 * previous one is answered, for `seconds`. Latencies are taken from every response (autocannon's own histogram has no
 * p95), so that HTTP and raw-SQL runs are summarised the same way.
 */
export async function loadHttp(target: HttpTarget, connections: number, seconds: number): Promise<LoadResult> {
  return summariseSamples([await sampleLoadHttp(target, connections, seconds)]);
}

/** loadHttp's latencies before they are summarised, for a measurement in interleaved slices. */
export async function sampleLoadHttp(target: HttpTarget, connections: number, seconds: number): Promise<LoadSample> {
  const latencies: number[] = [];
  let failures = 0;
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // The callback form: only it returns the instance whose 'response' events carry each latency.
  const instance = autocannon(
    {
      url: target.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.headers },
      body: target.body ?? JSON.stringify({ query: target.query }),
      connections,
      pipelining: 1,
      duration: seconds,
      timeout: 30,
      // A GraphQL error comes with status 200: count answers carrying "errors" as failures, not as fast successes.
      verifyBody: (body) => typeof body === 'string' && !body.includes('"errors"'),
    },
    (error: unknown, result: autocannon.Result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else failures += 1;
  });
  const result = await done;
  return { latenciesMs: latencies, seconds: result.duration, errors: failures + result.errors + result.timeouts + result.mismatches };
}

/** Warm-up: the same load, results dropped. */
export async function warmHttp(target: HttpTarget, connections: number, seconds: number): Promise<void> {
  await loadHttp(target, connections, seconds);
}

/**
 * The raw-SQL baseline: `concurrency` workers in this process, each sending one request's statements in the order
 * the product sent them, over a pool of the product's size, for `seconds`. No HTTP, no GraphQL: what is left is the
 * database's work plus pg's protocol and row parsing.
 */
export async function loadSql(
  pool: pg.Pool,
  statements: readonly CapturedStatement[],
  concurrency: number,
  seconds: number,
  named = true,
): Promise<LoadResult> {
  return summariseSamples([await sampleLoadSql(pool, statements, concurrency, seconds, named)]);
}

/** loadSql's latencies before they are summarised, for a measurement in interleaved slices. */
export async function sampleLoadSql(
  pool: pg.Pool,
  statements: readonly CapturedStatement[],
  concurrency: number,
  seconds: number,
  named = true,
): Promise<LoadSample> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const begin = performance.now();
      try {
        for (const statement of statements) {
          const name = named ? RAW_NAMES.nameOf(statement.sql) : undefined;
          await pool.query({ ...(name ? { name } : {}), text: statement.sql, values: [...statement.parameters] });
        }
        latencies.push(performance.now() - begin);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latenciesMs: latencies, seconds: (performance.now() - started) / 1000, errors };
}
