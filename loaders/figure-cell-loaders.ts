import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from '../warehouse/database/tables.js';
import { pivotByYear, type FigureCell } from '../warehouse/queries/figure-cells.js';
import { readHeadlineFigures } from '../warehouse/queries/headline-figures.js';
import { seriesKey, type CaseSeriesKey } from './metric-cell-loaders.js';

export const CASE_FLOW_MEASURES = [
  'received',
  'decided',
  'approval_rate',
  'mean_processing_days',
  'share_decided_within_limit',
  'open_at_end',
] as const;
export const OPEN_BALANCE_MEASURES = ['open_at_end', 'mean_queue_days', 'share_open_within_limit'] as const;
export const FEE_MEASURES = [
  'fee_revenue',
  'fee_cost',
  'fee_budget_revenue',
  'fee_budget_cost',
  'fee_result',
  'fee_accumulated_closing',
  'fee_coverage_target',
] as const;
export const BUDGET_MEASURES = ['budget_allocated', 'budget_outcome'] as const;

/**
 * Per-request DataLoaders over the published figures: every list of N parents costs one SQL statement per relation,
 * never N. Each batch function asks for all keys in one query and splits the rows by key.
 */
export function createFigureCellLoaders(db: Kysely<Database>) {
  return {
    figureCaseSeries: new DataLoader<CaseSeriesKey, FigureCell[], string>(
      async (keys) => {
        const rows = await readHeadlineFigures(db, {
          measures: CASE_FLOW_MEASURES,
          pinned: ['case_type', 'segment', 'sex'],
          where: {
            case_type: [...new Set(keys.map((k) => k.caseType))],
            segment: [...new Set(keys.map((k) => k.segment))],
            sex: [...new Set(keys.map((k) => k.sex))],
          },
        });
        const cells = pivotByYear(rows, (r) => seriesKey({ caseType: r.case_type ?? '', segment: r.segment, sex: r.sex }));
        return keys.map((k) => cells.get(seriesKey(k)) ?? []);
      },
      { cacheKeyFn: seriesKey },
    ),

    /** Open balances of a case type: every segment's series, keyed by case type, then `segment|year`. */
    openBalances: new DataLoader<string, Map<string | null, FigureCell[]>>(async (caseTypes) => {
      const rows = await readHeadlineFigures(db, {
        measures: OPEN_BALANCE_MEASURES,
        pinned: ['case_type', 'segment'],
        where: { case_type: caseTypes },
      });
      return caseTypes.map((caseType) => {
        const own = rows.filter((r) => r.case_type === caseType);
        const bySegment = pivotByYear(own, (r) => r.segment ?? '');
        return new Map([...bySegment].map(([segment, cells]) => [segment === '' ? null : segment, cells]));
      });
    }),

    figureFeeActivityYears: new DataLoader<string, FigureCell[]>(async (activities) => {
      const rows = await readHeadlineFigures(db, {
        measures: FEE_MEASURES,
        pinned: ['fee_activity'],
        where: { fee_activity: activities },
        free: ['period', 'agency'],
      });
      const cells = pivotByYear(rows, (r) => r.fee_activity ?? '');
      return activities.map((a) => cells.get(a) ?? []);
    }),

    figureBudgetLineYears: new DataLoader<string, FigureCell[]>(async (appropriations) => {
      const rows = await readHeadlineFigures(db, {
        measures: BUDGET_MEASURES,
        pinned: ['appropriation'],
        where: { appropriation: appropriations },
        free: ['agency'],
      });
      const cells = pivotByYear(rows, (r) => r.appropriation ?? '');
      return appropriations.map((a) => cells.get(a) ?? []);
    }),
  };
}

export type FigureCellLoaders = ReturnType<typeof createFigureCellLoaders>;
