import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { metric, type MetricName } from '../warehouse/metrics/catalog.js';
import type { Dimension } from '../warehouse/dimensions/dimension-registry.js';
import type { MetricFilter, MetricRowData } from '../warehouse/metrics/metric-request.js';
import type { MetricDefinition } from '../warehouse/metrics/metric-definition.js';
import { runMetric, shareableGroups } from '../warehouse/metrics/metric-query.js';
import type { NullReason } from '../warehouse/metrics/null-reason.js';
import { discloseRows } from '../warehouse/disclosure/disclose-rows.js';
import { inSpanSync } from '../warehouse/tracing/request-spans.js';

/** Values of several catalogue metrics for one group and year. */
export interface MetricCell {
  year: number;
  values: Map<MetricName, number | null>;
  /** Why a value is null, where it is. */
  reasons: Map<MetricName, NullReason | null>;
}

/** Largest number of groups × years one domain relation reads per request (far above what the reports hold). */
const CELL_LIMIT = 100_000;

/**
 * Reads catalogue metrics for many parents at once: one statement per group of metrics that can share one, filtered to all parents' keys and
 * grouped by YEAR and the key dimension, split afterwards per parent. The typed domain fields thus show exactly what
 * `metric(…)` computes, from the one definition in the catalogue.
 */
async function yearlyCells(
  db: Kysely<Database>,
  metrics: readonly MetricName[],
  keys: readonly Dimension[],
  where: MetricFilter,
  controlled = false,
): Promise<Map<string, MetricCell[]>> {
  const cells = new Map<string, Map<number, MetricCell>>();
  const definitions = metrics.map(metric);
  for (const [first, ...also] of shareableGroups(definitions)) {
    const by = ['YEAR', ...keys] as Dimension[];
    // Case facts shown to the public role: each value disclosed from its cell's counts and keys (cell key method).
    const disclosed = controlled && (first as MetricDefinition).kind !== 'figure';
    const request = { by, where, comparePrevious: false, orderBy: [], limit: CELL_LIMIT, offset: 0, cellKeys: disclosed };
    const result = await runMetric(db, first as MetricDefinition, request, also);
    const disclose = () =>
      [first as MetricDefinition, ...also].map((d, k) =>
        disclosed
          ? discloseRows(d.name, result.rows, by, (row) => (k === 0 ? row.value : (row.also[k - 1] ?? null))).map((r) => r.value.value)
          : null,
      );
    const shown = disclosed ? inSpanSync('disclosure control', { 'warehouse.rows': result.rows.length }, disclose) : disclose();
    for (const [index, row] of (result.rows as MetricRowData[]).entries()) {
      const group = keys.map((k) => row.dims[k] ?? '').join('|');
      const year = Number(row.bucket?.slice(0, 4));
      let years = cells.get(group);
      if (!years) cells.set(group, (years = new Map()));
      let cell = years.get(year);
      if (!cell) years.set(year, (cell = { year, values: new Map(), reasons: new Map() }));
      const firstShown = shown[0] ? (shown[0][index] ?? null) : row.value;
      cell.values.set((first as MetricDefinition).name as MetricName, firstShown);
      cell.reasons.set((first as MetricDefinition).name as MetricName, firstShown === null && row.value !== null ? 'SUPPRESSED' : row.nullReason);
      also.forEach((d, i) => {
        const value = shown[i + 1] ? (shown[i + 1]?.[index] ?? null) : (row.also[i] ?? null);
        cell.values.set(d.name as MetricName, value);
        cell.reasons.set(d.name as MetricName, value === null && row.also[i] !== null ? 'SUPPRESSED' : (row.alsoNullReasons[i] ?? null));
      });
    }
  }
  return new Map([...cells].map(([group, years]) => [group, [...years.values()].sort((a, b) => a.year - b.year)]));
}

export interface CaseSeriesKey {
  caseType: string;
  segment: string | null;
  sex: string | null;
}

export const CASE_TYPE_YEAR_METRICS = [
  'received',
  'decided',
  'approval_rate',
  'mean_processing_days',
  'share_within_statutory_limit',
  'open_at_end',
  'clearance_rate',
] as const satisfies readonly MetricName[];
export const OPEN_BALANCE_METRICS = ['open_at_end', 'backlog_change'] as const satisfies readonly MetricName[];
export const FEE_YEAR_METRICS = [
  'fee_revenue',
  'fee_cost',
  'fee_coverage_ratio',
  'fee_coverage_target',
  'fee_coverage_gap',
] as const satisfies readonly MetricName[];
export const BUDGET_YEAR_METRICS = ['budget_allocated', 'budget_outcome', 'budget_utilisation'] as const satisfies readonly MetricName[];

/** Cache key of a case series; shared with the published-figure loader of the same series. */
export const seriesKey = (k: CaseSeriesKey) => `${k.caseType}|${k.segment ?? ''}|${k.sex ?? ''}`;

/** `controlled`: the caller has the public role, so values from case facts are disclosed (cell key method). */
export function createMetricCellLoaders(db: Kysely<Database>, controlled: boolean) {
  return {
    /** A case type's yearly flows from the case-level facts; keys asking the same segment and sex share statements. */
    caseTypeYears: new DataLoader<CaseSeriesKey, MetricCell[], string>(
      async (keys) => {
        const results = new Map<string, MetricCell[]>();
        const shapes = new Map<string, CaseSeriesKey[]>();
        for (const k of keys) {
          const shape = `${k.segment ?? ''}|${k.sex ?? ''}`;
          shapes.set(shape, [...(shapes.get(shape) ?? []), k]);
        }
        for (const group of shapes.values()) {
          const { segment, sex } = group[0] as CaseSeriesKey;
          const where: MetricFilter = {
            caseType: group.map((k) => k.caseType),
            ...(segment ? { caseSegment: [segment] } : {}),
            ...(sex ? { sex: [sex] } : {}),
          };
          const cells = await yearlyCells(db, CASE_TYPE_YEAR_METRICS, ['CASE_TYPE'], where, controlled);
          for (const k of group) results.set(seriesKey(k), cells.get(k.caseType) ?? []);
        }
        return keys.map((k) => results.get(seriesKey(k)) ?? []);
      },
      { cacheKeyFn: seriesKey },
    ),

    /** Open balances of a case type per segment and year, from the case-level facts: segment → cells. */
    caseTypeOpenBalances: new DataLoader<string, Map<string, MetricCell[]>>(async (caseTypes) => {
      const cells = await yearlyCells(db, OPEN_BALANCE_METRICS, ['CASE_TYPE', 'CASE_SEGMENT'], { caseType: caseTypes }, controlled);
      return caseTypes.map(
        (caseType) =>
          new Map([...cells].filter(([key]) => key.startsWith(`${caseType}|`)).map(([key, series]) => [key.slice(caseType.length + 1), series])),
      );
    }),

    feeActivityYears: new DataLoader<string, MetricCell[]>(async (activities) => {
      const cells = await yearlyCells(db, FEE_YEAR_METRICS, ['FEE_ACTIVITY'], { feeActivity: activities });
      return activities.map((a) => cells.get(a) ?? []);
    }),

    budgetLineYears: new DataLoader<string, MetricCell[]>(async (appropriations) => {
      const cells = await yearlyCells(db, BUDGET_YEAR_METRICS, ['APPROPRIATION'], { appropriation: appropriations });
      return appropriations.map((a) => cells.get(a) ?? []);
    }),
  };
}

export type MetricCellLoaders = ReturnType<typeof createMetricCellLoaders>;
