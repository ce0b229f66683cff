import type { CompiledQuery } from 'kysely';

/** A bound parameter as an SQL literal (a view's definition cannot hold parameters). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot inline the number ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `'${value.toISOString()}'`;
  // standard_conforming_strings is on (the default since PostgreSQL 9.1): only the quote needs doubling.
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  throw new Error(`cannot inline a parameter of type ${typeof value}`);
}

/**
 * The statement with its parameters written in as literals. An untyped literal resolves to a type exactly as an
 * untyped parameter does, so the statement means the same. The engine's SQL never puts `$n` inside a quoted string.
 */
export function inlineParameters(query: CompiledQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= query.parameters.length) throw new Error(`no parameter $${n}`);
    return literal(query.parameters[index]);
  });
}
