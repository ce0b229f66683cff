import type { PxwebComparison } from './pxweb-comparison.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchConfig } from './bench-config.js';
import type { CaseDataReport } from './case-data.js';
import type { LoadResult } from './latency-stats.js';

/** `product` is the cold path (result cache off); `product-warm` answers from the result cache after one request. */
export type SystemName = 'product' | 'product-warm' | 'postgraphile' | 'raw';
export const SYSTEMS: readonly SystemName[] = ['product', 'product-warm', 'postgraphile', 'raw'];

/** One measured run: a system answering one query at one concurrency (empty when the system cannot ask it). */
export interface Cell {
  system: SystemName;
  queryId: string;
  concurrency: number;
  result: LoadResult | null;
  /** Peak RSS of the server process during the run (MiB); null for the raw baseline (no server). */
  peakRssMb: number | null;
  /** Throughput of each interleaved round (bench/run.ts measureInRounds), to see how steady the machine was. */
  roundRps?: number[];
  note?: string;
}

/** What is known of a case (a query as one role asks it) beyond its runs: SQL statements per request and why a cell is empty. */
export interface QueryFacts {
  id: string;
  title: string;
  /** The role the case asks as (the metric shapes run as both). */
  role: 'public' | 'analyst';
  /** A `metric(…)` shape: the overhead goal (≤ 1.3× its own raw statements) is judged on these. */
  metric: boolean;
  sharedShape: boolean;
  statements: Partial<Record<SystemName, number>>;
  /** The product's statements for the smaller variant (fewer parents or a smaller page). */
  productStatementsSmaller?: number;
  notes: Partial<Record<SystemName, string>>;
  /** The statements the raw baseline replays: exactly the product's for this request and role, in order. */
  rawStatements?: { sql: string; parameters: unknown[] }[];
}

/** One lever of the cold path, priced in this run: the same work with it (after) and without it (before). */
export interface LeverRow {
  lever: string;
  caseId: string;
  /** What is measured (e.g. raw SQL p50 at c = 1, statements per request). */
  measure: string;
  before: number;
  after: number;
  unit: string;
}

/** A metric statement's plan at one scale: execution time and which tables it reads. */
export interface PlanFacts {
  queryId: string;
  scale: number;
  executionMs: number;
  planningMs: number;
  tablesRead: string[];
}

export interface CurvePoint {
  scale: number;
  system: SystemName;
  queryId: string;
  concurrency: number;
  result: LoadResult;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; memoryGb: number; node: string; platform: string };
  config: Omit<BenchConfig, 'systems'> & { systems: string[] };
  data: CaseDataReport[];
  queries: QueryFacts[];
  cells: Cell[];
  curve: CurvePoint[];
  plans: PlanFacts[];
  ratios: Ratio[];
  /** The cold path's levers, each measured before → after in this run. */
  levers: LeverRow[];
  /** The PxWeb face's 10 000-cell data request beside the same cells through GraphQL (bench/pxweb-comparison.ts). */
  pxweb?: PxwebComparison[];
  goals: GoalCheck[];
  notes: string[];
}

export interface Ratio {
  queryId: string;
  concurrency: number;
  /** Product ÷ PostGraphile requests per second (> 1: the product is faster). */
  productOverPostgraphileRps: number | null;
  /** Product ÷ raw SQL p50 latency (1: no overhead over the bare statements). */
  productOverRawP50: number | null;
  /** Product p50 − raw SQL p50 (ms): what the API adds around its statements. */
  productMinusRawP50Ms: number | null;
  /** Warm product (result cache on, filled) ÷ PostGraphile requests per second. */
  warmProductOverPostgraphileRps: number | null;
  /** Warm product ÷ raw SQL p50 latency (< 1: the cache answers faster than the statements alone). */
  warmProductOverRawP50: number | null;
  /** Warm ÷ cold product requests per second: what the cache buys. */
  warmOverColdProductRps: number | null;
}

export interface GoalCheck {
  goal: string;
  met: boolean | null;
  detail: string;
}

