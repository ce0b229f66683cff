import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetric, type MetricArgs } from '../resolvers/metric-rows.js';
import type { Role } from '../resolvers/roles.js';
import type { MetricWhere } from '../schema/metric-where.input.js';
import type { MetricRow } from '../schema/metric-result.type.js';
import { API_PTABLE } from '../warehouse/disclosure/ptable.js';
import type { Dimension } from '../warehouse/dimensions/dimension-registry.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * The differencing attack of issue 11, swept over the template's generated cases: for every case type and year (one
 * query grouped by YEAR and CASE_TYPE answers all of them: a cell's noise depends only on its records), a grouped
 * public answer is compared with the same answer filtered by each value of one more attribute, and a year with its
 * quarters. Two derivations per value a of the attribute: total − filtered(a) (the complement of a) and
 * total − Σ filtered(b ≠ a) (a itself). Each target whose true value (the analyst's answer, same formula) is 1–4 is
 * checked: derived exactly or not, and whether the p-table would let the attacker be certain of it.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const YEARS = [2022, 2023, 2024];
type Attribute = 'SEX' | 'CASE_SEGMENT' | 'AGE_GROUP' | 'CHANNEL' | 'REGION' | 'QUARTER';
const FILTER: Record<Exclude<Attribute, 'QUARTER'>, { key: keyof MetricWhere; column: string }> = {
  SEX: { key: 'sex', column: 'sex' },
  CASE_SEGMENT: { key: 'caseSegment', column: 'segment' },
  AGE_GROUP: { key: 'ageGroup', column: 'age_group' },
  CHANNEL: { key: 'channel', column: 'channel' },
  REGION: { key: 'region', column: 'region' },
};

/** A public or analyst answer as a map from cell (year, case type, grouping) to value; a missing row is 0. */
async function answer(role: Role, metric: string, by: Dimension[], where: MetricWhere): Promise<Map<string, number>> {
  const args: MetricArgs = { name: metric, by, where: { year: YEARS, ...where } };
  const result = await computeMetric(database.db, args, { limit: 20_000, offset: 0 }, role);
  const cells = new Map<string, number>();
  for (const row of result.rows) cells.set(cellKeyOf(row, by), row.value ?? 0);
  return cells;
}
const FIELD: Partial<Record<Dimension, keyof MetricRow>> = { CASE_TYPE: 'caseType', NATIONALITY: 'nationality', AGE_GROUP: 'ageGroup', SEX: 'sex' };
const cellKeyOf = (row: MetricRow, by: Dimension[]) =>
  JSON.stringify([
    row.year,
    ...(by.includes('QUARTER') ? [row.quarter] : []),
    ...by.filter((d) => FIELD[d]).map((d) => row[FIELD[d] as keyof MetricRow]),
  ]);

/** True values a shown count can come from, by the p-table: what an attacker who knows the p-table can infer. */
function possibleTrue(shown: number): number[] {
  const candidates: number[] = [];
  for (let i = Math.max(0, shown - 4); i <= shown + 4; i++) if (API_PTABLE.row(i).some((e) => i + e.noise === shown)) candidates.push(i);
  return candidates;
}

/** Targets of 1–4 true cases; of them, those under a total of 5 or more (the 10 − 6 = 4), the hard case for noise. */
interface Tally {
  targets: number;
  exact: number;
  certain: number;
  underLarge: number;
  exactUnderLarge: number;
}
const emptyTally = (): Tally => ({ targets: 0, exact: 0, certain: 0, underLarge: 0, exactUnderLarge: 0 });

/** Every derivation of one attribute: total vs the filtered answers of each value. */
function attack(tally: Tally, total: [Map<string, number>, Map<string, number>], parts: [Map<string, number>, Map<string, number>][]): void {
  const [shownTotal, trueTotal] = total;
  const at = (m: Map<string, number>, k: string) => m.get(k) ?? 0;
  for (const cell of trueTotal.keys()) {
    for (let a = 0; a < parts.length; a++) {
      const others = parts.filter((_, b) => b !== a);
      const derivations: [number, number, number[][]][] = [
        // total − filtered(a): the records of the cell not having value a.
        [
          at(shownTotal, cell) - at(parts[a]![0], cell),
          at(trueTotal, cell) - at(parts[a]![1], cell),
          [possibleTrue(at(shownTotal, cell)), possibleTrue(at(parts[a]![0], cell))],
        ],
        // total − Σ filtered(b ≠ a): the records having value a (and none of the attribute, e.g. no region).
        [
          at(shownTotal, cell) - others.reduce((s, p) => s + at(p[0], cell), 0),
          at(trueTotal, cell) - others.reduce((s, p) => s + at(p[1], cell), 0),
          [possibleTrue(at(shownTotal, cell)), ...others.map((p) => possibleTrue(at(p[0], cell)))],
        ],
      ];
      for (const [derived, truth, candidates] of derivations) {
        if (truth < 1 || truth > 4) continue;
        tally.targets++;
        if (derived === truth) tally.exact++;
        if (at(trueTotal, cell) >= 5) {
          tally.underLarge++;
          if (derived === truth) tally.exactUnderLarge++;
        }
        // Certain only if every shown value involved could come from one true value alone.
        if (candidates.every((c) => c.length === 1)) tally.certain++;
      }
    }
  }
}

describe('differencing attacks on the public role (cell key method)', () => {
  it('derives no cell of 1–4 cases with certainty, and hits the true value in at most half of the attempts', { timeout: 240_000 }, async () => {
    const results: Record<string, Tally> = {};
    for (const metric of ['received', 'decided']) {
      const both = async (by: Dimension[], where: MetricWhere) =>
        Promise.all([answer('public', metric, by, where), answer('analyst', metric, by, where)]);
      const grouped: Dimension[] = ['YEAR', 'CASE_TYPE', 'NATIONALITY', 'AGE_GROUP'];
      const byAge: Dimension[] = ['YEAR', 'CASE_TYPE', 'NATIONALITY', 'SEX'];
      const totals = await both(grouped, {});
      const totalsByAge = await both(byAge, {});
      for (const [attribute, { key, column }] of Object.entries(FILTER) as [Attribute, { key: keyof MetricWhere; column: string }][]) {
        const { rows } = await sql<{
          v: string;
        }>`select distinct ${sql.ref(column)} as v from cases.case_fact where ${sql.ref(column)} is not null order by 1`.execute(database.db);
        const parts = [];
        for (const { v } of rows) parts.push(await both(attribute === 'AGE_GROUP' ? byAge : grouped, { [key]: [v] }));
        const tally = (results[`${metric} × ${attribute}`] = emptyTally());
        attack(tally, attribute === 'AGE_GROUP' ? totalsByAge : totals, parts);
      }
      // A year and its quarters: the quarter answers come from one query grouped by QUARTER.
      const quarters = await both(['QUARTER', 'CASE_TYPE', 'NATIONALITY', 'AGE_GROUP'], {});
      const quarterParts = [1, 2, 3, 4].map(
        (q) =>
          quarters.map(
            (answerOf) =>
              new Map(
                [...answerOf].flatMap(([k, v]) => {
                  const [year, ...rest] = JSON.parse(k) as [number, ...unknown[]];
                  // The quarter rows carry the year; keep those of quarter q under the year's cell key.
                  return [[JSON.stringify([year, ...rest.slice(1)]), v] as [string, number]].filter(() => rest[0] === q);
                }),
              ),
          ) as [Map<string, number>, Map<string, number>],
      );
      attack((results[`${metric} × QUARTER`] = emptyTally()), totals, quarterParts);
    }
    const all = Object.values(results).reduce((s, t) => {
      for (const k of Object.keys(s) as (keyof Tally)[]) s[k] += t[k];
      return s;
    }, emptyTally());
    console.log('differencing: small (1–4) targets, exact hits, certain', JSON.stringify({ ...results, all }));
    console.log(
      `differencing: attacker's exact-hit rate ${((all.exact / all.targets) * 100).toFixed(1)} % of ${all.targets} small targets; ` +
        `${((all.exactUnderLarge / all.underLarge) * 100).toFixed(1)} % of the ${all.underLarge} under a total of 5 or more`,
    );
    expect(all.targets).toBeGreaterThan(100);
    expect(all.certain).toBe(0);
    expect(all.exact / all.targets).toBeLessThanOrEqual(0.5);
    expect(all.underLarge).toBeGreaterThan(100);
    expect(all.exactUnderLarge / all.underLarge).toBeLessThanOrEqual(0.5);
    for (const [name, t] of Object.entries(results)) if (t.targets >= 20) expect(t.exact / t.targets, name).toBeLessThanOrEqual(0.5);
  });
});
