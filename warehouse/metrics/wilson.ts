import { sql, type RawBuilder } from 'kysely';
import { Z_95 } from './wilson-interval.js';

/**
 * Score intervals in SQL, for the BI views: the same arithmetic as `wilson-interval.ts` (which the API uses on the
 * final counts), over float8 expressions x (successes) and n (trials). Null where n is 0 or null.
 */
type Expression = RawBuilder<unknown>;

const z = sql.lit(Z_95);
const zz = sql.lit(Z_95 * Z_95);

function wilsonBound(x: Expression, n: Expression, side: 'lower' | 'upper'): RawBuilder<number | null> {
  const centre = sql`((${x}) + ${zz} / 2) / ((${n}) + ${zz})`;
  const half = sql`${z} * sqrt(greatest((${x}) * ((${n}) - (${x})) / (${n}) + ${zz} / 4, 0)) / ((${n}) + ${zz})`;
  // As in TS: the bound at 0 of n or n of n is exact, not the rounding residue of centre ∓ half.
  return side === 'lower'
    ? sql`case when (${n}) > 0 then case when (${x}) = 0 then 0::float8 else greatest(0::float8, ${centre} - ${half}) end end`
    : sql`case when (${n}) > 0 then case when (${x}) = (${n}) then 1::float8 else least(1::float8, ${centre} + ${half}) end end`;
}

/** The Wilson score interval of x of n. */
export function wilsonSql(x: Expression, n: Expression): { lower: RawBuilder<number | null>; upper: RawBuilder<number | null> } {
  return { lower: wilsonBound(x, n, 'lower'), upper: wilsonBound(x, n, 'upper') };
}

/** Newcombe's hybrid score interval (method 10) of x1/n1 − x2/n2. */
export function newcombeSql(
  x1: Expression,
  n1: Expression,
  x2: Expression,
  n2: Expression,
): { lower: RawBuilder<number | null>; upper: RawBuilder<number | null> } {
  const a = wilsonSql(x1, n1);
  const b = wilsonSql(x2, n2);
  const p1 = sql`((${x1}) / nullif(${n1}, 0))`;
  const p2 = sql`((${x2}) / nullif(${n2}, 0))`;
  return {
    lower: sql`(${p1} - ${p2} - sqrt(power(${p1} - ${a.lower}, 2) + power(${b.upper} - ${p2}, 2)))`,
    upper: sql`(${p1} - ${p2} + sqrt(power(${a.upper} - ${p1}, 2) + power(${p2} - ${b.lower}, 2)))`,
  };
}

/**
 * The interval of a group's rate minus that of the whole containing it (see `deviationInterval`): Newcombe's for the
 * group against the rest, scaled by n_rest / n_whole; exactly 0 when the group is the whole.
 */
export function deviationSql(
  x: Expression,
  n: Expression,
  wholeX: Expression,
  wholeN: Expression,
): { lower: RawBuilder<number | null>; upper: RawBuilder<number | null> } {
  const restX = sql`((${wholeX}) - (${x}))`;
  const restN = sql`((${wholeN}) - (${n}))`;
  const rest = newcombeSql(x, n, restX, restN);
  const scaled = (bound: Expression) =>
    sql<number | null>`case when (${n}) > 0 and ${restN} = 0 then 0::float8 when (${n}) > 0 then ${bound} * ${restN} / (${wholeN}) end`;
  return { lower: scaled(rest.lower), upper: scaled(rest.upper) };
}