const fixed = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? '' : v.toFixed(digits));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The ratios of each case and concurrency, from the cells of its own row. */
export function computeRatios(cells: readonly Cell[]): Ratio[] {
  const find = (system: SystemName, queryId: string, concurrency: number) =>
    cells.find((c) => c.system === system && c.queryId === queryId && c.concurrency === concurrency)?.result ?? null;
  const keys = [...new Set(cells.map((c) => `${c.queryId}|${c.concurrency}`))];
  return keys.map((key) => {
    const [queryId, c] = key.split('|') as [string, string];
    const concurrency = Number(c);
    const product = find('product', queryId, concurrency);
    const warm = find('product-warm', queryId, concurrency);
    const peer = find('postgraphile', queryId, concurrency);
    const raw = find('raw', queryId, concurrency);
    return {
      queryId,
      concurrency,
      productOverPostgraphileRps: product && peer && peer.rps > 0 ? product.rps / peer.rps : null,
      productOverRawP50: product && raw && raw.p50 > 0 ? product.p50 / raw.p50 : null,
      productMinusRawP50Ms: product && raw ? product.p50 - raw.p50 : null,
      warmProductOverPostgraphileRps: warm && peer && peer.rps > 0 ? warm.rps / peer.rps : null,
      warmProductOverRawP50: warm && raw && raw.p50 > 0 ? warm.p50 / raw.p50 : null,
      warmOverColdProductRps: warm && product && product.rps > 0 ? warm.rps / product.rps : null,
    };
  });
}

export function formatMainTable(report: BenchReport): string {
  const rows: string[][] = [];
  for (const q of report.queries) {
    for (const cell of report.cells.filter((c) => c.queryId === q.id)) {
      const r = cell.result;
      rows.push([
        q.id,
        String(cell.concurrency),
        cell.system,
        r ? fixed(r.rps, 0) : '—',
        r ? fixed(r.p50, 2) : '—',
        r ? fixed(r.p95, 2) : '—',
        r ? fixed(r.p99, 2) : '—',
        r ? String(r.errors) : '',
        q.statements[cell.system] === undefined ? '' : String(q.statements[cell.system]),
        cell.peakRssMb === null ? '' : fixed(cell.peakRssMb, 0),
      ]);
    }
  }
  return table(['query', 'c', 'system', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'SQL/req', 'peak RSS MB'], rows);
}

export function formatRatioTable(report: BenchReport): string {
  const times = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${fixed(v, 2)}×`);
  const rows = report.ratios.map((r) => [
    r.queryId,
    String(r.concurrency),
    '',
    times(r.productOverPostgraphileRps),
    times(r.productOverRawP50),
    r.productMinusRawP50Ms === null ? '—' : `${fixed(r.productMinusRawP50Ms, 2)} ms`,
    times(r.warmProductOverPostgraphileRps),
    times(r.warmProductOverRawP50),
    times(r.warmOverColdProductRps),
  ]);
  return table(
    ['query', 'c', '', 'cold÷PostGraphile req/s', 'cold÷raw p50', 'cold−raw p50', 'warm÷PostGraphile req/s', 'warm÷raw p50', 'warm÷cold req/s'],
    rows,
  );
}

export function formatCurveTable(report: BenchReport): string {
  const rows = report.curve.map((p) => [
    p.queryId,
    fixed(p.scale, 1),
    `${p.system} c=${p.concurrency}`,
    fixed(p.result.rps, 0),
    fixed(p.result.p50, 2),
    fixed(p.result.p95, 2),
    fixed(p.result.p99, 2),
    String(p.result.errors),
  ]);
  return table(['query', 'scale', 'system', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'], rows);
}

export function formatLevers(report: BenchReport): string {
  const rows = report.levers.map((l) => [
    l.lever,
    l.caseId,
    l.measure,
    fixed(l.before, 2),
    fixed(l.after, 2),
    l.unit,
    l.after > 0 ? `${fixed(l.before / l.after, 2)}×` : '',
  ]);
  return table(['lever', 'case', 'measure', 'before', 'after', 'unit', 'before÷after'], rows);
}

export function formatPlans(report: BenchReport): string {
  return report.plans
    .map(
      (p) =>
        `  ${p.queryId} at scale ${p.scale}: EXPLAIN ANALYZE execution ${fixed(p.executionMs, 2)} ms (planning ${fixed(p.planningMs, 2)} ms), reads ${p.tablesRead.join(', ')}`,
    )
    .join('\n');
}

export function formatNotes(report: BenchReport): string {
  const lines: string[] = [];
  for (const q of report.queries) {
    for (const [system, note] of Object.entries(q.notes)) lines.push(`  ${q.id} ${system}: ${note}`);
    if (q.productStatementsSmaller !== undefined) {
      lines.push(`  ${q.id} product SQL/request: ${q.statements.product ?? '?'} (full) vs ${q.productStatementsSmaller} (smaller list or page)`);
    }
  }
  return lines.join('\n');
}

export function formatGoals(report: BenchReport): string {
  return report.goals.map((g) => `  [${g.met === null ? 'n/a' : g.met ? 'met' : 'MISSED'}] ${g.goal}: ${g.detail}`).join('\n');
}

/** Writes the report as bench/results/<timestamp>.json and returns the path. */
export async function writeReport(resultsDirectory: string, report: BenchReport): Promise<string> {
  await mkdir(resultsDirectory, { recursive: true });
  const file = path.join(resultsDirectory, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
