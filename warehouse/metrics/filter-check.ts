import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES, type AttributeDimension, type MemberTable } from '../dimensions/dimension-registry.js';
import { MetricRequestError } from './metric-errors.js';
import type { MetricFilter } from './metric-request.js';
import { nearestValues } from './nearest-values.js';

/** Most values one filter list may hold (more than any dimension has members). */
export const MAX_FILTER_VALUES = 200;
/** Years a filter may name: well beyond any report, well inside what PostgreSQL dates hold. */
export const YEAR_RANGE = { min: 1900, max: 2100 } as const;
/** Longest string a filter value may be (codes are short). */
const MAX_VALUE_LENGTH = 64;

const fail = (argument: string, message: string, details: Record<string, unknown> = {}) =>
  new MetricRequestError(`where.${argument}: ${message}`, { argument: `where.${argument}`, ...details });

/** Checks the shape of a filter before anything runs: list sizes, empty lists, years, dates, control characters. */
export function checkFilterShape(where: MetricFilter): void {
  if (where.year !== undefined) {
    if (where.year.length === 0) throw fail('year', 'an empty list matches nothing; omit the filter for every year');
    if (where.year.length > MAX_FILTER_VALUES) throw fail('year', `at most ${MAX_FILTER_VALUES} values`);
    const bad = where.year.find((y) => y < YEAR_RANGE.min || y > YEAR_RANGE.max);
    if (bad !== undefined) throw fail('year', `${bad} is not a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}`);
  }
  for (const key of ['from', 'to'] as const) {
    const date = where[key];
    if (date === undefined) continue;
    const year = Number(date.slice(0, 4));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
      throw fail(key, `${date} is not a date from ${YEAR_RANGE.min}-01-01 to ${YEAR_RANGE.max}-12-31`);
    }
  }
  if (where.from && where.to && where.from > where.to) throw fail('from', `${where.from} is after where.to (${where.to})`);
  for (const d of ATTRIBUTE_DIMENSIONS) {
    const { key } = ATTRIBUTES[d];
    const values = where[key];
    if (values === undefined) continue;
    if (values.length === 0) throw fail(key, 'an empty list matches nothing; omit the filter for every value');
    if (values.length > MAX_FILTER_VALUES) throw fail(key, `at most ${MAX_FILTER_VALUES} values`);
    for (const value of values) {
      // Control characters and overlong strings are never codes; PostgreSQL would refuse a NUL byte outright.
      if (value.length > MAX_VALUE_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
        throw fail(
          key,
          `${JSON.stringify(value.slice(0, MAX_VALUE_LENGTH))} is not a valid value (control characters or longer than ${MAX_VALUE_LENGTH})`,
        );
      }
    }
  }
}

/** The open-set dimensions a filter names, whose values must be checked against their reference tables. */
export function openTablesOf(where: MetricFilter): MemberTable[] {
  return ATTRIBUTE_DIMENSIONS.flatMap((d) => {
    const members = ATTRIBUTES[d].members;
    return members.kind === 'open' && where[ATTRIBUTES[d].key] !== undefined ? [members.table] : [];
  });
}

/**
 * The known values as a set, made once per list: the lists come from the generation memo (the same array for every
 * request until a load), and a table filter scanned the thousands of table codes of the published figures per value.
 */
const KNOWN_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();
function knownSet(valid: readonly string[]): ReadonlySet<string> {
  let set = KNOWN_SETS.get(valid);
  if (!set) KNOWN_SETS.set(valid, (set = new Set(valid)));
  return set;
}

/** Checks values against the known ones; an unknown one is refused with the valid (or nearest) ones and where to look. */
export function checkKnown(
  argument: string,
  values: readonly string[],
  valid: readonly string[],
  where: string,
  details: Record<string, unknown> = {},
): void {
  const known = knownSet(valid);
  const unknown = values.find((v) => !known.has(v));
  if (unknown === undefined) return;
  const shown = nearestValues(unknown, valid);
  const which = shown.length < valid.length ? 'the nearest valid values are' : 'valid values are';
  throw new MetricRequestError(`${argument}: unknown value ${JSON.stringify(unknown)}; ${which} ${shown.join(', ')} (${where} lists all)`, {
    argument,
    unknown,
    valid: shown,
    ...details,
  });
}

/** Checks values of a dimension against its members. */
export function checkMembers(argument: string, d: AttributeDimension, values: readonly string[], valid: readonly string[]): void {
  checkKnown(argument, values, valid, `dimensionValues(dimension: ${d})`, { dimension: d });
}

/** Checks a filter's open-set values against their members (the reference tables' codes). */
export function checkOpenValues(where: MetricFilter, members: ReadonlyMap<MemberTable, readonly string[]>): void {
  for (const d of ATTRIBUTE_DIMENSIONS) {
    const spec = ATTRIBUTES[d];
    if (spec.members.kind !== 'open') continue;
    const valid = members.get(spec.members.table);
    const values = where[spec.key];
    if (values && valid) checkMembers(`where.${spec.key}`, d, values, valid);
  }
}
