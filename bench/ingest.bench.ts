/**
 * `npm run bench:ingest [-- --scale 1]`: the agencies' deliveries through the one way in, on an embedded PostgreSQL
 * of its own: the simulator writes the three full deliveries at the scale; `npm run ingest` (a child process, so that
 * its peak RSS is its own) loads them, then a 1 % delta of the Migration Agency (its first cases upserted, corrected, with their
 * events); last, `npm start` on a fresh data directory until it serves. Prints each against its goal and writes
 * bench/results/ingest-<timestamp>.json.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ensureDatabase } from '../warehouse/database/database-target.js';
import { bootEmbeddedPostgres, databaseUrl, freePort } from '../warehouse/database/embedded-postgres.js';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';
import { readCalibration } from '../warehouse/generator/read-calibration.js';
import { writeDeliveries } from '../warehouse/generator/write-deliveries.js';
import { MANIFEST_FILE } from '../warehouse/ingest/manifest.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, 'skip-start': { type: 'boolean', default: false } } });
const scale = Number(values.scale);
if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${values.scale}`);

interface Run {
  seconds: number;
  status: number | null;
  output: string;
}

/** Runs an entry point with tsx's loader in-process until it exits (or until `until` appears, then SIGTERM). */
function run(script: string, args: string[], env: Record<string, string>, until?: string): Promise<Run> {
  const started = performance.now();
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let seconds: number | null = null;
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    if (until && seconds === null && output.includes(until)) {
      seconds = (performance.now() - started) / 1000;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((resolve) =>
    child.on('exit', (status) => resolve({ seconds: seconds ?? (performance.now() - started) / 1000, status, output })),
  );
}

/**
 * The first `share` of the Migration Agency's cases, upserted again with a correction (their sex, `kon`, K ↔ M: every
 * fact and rollup row of those cases changes), and their events resent unchanged: a delta of extract 2.
 */
/** Column of `kon` in the Migration Agency's cases (schemas/migrationsverket/cases.v1.json). */
const SEX_COLUMN = 4;
const OTHER_SEX: Record<string, string> = { K: 'M', M: 'K' };

/** A case line with its sex code swapped; a line with quoted cells stays as it is (the simulator quotes none before kon). */
function corrected(line: string): string {
  if (line.includes('"')) return line;
  const cells = line.split(',');
  const sex = cells[SEX_COLUMN] ?? '';
  if (OTHER_SEX[sex]) cells[SEX_COLUMN] = OTHER_SEX[sex];
  return cells.join(',');
}

async function writeDelta(full: string, out: string, share: number, caseCount: number): Promise<number> {
  await mkdir(out, { recursive: true });
  const take = Math.round(caseCount * share);
  const ids = new Set<string>();
  const resources = [];
  for (const resource of ['cases', 'events'] as const) {
    const lines: string[] = [];
    let first = true;
    for await (const line of createInterface({ input: createReadStream(path.join(full, `${resource}.csv`)) })) {
      if (first) {
        lines.push(`${line},op`);
        first = false;
        continue;
      }
      const id = line.slice(0, line.indexOf(','));
      if (resource === 'cases' && ids.size < take) ids.add(id);
      if (ids.has(id)) lines.push(`${resource === 'cases' ? corrected(line) : line},upsert`);
    }
    const content = `${lines.join('\n')}\n`;
    await writeFile(path.join(out, `${resource}.csv`), content);
    resources.push({
      name: resource,
      path: `${resource}.csv`,
      format: 'csv',
      encoding: 'utf-8',
      bytes: Buffer.byteLength(content),
      hash: `sha256:${createHash('sha256').update(content).digest('hex')}`,
      rows: lines.length - 1,
      schema: `migrationsverket/${resource}.v1.json`,
    });
  }
  const manifest = JSON.parse(await readFile(path.join(full, MANIFEST_FILE), 'utf8')) as Record<string, unknown>;
  await writeFile(
    path.join(out, MANIFEST_FILE),
    JSON.stringify(
      {
        ...manifest,
        name: 'migrationsverket-extract-2',
        extract: { ...(manifest.extract as object), id: 2, kind: 'delta' },
        generator: undefined,
        resources,
      },
      null,
      2,
    ),
  );
  return resources.reduce((a, r) => a + r.rows, 0);
}

const peakOf = (output: string) => Number(/peak RSS (\d+) MB/.exec(output)?.[1] ?? Number.NaN);
const phasesOf = (output: string) => /\((verify [^)]*)\)/.exec(output)?.[1] ?? '';
/** The ingest's own time (its summary line), beside the process's wall time, which adds Node's and tsx's start. */
const ingestSecondsOf = (output: string) => Number(/ in ([0-9.]+) s \(verify/.exec(output)?.[1] ?? Number.NaN);

const parent = await mkdtemp(path.join(os.tmpdir(), 'ingest-bench-'));
await chmod(parent, 0o755);
const cluster = await bootEmbeddedPostgres({ dataDirectory: path.join(parent, 'data') });
const results: Record<string, unknown> = { startedAt: new Date().toISOString(), scale, cpus: os.cpus().length, node: process.version };
let failed = false;
try {
  await ensureDatabase(cluster.url, 'ingest_bench');
  const url = databaseUrl(cluster.url, 'ingest_bench');
  const warehouse = connectWarehouse(url);
  await prepareWarehouse(warehouse.db, { caseScale: 0 });
  const { targets } = await readCalibration(warehouse.db);
  await warehouse.close();

  let at = performance.now();
  const written = await writeDeliveries(targets, path.join(parent, 'deliveries'), { scale, seed: 20_240_101 });
  const simulateSeconds = (performance.now() - at) / 1000;
  const rows = written.deliveries.reduce((a, d) => a + Object.values(d.rows).reduce((b, n) => b + n, 0), 0);
  console.log(`simulated ${written.caseRows} cases as ${rows} delivery rows in ${simulateSeconds.toFixed(1)} s`);

  const reports = path.join(parent, 'reports');
  const full = await run('warehouse/ingest/ingest.cli.ts', [...written.deliveries.map((d) => d.directory), '--reports', reports], {
    DATABASE_URL: url,
  });
  failed ||= full.status !== 0;
  console.log(
    full.output
      .split('\n')
      .filter((l) => /^(LOADED|REFUSED|published|nothing)/.test(l))
      .join('\n'),
  );
  results.full = {
    rows,
    seconds: full.seconds,
    ingestSeconds: ingestSecondsOf(full.output),
    rowsPerSecond: rows / full.seconds,
    peakRssMb: peakOf(full.output),
    phases: phasesOf(full.output),
    status: full.status,
  };

  const delta = path.join(parent, 'delta', 'migrationsverket-2');
  const deltaRows = await writeDelta(written.deliveries[0]?.directory as string, delta, 0.01, written.caseRows);
  const d = await run('warehouse/ingest/ingest.cli.ts', [delta, '--reports', reports], { DATABASE_URL: url });
  failed ||= d.status !== 0;
  console.log(
    d.output
      .split('\n')
      .filter((l) => /^(LOADED|REFUSED|published|nothing)/.test(l))
      .join('\n'),
  );
  results.delta = {
    rows: deltaRows,
    seconds: d.seconds,
    ingestSeconds: ingestSecondsOf(d.output),
    peakRssMb: peakOf(d.output),
    phases: phasesOf(d.output),
    status: d.status,
  };

  if (!values['skip-start']) {
    at = performance.now();
    const fresh = path.join(parent, 'fresh', 'postgres');
    await mkdir(path.dirname(fresh), { recursive: true, mode: 0o755 });
    await chmod(path.dirname(fresh), 0o755);
    const start = await run(
      'server/main.ts',
      [],
      { PGDATA_DIR: fresh, CASE_SCALE: String(scale), PORT: String(await freePort()), LOG_LEVEL: 'warn' },
      'GraphQL API at',
    );
    failed ||= !start.output.includes('GraphQL API at');
    results.firstStart = { seconds: start.seconds, served: start.output.includes('GraphQL API at') };
  }

  const goal = (name: string, value: number, limit: number, unit: string) =>
    console.log(
      `${name.padEnd(44)} ${value.toFixed(1).padStart(8)} ${unit.padEnd(6)} goal ≤ ${limit} ${unit}  ${value <= limit ? 'met' : 'MISSED'} (${(value / limit).toFixed(2)}× the goal)`,
    );
  console.log(`\nIngestion at scale ${scale} (${os.cpus().length} cores):`);
  const f = results.full as { seconds: number; peakRssMb: number; rowsPerSecond: number };
  goal(`full deliveries, ${rows} rows (${Math.round(f.rowsPerSecond)} rows/s)`, f.seconds, 60 * scale, 's');
  goal(`1 % delta, ${deltaRows} rows`, (results.delta as { seconds: number }).seconds, 5, 's');
  goal('ingest peak RSS (full)', f.peakRssMb, 300, 'MB');
  if (results.firstStart)
    goal('first npm start on a fresh data directory', (results.firstStart as { seconds: number }).seconds, 90 * Math.max(1, scale), 's');
  console.log(
    `ingest's own time (full, delta): ${(results.full as { ingestSeconds: number }).ingestSeconds} s, ${(results.delta as { ingestSeconds: number }).ingestSeconds} s`,
  );
  console.log(`phases (full): ${f ? (results.full as { phases: string }).phases : ''}`);
  console.log(`phases (delta): ${(results.delta as { phases: string }).phases}`);
  const file = path.join(ROOT, 'bench', 'results', `ingest-${new Date().toISOString().replaceAll(':', '-')}.json`);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results written to ${path.relative(ROOT, file)}`);
} finally {
  await cluster.stop();
  await rm(parent, { recursive: true, force: true });
}
if (failed) {
  console.error('bench:ingest failed: a run did not succeed (see above)');
  process.exitCode = 1;
}
