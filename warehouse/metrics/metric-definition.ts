import type { RawBuilder } from 'kysely';
import type { CellDimension } from '../queries/headline-figures.js';
import type { FlowNeeds } from './case-flows.js';
import type { Dimension } from '../dimensions/dimension-registry.js';
import type { MetricCounts } from './metric-counts.js';

export type MetricUnit = 'cases' | 'persons' | 'ratio' | 'SEK' | 'days' | 'months' | 'points';

/** The passage of a source document that defines a metric or the figure it is checked against. */
export interface MetricSource {
  document: string;
  line: number;
  quote: string;
}

/** What an aggregate expression may refer to besides the flow or figure columns of its group. */
export interface ExpressionContext {
  /** The window over the same group without REGION (for a region's deviation from the national rate). */
  nationalWindow: RawBuilder<unknown>;
  /** Months in one bucket of the asked time grain (for backlog in months). */
  monthsPerBucket: number;
}

interface MetricBase {
  name: string;
  title: string;
  description: string;
  unit: MetricUnit;
  dimensions: readonly Dimension[];
  source: MetricSource | null;
  /** The published measure (fact_figure.measure) shown beside the computed value for the same cell, if any. */
  publishedMeasure: string | null;
  /** Dimensions that must be in `by` (e.g. REGION for a regional deviation). */
  requires?: readonly Dimension[];
  /** The counts the value rests on (numerator and denominator of a ratio, n of a mean), built from the value's own expressions. */
  counts?: MetricCounts;
}

/** Computed from the case-level facts: an aggregate over case flows (alias f). */
export interface CaseFlowMetric extends MetricBase {
  kind: 'case_flow';
  needs: FlowNeeds;
  value: (context: ExpressionContext) => RawBuilder<number | null>;
  /** How many cases the value rests on (for disclosure control). */
  support: RawBuilder<number>;
}

/** Computed from cumulative case flows: balances at the end of each bucket. */
export interface OpenBalanceMetric extends MetricBase {
  kind: 'open_balance';
  /** Expression over the columns open_end, open_start, received, decided of a bucket. */
  value: (context: ExpressionContext) => RawBuilder<number | null>;
}

/** Computed from the published figures of the warehouse (budget, fees, returns, unit costs). */
export interface FigureMetric extends MetricBase {
  kind: 'figure';
  /** The published measures the formula reads. */
  measures: readonly string[];
  /** How many figures of a cell the formula reads, when not one per measure (a share of two agencies' departures). */
  inputs?: number;
  /**
   * The values a figure column takes when the metric is not grouped by it (e.g. the "total" appropriation row); a
   * column listed with several values is also kept apart in the cell, for formulas that read more than one of them.
   */
  defaults: Partial<Record<CellDimension, readonly (string | null)[]>>;
  /** Figure columns that may hold any value without being grouped (e.g. agency on fee targets). */
  free: readonly string[];
  /** Aggregate over the headline figures of a group (alias h: measure, base_value). */
  value: () => RawBuilder<number | null>;
}

export type MetricDefinition = CaseFlowMetric | OpenBalanceMetric | FigureMetric;
