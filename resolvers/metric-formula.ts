import { sql, type RawBuilder } from 'kysely';
import { compileOnlyKysely } from '../warehouse/database/compile-only.js';
import type { MetricDefinition } from '../warehouse/metrics/metric-definition.js';

/** Compiles without a connection, to print the SQL a definition runs. */
const compiler = compileOnlyKysely<unknown>();

/** The definition's SQL aggregate as text, with its parameters written in as literals for reading. */
export function metricFormula(definition: MetricDefinition): string {
  const expression: RawBuilder<unknown> =
    definition.kind === 'figure'
      ? definition.value()
      : definition.value({ nationalWindow: sql`(partition by <groups without region>)`, monthsPerBucket: 1 });
  return formulaText(expression);
}

/** An SQL expression as text, with its parameters written in as literals for reading. */
export function formulaText(expression: RawBuilder<unknown>): string {
  const { sql: text, parameters } = expression.compile(compiler);
  return text
    .replace(/\$(\d+)/g, (_, n: string) => {
      const value = parameters[Number(n) - 1];
      return typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value);
    })
    .replace(/\s+/g, ' ')
    .trim();
}
