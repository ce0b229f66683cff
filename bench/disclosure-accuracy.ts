/**
 * The accuracy cost of the cell key method, measured over real answers: the public role's and the analyst's answers
 * to the same metric queries (every case-fact metric, grouped several ways) over the generated cases at a scale
 * (DISCLOSURE_SCALE, default 1: the national volume). Prints, per metric kind and overall, the share of cells whose
 * shown value differs from the true one, the mean absolute change of counts, and the worst relative change of a count
 * on cells of 100 or more. Usage: `npx tsx bench/disclosure-accuracy.ts` (docs/disclosure-control.md quotes it).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { computeMetric } from '../resolvers/metric-rows.js';
import type { Role } from '../resolvers/roles.js';
import { ensureDatabase } from '../warehouse/database/database-target.js';
import { METRIC_DISCLOSURE } from '../warehouse/disclosure/metric-disclosure.js';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { bootEmbeddedPostgres, databaseUrl } from '../warehouse/database/embedded-postgres.js';
import type { Dimension } from '../warehouse/dimensions/dimension-registry.js';
import type { MetricRow } from '../schema/metric-result.type.js';
import { loadCaseData } from './case-data.js';

const scale = Number(process.env.DISCLOSURE_SCALE ?? 1);
const GROUPINGS: Dimension[][] = [
  ['YEAR'],
  ['YEAR', 'CASE_TYPE'],
  ['YEAR', 'CASE_TYPE', 'SEX'],
  ['YEAR', 'CASE_TYPE', 'CASE_SEGMENT'],
  ['QUARTER', 'CASE_TYPE'],
  ['MONTH', 'CASE_TYPE'],
  ['YEAR', 'CASE_TYPE', 'AGE_GROUP'],
  ['YEAR', 'CASE_TYPE', 'REGION'],
  ['YEAR', 'CASE_TYPE', 'NATIONALITY'],
  ['YEAR', 'CASE_TYPE', 'NATIONALITY', 'AGE_GROUP'],
];
const rowKey = (r: MetricRow) => JSON.stringify([r.period, r.caseType, r.caseSegment, r.sex, r.ageGroup, r.region, r.nationality]);

interface Stats {
  cells: number;
  changed: number;
  withheld: number;
  absChange: number;
  countCells: number;
  worstRelative100: number;
  cells100: number;
  shareAbs: number;
  shareCells: number;
}
const empty = (): Stats => ({
  cells: 0,
  changed: 0,
  withheld: 0,
  absChange: 0,
  countCells: 0,
  worstRelative100: 0,
  cells100: 0,
  shareAbs: 0,
  shareCells: 0,
});

async function main() {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'warehouse-disclosure-'));
  await chmod(parent, 0o755);
  const cluster = await bootEmbeddedPostgres({ dataDirectory: path.join(parent, 'data') });
  await ensureDatabase(cluster.url, 'accuracy');
  const warehouse = connectWarehouse(databaseUrl(cluster.url, 'accuracy'));
  try {
    const data = await loadCaseData(warehouse.db, scale);
    console.log(`cases at scale ${scale}: ${data.cases} (${data.seconds.toFixed(0)} s to load)`);
    const byKind = new Map<string, Stats>();
    const all = empty();
    for (const [metric, rule] of Object.entries(METRIC_DISCLOSURE)) {
      for (const by of GROUPINGS) {
        if (metric === 'approval_rate_deviation_pp' && !by.includes('REGION')) continue;
        const ask = (role: Role) =>
          computeMetric(warehouse.db, { name: metric, by, where: { year: [2022, 2023, 2024] } }, { limit: 20_000, offset: 0 }, role);
        let shown;
        let truth;
        try {
          [shown, truth] = await Promise.all([ask('public'), ask('analyst')]);
        } catch (error) {
          continue; // groupings a metric does not support, or over 20 000 rows
        }
        const shownByKey = new Map(shown.rows.map((r) => [rowKey(r), r]));
        const stats = byKind.get(rule.kind) ?? empty();
        byKind.set(rule.kind, stats);
        for (const t of truth.rows) {
          if (t.value === null) continue;
          const s = shownByKey.get(rowKey(t));
          const value = s ? s.value : 0; // a row left out shows as 0
          for (const target of [stats, all]) {
            target.cells++;
            if (s?.suppressed) target.withheld++;
            else if (value !== t.value && !(value !== null && Math.abs(value - t.value) < 1e-9)) target.changed++;
            if (rule.kind === 'ratio' && rule.share && value !== null && s && !s.suppressed) {
              target.shareCells++;
              target.shareAbs += Math.abs(value - t.value);
            }
            if (rule.kind === 'count' && value !== null) {
              target.countCells++;
              target.absChange += Math.abs(value - t.value);
              if (t.value >= 100) {
                target.cells100++;
                target.worstRelative100 = Math.max(target.worstRelative100, Math.abs(value - t.value) / t.value);
              }
            }
          }
        }
      }
    }
    const line = (name: string, s: Stats) =>
      `| ${name} | ${s.cells} | ${((100 * s.changed) / s.cells).toFixed(1)} % | ${((100 * s.withheld) / s.cells).toFixed(1)} % | ` +
      `${s.countCells ? (s.absChange / s.countCells).toFixed(2) : '–'} | ${s.cells100 ? `${(100 * s.worstRelative100).toFixed(2)} % (${s.cells100} cells)` : '–'} | ` +
      `${s.shareCells ? `${((100 * s.shareAbs) / s.shareCells).toFixed(2)} pp` : '–'} |`;
    console.log(
      '| metric kind | cells | changed | withheld | mean abs. change (counts) | worst relative change, counts ≥ 100 | mean abs. change (shares) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const [kind, s] of byKind) console.log(line(kind, s));
    console.log(line('all', all));
  } finally {
    await warehouse.close();
    await cluster.stop();
    await rm(parent, { recursive: true, force: true });
  }
}

await main();
