/**
 * `npm run bench`: this product, PostGraphile v5 and the raw SQL side by side on one embedded PostgreSQL, then the
 * metric queries at several scales of the case facts. Prints the tables and writes bench/results/<timestamp>.json.
 * Settings: bench/bench-config.ts (BENCH_* environment variables).
 */
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connectWarehouse, type WarehouseConnection } from '../warehouse/database/connect.js';
import { ensureReaderRole, readerUrl } from '../warehouse/database/reader-role.js';
import { readBenchConfig } from './bench-config.js';
import { bootBenchCluster } from './bench-cluster.js';
import { loadCaseData, type CaseDataReport } from './case-data.js';
import type { ChildServer } from './child-server.js';
import { checkGoals } from './goals.js';
import type { LoadResult } from './latency-stats.js';
import { measureInRounds, type Contender } from './interleaved-rounds.js';
import { loadSql, sampleLoadHttp, sampleLoadSql, type HttpTarget } from './load-runner.js';
import { ensurePeerInstalled, startPeerServer } from './peer-server.js';
import { readProcessMemory, resetPeak } from './process-memory.js';
import { BENCH_API_KEY, buildProduct, startProductServer } from './product-server.js';
import { explainStatement } from './query-plans.js';
import { QUERY_SET, type BenchQuery } from './query-set.js';
import { openScaleDatabase } from './scale-database.js';
import {
  formatPxwebComparison,
  GRAPHQL_SAME_CELLS,
  GRAPHQL_VARIABLES,
  PXWEB_BODY,
  PXWEB_PATH,
  PXWEB_SAMPLES,
  sampleHttp,
  type PxwebComparison,
} from './pxweb-comparison.js';
import { benchCases, roleHeaders } from './bench-cases.js';
import { measureLevers } from './levers.js';
import {
  computeRatios,
  formatCurveTable,
  formatGoals,
  formatLevers,
  formatMainTable,
  formatNotes,
  formatPlans,
  formatRatioTable,
  writeReport,
  type BenchReport,
  type Cell,
  type CurvePoint,
  type PlanFacts,
  type QueryFacts,
  type SystemName,
} from './report.js';
import { startStatementRecorder, type CapturedStatement } from './sql-capture.js';
import { statementsPerRequest } from './statement-count.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PEER_DIRECTORY = path.join(PROJECT_ROOT, 'bench', 'peer');
const RESULTS_DIRECTORY = path.join(PROJECT_ROOT, 'bench', 'results');

const started = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const config = readBenchConfig();
const startedAt = new Date().toISOString();
const notes: string[] = [];
/** A system that failed to run a query it should answer: the run still writes its report, then exits with status 1. */
const failures: string[] = [];
const PEAK_NOT_RESET = 'The kernel refused to reset VmHWM: peak RSS figures are peaks since each server started.';
/** Server logs, kept after the run (the cluster's folder is removed). */
const LOG_DIRECTORY = path.join(os.tmpdir(), 'warehouse-bench-logs');
/** The read-only role's password is derived from this, the same in every database of the run. */
const READER_SECRET = 'bench-reader-secret';

/** Sends one GraphQL request and returns its error messages (none: the system answers the query). */
async function graphqlErrors(url: string, query: string, headers: Record<string, string>): Promise<string[]> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const body = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] };
  const errors = (body.errors ?? []).map((e) => e.message);
  return response.ok || errors.length ? errors : [`HTTP ${response.status}`];
}

async function measureSql(pool: pg.Pool, statements: readonly CapturedStatement[], concurrency: number, named = true): Promise<LoadResult> {
  await loadSql(pool, statements, concurrency, config.warmupSeconds, named);
  return loadSql(pool, statements, concurrency, config.durationSeconds, named);
}

/** measureInRounds with this run's seconds and rounds, noting when a server's peak RSS could not be reset. */
const measureSideBySide = (contenders: readonly Contender[]) =>
  measureInRounds(contenders, config, (pid) => {
    if (!resetPeak(pid) && !notes.includes(PEAK_NOT_RESET)) notes.push(PEAK_NOT_RESET);
  });

