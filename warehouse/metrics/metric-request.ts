import type { Dimension, FilterKey } from '../dimensions/dimension-registry.js';
import type { CountColumn } from './metric-counts.js';
import type { NullReason } from './null-reason.js';
import type { CellCounts } from '../disclosure/cell-counts.js';
import type { RollupGrain } from './case-flows.js';

/**
 * Filters of a metric query; every given field must match (lists: any of their values). The attribute filters are
 * keyed as the dimension registry names them (dimensions.ts), with the stored codes as values.
 */
export type MetricFilter = {
  year?: readonly number[];
  /** Inclusive ISO dates (YYYY-MM-DD) on the metric's anchor date. */
  from?: string;
  to?: string;
} & { [K in FilterKey]?: readonly string[] };

export type OrderField = 'VALUE' | Dimension;

export interface MetricRequest {
  by: readonly Dimension[];
  where: MetricFilter;
  comparePrevious: boolean;
  orderBy: readonly { field: OrderField; descending: boolean }[];
  limit: number;
  offset: number;
  /** Also the counts behind each cell with their record-key sums, for the cell key method (public role). */
  cellKeys?: boolean;
  /**
   * The rollups the engine may read (default: every grain); fewer give the same numbers from more rows. The bench
   * prices the yearly rollups with it, tests compare the grains.
   */
  rollups?: readonly RollupGrain[];
}

/** One computed row: a value per group, with the time bucket and dimension values that define the group. */
export interface MetricRowData {
  bucket: string | null;
  dims: Partial<Record<Dimension, string | null>>;
  value: number | null;
  /** Why value is null (null when it is given); disclosure control adds SUPPRESSED later. */
  nullReason: NullReason | null;
  /** Number of cases (or figures) behind the value: what disclosure control looks at. */
  support: number;
  /** The counts the value rests on (numerator, denominator… as the catalogue declares them), raw: before disclosure control. */
  counts?: Partial<Record<CountColumn, number | null>>;
  previous: number | null;
  /** Cases behind the previous bucket's value (null when not compared). */
  previousSupport: number | null;
  /** Values of the further definitions computed in the same statement, in their order. */
  also: (number | null)[];
  /** Why each of `also` is null, in the same order. */
  alsoNullReasons: (NullReason | null)[];
  /** With request.cellKeys: the counts behind the cell (and behind the previous bucket's) with their key sums. */
  cells?: CellCounts | null;
  previousCells?: CellCounts | null;
}

export interface MetricResultData {
  rows: MetricRowData[];
  totalCount: number;
}
