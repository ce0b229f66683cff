import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type RawBuilder } from 'kysely';
import type { MetricDefinition } from '../warehouse/metrics/metric-definition.js';

/** A Kysely that only compiles (no connection), to print the SQL a definition runs. */
const compiler = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

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