/** A server answering `target` with `concurrency` clients, for measureSideBySide. */
const httpContender = (system: SystemName, server: ChildServer, target: HttpTarget, concurrency: number): Contender => ({
  system,
  pid: server.pid,
  run: (seconds) => sampleLoadHttp(target, concurrency, seconds),
});

/** The raw baseline: `statements` sent over `pool` with `concurrency` clients, for measureSideBySide. */
const sqlContender = (pool: pg.Pool, statements: readonly CapturedStatement[], concurrency: number): Contender => ({
  system: 'raw',
  pid: null,
  run: (seconds) => sampleLoadSql(pool, statements, concurrency, seconds),
});

const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms${r.errors ? `, ${r.errors} errors` : ''}`;

async function main(): Promise<void> {
  log(`config: ${JSON.stringify({ ...config, systems: [...config.systems] })}`);
  const wants = (system: string) => config.systems.has(system);
  // The peer's install and the product's build are independent: run them together.
  await Promise.all([
    wants('postgraphile') ? ensurePeerInstalled(PEER_DIRECTORY, log) : Promise.resolve(),
    config.skipBuild ? Promise.resolve() : buildProduct(PROJECT_ROOT).then(() => log('product built (npm run build)')),
  ]);

  await mkdir(LOG_DIRECTORY, { recursive: true });
  const bench = await bootBenchCluster(log);
  const servers: ChildServer[] = [];
  const warehouse = connectWarehouse(bench.url, { maxConnections: config.poolSize, applicationName: 'bench-raw' });
  const admin = new pg.Pool({ connectionString: bench.url, max: 2, application_name: 'bench-admin' });
  const recorderPool = new pg.Pool({ connectionString: bench.url, max: config.poolSize, application_name: 'bench-recorder' });
  const data: CaseDataReport[] = [];
  const cells: Cell[] = [];
  const curve: CurvePoint[] = [];
  const plans: PlanFacts[] = [];
  const facts: QueryFacts[] = [];
  /** The scale curve's databases other than the bench database, closed at the end. */
  const scaleWarehouses: WarehouseConnection[] = [];
  try {
    log(`loading the warehouse and the case facts at scale ${config.mainScale} …`);
    const main = await loadCaseData(warehouse.db, config.mainScale);
    data.push(main);
    log(`case facts: ${main.cases} cases, ${main.events} events in ${main.seconds.toFixed(0)} s`);

    // The exact statements the product sends per request and role, recorded through its own app in this process: one
    // that follows the generation as the served product does (its second request sends what every later one sends),
    // and one without the generation memo (every look-up sent again), which prices the memo.
    const cases = benchCases(QUERY_SET);
    const recorder = await startStatementRecorder(PROJECT_ROOT, recorderPool, bench.url);
    const unmemoized = await startStatementRecorder(PROJECT_ROOT, recorderPool, null);
    const raw = new Map<string, CapturedStatement[]>();
    const withoutMemo = new Map<string, CapturedStatement[]>();
    for (const c of cases) {
      const q = c.query;
      const fact: QueryFacts = {
        id: c.id,
        title: q.title,
        role: c.role,
        metric: q.metric !== undefined,
        sharedShape: q.sharedShape,
        statements: {},
        notes: {},
      };
      facts.push(fact);
      await recorder.run(q.product.query, roleHeaders(c.role));
      const captured = await recorder.run(q.product.query, roleHeaders(c.role));
      if (captured.errors.length) {
        fact.notes.product = `not served: ${captured.errors[0]}`;
        failures.push(`${c.id}: the product (recorded in process) answered with errors: ${captured.errors[0]}`);
        fact.notes.raw = 'no product statements to replay';
        continue;
      }
      fact.rawStatements = captured.statements.map((st) => ({ sql: st.sql, parameters: [...st.parameters] }));
      raw.set(c.id, captured.statements);
      withoutMemo.set(c.id, (await unmemoized.run(q.product.query, roleHeaders(c.role))).statements);
    }
    await recorder.close();
    await unmemoized.close();
    // Where the time of each statement goes, at the main scale (EXPLAIN ANALYZE, once, before any load).
    for (const [queryId, statements] of raw) {
      for (const [i, statement] of statements.entries()) {
        const plan = await explainStatement(warehouse.pool, `${queryId}#${i + 1}`, config.mainScale, statement).catch(() => null);
        if (plan) plans.push(plan);
      }
    }

    // The cold and the warm server read as one read-only role, made once here as a deployment of several instances does.
    // The password is derived from a secret, so that the scale curve's databases, granted later, set the same one
    // and lock out none of the servers started before.
    const readerPassword = await ensureReaderRole(warehouse.db, READER_SECRET);
    const readerDatabaseUrl = readerUrl(bench.url, readerPassword);
    const product = wants('product')
      ? await startProductServer(PROJECT_ROOT, bench.url, config.poolSize, LOG_DIRECTORY, 'cold', readerDatabaseUrl)
      : null;
    if (product) {
      servers.push(product);
      log(`product on ${product.url} (pid ${product.pid}, RSS ${readProcessMemory(product.pid).rssMb.toFixed(0)} MB at rest)`);
    }
    const warm = wants('product')
      ? await startProductServer(PROJECT_ROOT, bench.url, config.poolSize, LOG_DIRECTORY, 'warm', readerDatabaseUrl)
      : null;
    if (warm) {
      servers.push(warm);
      log(`product (result cache on) on ${warm.url} (pid ${warm.pid}, RSS ${readProcessMemory(warm.pid).rssMb.toFixed(0)} MB at rest)`);
    }
    const peer = wants('postgraphile') ? await startPeerServer(PEER_DIRECTORY, bench.url, config.poolSize, LOG_DIRECTORY) : null;
    if (peer) {
      servers.push(peer);
      log(`PostGraphile on ${peer.url} (pid ${peer.pid}, RSS ${readProcessMemory(peer.pid).rssMb.toFixed(0)} MB at rest)`);
    }
    const productHeaders = { 'x-api-key': BENCH_API_KEY };

    const count = (send: () => Promise<void>) => (bench.statementStats ? statementsPerRequest(admin, send) : Promise.resolve(Number.NaN));
    const post = (url: string, query: string, headers: Record<string, string>) => async () => {
      await graphqlErrors(url, query, headers);
    };

    for (const benchCase of cases) {
      const q = benchCase.query;
      const fact = facts.find((f) => f.id === benchCase.id) as QueryFacts;
      const statements = raw.get(benchCase.id);
      const caseHeaders = roleHeaders(benchCase.role);
      // Which systems can run this query, and what one request costs each in SQL statements.
      let productServes = false;
      if (product && statements) {
        const errors = await graphqlErrors(product.url, q.product.query, caseHeaders);
        if (errors.length) {
          fact.notes.product = `not served: ${errors[0]}`;
          failures.push(`${q.id}: the product answered with errors: ${errors[0]}`);
        } else {
          productServes = true;
          fact.statements.product = await count(post(product.url, q.product.query, caseHeaders));
          fact.productStatementsSmaller = await count(post(product.url, q.product.smaller, caseHeaders));
        }
      }
      let peerQuery: string | null = null;
      if (peer) {
        if ('unsupported' in q.postgraphile) fact.notes.postgraphile = `not expressible: ${q.postgraphile.unsupported}`;
        else {
          const errors = await graphqlErrors(peer.url, q.postgraphile.query, {});
          if (errors.length) {
            fact.notes.postgraphile = `failed: ${errors[0]}`;
            failures.push(`${q.id}: PostGraphile answered with errors: ${errors[0]}`);
          } else {
            peerQuery = q.postgraphile.query;
            if (q.postgraphile.note) fact.notes.postgraphile = q.postgraphile.note;
            fact.statements.postgraphile = await count(post(peer.url, peerQuery, {}));
          }
        }
      }
      if (statements && wants('raw')) {
        fact.statements.raw = await count(async () => {
          for (const s of statements) await warehouse.pool.query({ text: s.sql, values: [...s.parameters] });
        });
      }

      for (const concurrency of config.concurrencies) {
        // The systems that answer this query, measured side by side; the others get an empty cell saying why.
        const contenders: Contender[] = [];
        const skipped: Cell[] = [];
        const http = (system: SystemName, server: ChildServer, target: HttpTarget) =>
          contenders.push(httpContender(system, server, target, concurrency));
        const none = (system: SystemName, note: string | undefined) =>
          skipped.push({ system, queryId: benchCase.id, concurrency, result: null, peakRssMb: null, note });
        const productTarget = (server: ChildServer) => ({ url: server.url, query: q.product.query, headers: caseHeaders });
        if (product && wants('product')) {
          if (productServes) http('product', product, productTarget(product));
          else none('product', fact.notes.product);
        }
        if (warm) {
          // The warm-up's first request fills the cache; the measured rounds are answered from it.
          if (productServes) http('product-warm', warm, productTarget(warm));
          else none('product-warm', fact.notes.product);
        }
        if (peer) {
          if (peerQuery) http('postgraphile', peer, { url: peer.url, query: peerQuery, headers: {} });
          else none('postgraphile', fact.notes.postgraphile);
        }
        if (wants('raw')) {
          if (statements?.length) {
            contenders.push(sqlContender(warehouse.pool, statements, concurrency));
          } else none('raw', fact.notes.raw);
        }
        for (const measured of await measureSideBySide(contenders)) {
          cells.push({ queryId: benchCase.id, concurrency, ...measured });
          const memory = measured.peakRssMb === null ? '' : `, peak RSS ${measured.peakRssMb.toFixed(0)} MB`;
          log(
            `${benchCase.id} c=${concurrency} ${measured.system}: ${fmt(measured.result)}${memory} (rounds: ${measured.roundRps.map((r) => r.toFixed(0)).join(' / ')} req/s)`,
          );
        }
        cells.push(...skipped);
      }
    }
    // The PxWeb line: about 10 000 cells on /api/v2 beside the same cells through GraphQL (two requests), cold and warm.
    const pxweb: PxwebComparison[] = [];
    if (product) {
      const pxwebTarget = (server: ChildServer): HttpTarget => ({
        url: `${server.url.replace(/\/graphql$/, '')}${PXWEB_PATH}`,
        query: '',
        headers: productHeaders,
        body: PXWEB_BODY,
      });
      const graphqlTargets = (server: ChildServer): HttpTarget[] =>
        GRAPHQL_SAME_CELLS.map((query) => ({
          url: server.url,
          query,
          headers: productHeaders,
          body: JSON.stringify({ query, variables: GRAPHQL_VARIABLES }),
        }));
      const check = await fetch(pxwebTarget(product).url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...productHeaders },
        body: PXWEB_BODY,
      });
      if (!check.ok) notes.push(`PxWeb bench request answered ${check.status}: ${(await check.text()).slice(0, 200)}`);
      for (const concurrency of config.curveConcurrencies) {
        // Whole requests timed one by one (a cold one may outlast a quick run's window); the GraphQL side is its two requests in turn.
        // Fewer requests per client under concurrency: a cold 10 000-cell answer at scale 1 takes seconds.
        const samples = concurrency === 1 ? PXWEB_SAMPLES : 2;
        const pxwebCold = await sampleHttp([pxwebTarget(product)], concurrency, samples);
        const graphqlCold = await sampleHttp(graphqlTargets(product), concurrency, samples);
        const row: PxwebComparison = { concurrency, pxwebCold, graphqlCold, pxwebWarm: null, graphqlWarm: null };
        if (warm) {
          row.pxwebWarm = await sampleHttp([pxwebTarget(warm)], concurrency, samples);
          row.graphqlWarm = await sampleHttp(graphqlTargets(warm), concurrency, samples);
        }
        log(`pxweb c=${concurrency}: PxWeb cold ${fmt(pxwebCold)}; GraphQL cold (2 requests) ${fmt(graphqlCold)}`);
        pxweb.push(row);
      }
    }

    for (const done of [peer, warm]) {
      if (!done) continue;
      await done.stop();
      servers.splice(servers.indexOf(done), 1);
    }

    // The levers of the cold path, each priced in this run (bench/levers.ts).
    const levers = wants('raw') ? await measureLevers(warehouse, cases, raw, withoutMemo, (c, named) => measureSql(warehouse.pool, c, 1, named)) : [];
    // Levers of the server, where they act (the highest concurrency): the cold product without each, then with
    // it, side by side in rounds per shape (each round opens its connections anew, as a burst of clients does).
    // The admission queue (`ungated`: every request executes at once), the loop turns (`unturned`: the answers
    // whose statements arrive in one turn of the event loop are all finished in it) and the operation lane
    // (`laneless`: every request through Apollo Server's pipeline).
    const crowd = Math.max(...config.concurrencies);
    const serverLevers = [
      { lever: 'admission queue', variant: 'ungated' },
      { lever: 'loop turns', variant: 'unturned' },
      { lever: 'operation lane', variant: 'laneless' },
    ] as const;
    for (const { lever, variant } of product && crowd > config.poolSize ? serverLevers : []) {
      const without = await startProductServer(PROJECT_ROOT, bench.url, config.poolSize, LOG_DIRECTORY, variant, readerDatabaseUrl);
      servers.push(without);
      for (const c of cases) {
        const served = facts.find((f) => f.id === c.id)?.statements.product !== undefined;
        if (!served || !product) continue;
        const target = (server: ChildServer) => ({ url: server.url, query: c.query.product.query, headers: roleHeaders(c.role) });
        const [b, a] = await measureSideBySide([without, product].map((server) => httpContender('product', server, target(server), crowd)));
        if (!b || !a) continue;
        const measure = (what: string) => `${what}, c = ${crowd}`;
        levers.push(
          { lever, caseId: c.id, measure: measure('p99'), before: b.result.p99, after: a.result.p99, unit: 'ms' },
          { lever, caseId: c.id, measure: measure('p50'), before: b.result.p50, after: a.result.p50, unit: 'ms' },
          { lever, caseId: c.id, measure: measure('throughput'), before: b.result.rps, after: a.result.rps, unit: 'req/s' },
          { lever, caseId: c.id, measure: measure('peak RSS'), before: b.peakRssMb ?? Number.NaN, after: a.peakRssMb ?? Number.NaN, unit: 'MB' },
        );
      }
      await without.stop();
      servers.splice(servers.indexOf(without), 1);
    }
    for (const l of levers) log(`lever ${l.lever} ${l.caseId}: ${l.measure} ${l.before.toFixed(2)} → ${l.after.toFixed(2)} ${l.unit}`);

    // The scale curve: the metric queries (product and raw SQL) at every scale, each scale in a database of its own
    // with a product server over it, all measured in the same interleaved rounds; the main scale is the bench database.
    const metricQueries = cases.filter((c) => c.query.metric !== undefined && raw.has(c.id));
    const scales = [...new Set(config.curveScales)].sort((a, b) => (a === config.mainScale ? -1 : b === config.mainScale ? 1 : a - b));
    const atScale = new Map<number, { pool: pg.Pool; product: ChildServer | null }>([[config.mainScale, { pool: warehouse.pool, product }]]);
    const servingAt = (scale: number) => {
      const serving = atScale.get(scale);
      if (!serving) throw new Error(`no database at scale ${scale}`);
      return serving;
    };
    for (const scale of scales.filter((s) => s !== config.mainScale)) {
      log(`loading the warehouse at scale ${scale} into a database of its own …`);
      const other = await openScaleDatabase(bench.cluster.url, scale, config.poolSize);
      scaleWarehouses.push(other.warehouse);
      data.push(other.loaded);
      log(`case facts: ${other.loaded.cases} cases in ${other.loaded.seconds.toFixed(0)} s`);
      await ensureReaderRole(other.warehouse.db, READER_SECRET);
      const server = wants('product')
        ? await startProductServer(
            PROJECT_ROOT,
            other.url,
            config.poolSize,
            LOG_DIRECTORY,
            'cold',
            readerUrl(other.url, readerPassword),
            `scale-${scale}`,
          )
        : null;
      if (server) {
        servers.push(server);
        log(`product at scale ${scale} on ${server.url} (pid ${server.pid})`);
      }
      atScale.set(scale, { pool: other.warehouse.pool, product: server });
    }
    for (const c of metricQueries) {
      const q = c.query;
      const statements = raw.get(c.id) as CapturedStatement[];
      const caseHeaders = roleHeaders(c.role);
      // Each scale's product server and raw baseline, as contenders once the concurrency is known.
      const entrants: { scale: number; contender: (concurrency: number) => Contender }[] = [];
      for (const scale of scales) {
        const { pool, product: server } = servingAt(scale);
        plans.push(await explainStatement(pool, c.id, scale, statements.at(-1) as CapturedStatement));
        const productErrors = server ? await graphqlErrors(server.url, q.product.query, caseHeaders) : [];
        if (productErrors.length) {
          notes.push(`curve ${c.id} at scale ${scale}: the product answered with errors: ${productErrors[0]}`);
          failures.push(`curve ${c.id} at scale ${scale}: the product answered with errors: ${productErrors[0]}`);
        }
        if (server) {
          const target = { url: server.url, query: q.product.query, headers: caseHeaders };
          entrants.push({ scale, contender: (concurrency) => httpContender('product', server, target, concurrency) });
        }
        if (wants('raw')) entrants.push({ scale, contender: (concurrency) => sqlContender(pool, statements, concurrency) });
      }
      for (const concurrency of config.curveConcurrencies) {
        const measured = await measureSideBySide(entrants.map((e) => e.contender(concurrency)));
        for (const [{ scale }, m] of entrants.map((e, i) => [e, measured[i]] as const)) {
          if (!m) continue;
          curve.push({ scale, system: m.system, queryId: c.id, concurrency, result: m.result });
          log(`curve ${c.id} scale ${scale} c=${concurrency} ${m.system}: ${fmt(m.result)}`);
        }
      }
    }

    const partial = {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      config: { ...config, systems: [...config.systems] },
      data,
      queries: facts,
      cells,
      curve,
      plans,
      ratios: computeRatios(cells),
      levers,
      pxweb,
      notes: [
        ...notes,
        'Load generator, servers and PostgreSQL share the same 2 cores; all three systems keep the same pool size to PostgreSQL.',
        'Raw SQL replays exactly the statements the product sent for the request and role (cell keys included for the public), one after another per request from the bench process (no HTTP, no GraphQL).',
        'Metric shapes run as the public (@public: disclosure control, no key) and as an analyst (@analyst); PostGraphile has no roles and runs once per shape.',
        "product = cold (RESULT_CACHE_MB=0: every request computes); product-warm = result cache on, filled by the warm-up's first request.",
        "q0 { __typename } runs no SQL: it is the framework's own ceiling, and no cached answer can be faster.",
        'SQL/req counts every statement PostgreSQL executed for one request (pg_stat_statements), transaction control included.',
      ],
    };
    const report: BenchReport = { ...partial, goals: checkGoals(partial, config.mainScale) };
    const file = await writeReport(RESULTS_DIRECTORY, report);
    console.log(`\nSide by side (scale ${config.mainScale}; ${config.durationSeconds} s per run after ${config.warmupSeconds} s warm-up):\n`);
    console.log(formatMainTable(report));
    console.log('\nRatios:\n');
    console.log(formatRatioTable(report));
    console.log('\nLevers of the cold path (each before → after, this run):\n');
    console.log(formatLevers(report));
    console.log('\nPxWeb API v2 face:\n');
    console.log(formatPxwebComparison(pxweb));
    console.log('\nScale curve (metric queries):\n');
    console.log(formatCurveTable(report));
    console.log('\nPlans of the metric statements:\n');
    console.log(formatPlans(report));
    console.log('\nNotes:\n');
    console.log(formatNotes(report));
    for (const note of report.notes) console.log(`  ${note}`);
    console.log('\nGoals:\n');
    console.log(formatGoals(report));
    console.log(`\nResults written to ${path.relative(PROJECT_ROOT, file)} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
    if (failures.length) {
      console.error(`\nbench failed: ${failures.length} system run(s) did not answer:\n${failures.map((f) => `  ${f}`).join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    for (const server of servers) await server.stop();
    await Promise.all([warehouse.close(), admin.end(), recorderPool.end(), ...scaleWarehouses.map((w) => w.close())]);
    await bench.stop();
  }
}

await main();
