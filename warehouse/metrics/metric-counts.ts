import { sql, type RawBuilder } from 'kysely';
import type { ExpressionContext } from './metric-definition.js';

/**
 * The counts a metric's value rests on, declared once per metric in the catalogue beside (and built from the same
 * expressions as) its value: what a reader needs to judge a rate, and what its uncertainty is computed from.
 */

/** A named aggregate over the metric's rows (alias f for case flows, h for published figures). */
export interface CountExpression {
  /** How the docs name it, e.g. "approved + rejected". */
  label: string;
  sql: RawBuilder<number | null>;
}

export const countOf = (label: string, expression: RawBuilder<unknown>): CountExpression => ({ label, sql: expression as RawBuilder<number | null> });

export type MetricCounts =
  /** numerator counts a subset of the denominator's units: a binomial proportion, with a Wilson score interval. */
  | { kind: 'proportion'; numerator: CountExpression; denominator: CountExpression }
  /** A quotient that is not a proportion (it can exceed 1, or its terms are money): numerator and denominator only. */
  | { kind: 'quotient'; numerator: CountExpression; denominator: CountExpression }
  /**
   * A group's proportion minus that of the whole it belongs to (a region against the nation, over the national
   * window): the reference counts are the same expressions summed over that window; Newcombe's interval.
   */
  | { kind: 'deviation'; numerator: CountExpression; denominator: CountExpression }
  /** A mean or percentile over n cases. */
  | { kind: 'sample'; n: CountExpression };

export type IntervalMethod = 'wilson' | 'newcombe' | null;

export function intervalMethod(counts: MetricCounts | undefined): IntervalMethod {
  return counts?.kind === 'proportion' ? 'wilson' : counts?.kind === 'deviation' ? 'newcombe' : null;
}

/** Columns of a computed row that carry counts, in this order. */
export const COUNT_COLUMNS = ['numerator', 'denominator', 'reference_numerator', 'reference_denominator', 'n'] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

/** The count columns a metric's rows carry. */
export function countColumnNames(counts: MetricCounts | undefined): CountColumn[] {
  if (!counts) return [];
  if (counts.kind === 'sample') return ['n'];
  if (counts.kind === 'deviation') return ['numerator', 'denominator', 'reference_numerator', 'reference_denominator'];
  return ['numerator', 'denominator'];
}

/** The SQL select items of a metric's count columns, over the same group as its value. */
export function countSelections(counts: MetricCounts | undefined, context: ExpressionContext): RawBuilder<unknown>[] {
  if (!counts) return [];
  const as = (expression: RawBuilder<unknown>, column: CountColumn) => sql`(${expression})::float8 as ${sql.ref(column)}`;
  if (counts.kind === 'sample') return [as(counts.n.sql, 'n')];
  const items = [as(counts.numerator.sql, 'numerator'), as(counts.denominator.sql, 'denominator')];
  if (counts.kind === 'deviation') {
    items.push(
      as(sql`sum(${counts.numerator.sql}) over ${context.nationalWindow}`, 'reference_numerator'),
      as(sql`sum(${counts.denominator.sql}) over ${context.nationalWindow}`, 'reference_denominator'),
    );
  }
  return items;
}
