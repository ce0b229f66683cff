import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type ReferenceExpression, type SqlBool } from 'kysely';

/**
 * `column in (values)`, the one way every query here writes a list filter: an empty list matches nothing, as the
 * literal `false` (PostgreSQL rejects `in ()`, and a sentinel value could one day match).
 */
export function inList<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: ReferenceExpression<DB, TB>,
  values: readonly (string | number)[],
): Expression<SqlBool> {
  return values.length === 0 ? sql<SqlBool>`false` : eb(column, 'in', [...values] as never);
}

/** The same for SQL built as raw fragments (the metric engine's subqueries), on a column reference like `f.region`. */
export function inListRaw(column: string, values: readonly (string | number)[]): RawBuilder<boolean> {
  return values.length === 0 ? sql<boolean>`false` : sql<boolean>`${sql.ref(column)} in (${sql.join(values)})`;
}
