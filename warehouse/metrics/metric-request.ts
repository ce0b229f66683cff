import type { CellCounts } from '../disclosure/cell-counts.js';
import type { Dimension } from './dimensions.js';

/** Filters of a metric query; every given field must match (lists: any of their values). */
export interface MetricFilter {
  year?: readonly number[];
  /** Inclusive ISO dates (YYYY-MM-DD) on the metric's anchor date. */
  from?: string;
  to?: string;
  caseType?: readonly string[];
  caseSegment?: readonly string[];
  sex?: readonly string[];
  ageGroup?: readonly string[];
  region?: readonly string[];
  nationality?: readonly string[];
  channel?: readonly string[];
  outcome?: readonly string[];
  appropriation?: readonly string[];
  feeActivity?: readonly string[];
  agency?: readonly string[];
}

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
}

/** One computed row: a value per group, with the time bucket and dimension values that define the group. */
export interface MetricRowData {
  bucket: string | null;
  dims: Partial<Record<Dimension, string | null>>;
  value: number | null;
  /** Number of cases (or figures) behind the value: what disclosure control looks at. */
  support: number;
  previous: number | null;
  /** Cases behind the previous bucket's value (null when not compared). */
  previousSupport: number | null;
  /** Values of the further definitions computed in the same statement, in their order. */
  also: (number | null)[];
  /** With request.cellKeys: the counts behind the cell (and behind the previous bucket's) with their key sums. */
  cells?: CellCounts | null;
  previousCells?: CellCounts | null;
}

export interface MetricResultData {
  rows: MetricRowData[];
  totalCount: number;
}
