import type { AgencyCode } from './agencies.js';
import { fileFields, type RowRule, type SchemaField, type TableSchema, targetColumn } from './table-schema.js';
import { quoteIdent, workTable } from './work-tables.js';

/** What the statements of one resource need to know of its delivery. */
export interface ResourceContext {
  deliveryId: number;
  agency: AgencyCode;
  kind: 'full' | 'delta';
  resource: string;
  schema: TableSchema;
  /** Last day of the extract's period: nothing may be dated after it. */
  periodEnd: string;
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const raw = (field: string) => `r.${quoteIdent(field)}`;
/** In the validating statement's inner query: the cell (empty as null) and its value in the field's type. */
const cellColumn = (field: string) => quoteIdent(`cell.${field}`);
const valueColumn = (field: string) => quoteIdent(field);

/**
 * Shape checks without regular expressions: PostgreSQL's regex engine builds a matcher for every call, which cost a
 * quarter of the validating statement's time on two million rows. LIKE fixes the length and the punctuation's
 * places; removing the ASCII digits (translate) leaves only the punctuation when every other character is one.
 */
const DIGITS = `'0123456789'`;
const onlyDigits = (text: string) => `translate(${text}, ${DIGITS}, '') = ''`;
/** `^-?[0-9]{1,9}$` */
const isInteger = (cell: string) =>
  `(case when left(${cell}, 1) = '-' then length(${cell}) between 2 and 10 and ${onlyDigits(`substr(${cell}, 2)`)} else length(${cell}) <= 9 and ${onlyDigits(cell)} end)`;
/** `^[0-9]{4}-[0-9]{2}-[0-9]{2}$` */
const isIsoDate = (cell: string) => `(${cell} like '____-__-__' and translate(${cell}, ${DIGITS}, '') = '--')`;

/**
 * Of a `YYYY-MM-DD` cell, whether it is a date with no need to ask the date parser: a year from 0001, a month
 * 01–12 and a day 01–28 exist in every month. The rest (29–31, year 0000) goes to pg_input_is_valid, which parses
 * the text a second time besides the cast; most days skip that. Compared byte-wise (`collate "C"`): digits only.
 */
const isPlainlyValidDate = (cell: string) => {
  const part = (from: number, length: number) => `substr(${cell}, ${from}, ${length}) collate "C"`;
  return `(${part(1, 4)} <> '0000' and ${part(6, 2)} between '01' and '12' and ${part(9, 2)} between '01' and '28')`;
};

/**
 * A schema's pattern as such a check when it is a literal prefix and a run of digits (`MIG-[0-9]{1,12}`, as every
 * identifier's is); any other pattern as the regular expression.
 */
function patternMismatch(cell: string, pattern: string): string {
  const shape = /^([A-Za-z_-]*)\[0-9\]\{(\d+),(\d+)\}$/.exec(pattern);
  if (!shape) return `${cell} !~ ${literal(`^(?:${pattern})$`)}`;
  const [, prefix = '', min, max] = shape;
  const n = prefix.length;
  return `not (left(${cell}, ${n}) = ${literal(prefix)} and length(${cell}) between ${n + Number(min)} and ${n + Number(max)} and ${onlyDigits(`substr(${cell}, ${n + 1})`)})`;
}

/** The SQL value of a cell (empty already null) in the field's type: null when not of the type (the error says so). */
function typedValue(field: SchemaField, cell: string): string {
  switch (field.type) {
    case 'string':
      return cell;
    case 'integer':
      return `case when ${isInteger(cell)} then ${cell}::integer end`;
    case 'boolean':
      return `case ${cell} ${(field.trueValues ?? ['true']).map((v) => `when ${literal(v)} then true`).join(' ')} ${(field.falseValues ?? ['false']).map((v) => `when ${literal(v)} then false`).join(' ')} end`;
    case 'date':
      return `case when ${isIsoDate(cell)} and (${isPlainlyValidDate(cell)} or pg_input_is_valid(${cell}, 'date')) then ${cell}::date end`;
  }
}

/** `'field:KIND'` for the first fault of a cell, or null: required, type, constraints, the period's end. */
function cellError(field: SchemaField, periodEnd: string): string {
  const cell = `v.${cellColumn(field.name)}`;
  const value = `v.${valueColumn(field.name)}`;
  const c = field.constraints ?? {};
  const tag = (kind: string) => literal(`${field.name}:${kind}`);
  const branches: string[] = [`when ${cell} is null then ${c.required ? tag('REQUIRED') : 'null'}`];
  if (field.type !== 'string') branches.push(`when ${value} is null then ${tag('TYPE')}`);
  const constraints: string[] = [];
  if (c.pattern) constraints.push(patternMismatch(cell, c.pattern));
  if (c.enum) constraints.push(`${cell} not in (${c.enum.map(literal).join(', ')})`);
  if (c.maxLength !== undefined) constraints.push(`length(${cell}) > ${c.maxLength}`);
  if (c.minimum !== undefined) constraints.push(`${value} < ${c.minimum}`);
  if (constraints.length) branches.push(`when ${constraints.join(' or ')} then ${tag('CONSTRAINT')}`);
  if (field.type === 'date') branches.push(`when ${value} > date ${literal(periodEnd)} then ${tag('AFTER_DATA_END')}`);
  return `case ${branches.join(' ')} end`;
}

/** Rules across the fields of a row, by name (a schema lists the ones that apply to it), over the typed values. */
const RULE_SQL: Record<RowRule, (value: (field: string) => string) => string[]> = {
  decision_not_before_receipt: (v) => [`case when ${v('beslut_datum')} < ${v('inkom_datum')} then 'beslut_datum:DECISION_BEFORE_RECEIPT' end`],
  outcome_with_decision: (v) => [
    `case when ${v('utfall')} is not null and ${v('beslut_datum')} is null then 'utfall:OUTCOME_WITHOUT_DECISION' end`,
    `case when ${v('utfall')} is null and ${v('beslut_datum')} is not null then 'utfall:DECISION_WITHOUT_OUTCOME' end`,
  ],
};

/**
 * A volatile call in a subquery's select list keeps the planner from flattening it into the query above (which would
 * evaluate each typed cell once per use), and, unlike `offset 0`, still lets the statement run in parallel workers:
 * clock_timestamp() is volatile but parallel safe, and costs one clock read per row.
 */
const FENCE = 'clock_timestamp()';

/** The row's key as text (fields joined by a unit separator). */
function keyExpression(schema: TableSchema): string {
  return schema.primaryKey.map((k) => `coalesce(${raw(k)}, '')`).join(` || chr(31) || `);
}

/**
 * The typing and checks, as a query over the raw rows: each field in its type, the row's key, and the faults of the
 * row as `'field:KIND'` strings. Each cell is typed once, in an inner query the planner may not flatten (FENCE),
 * and the checks read it there. Of rows with the same key the last is kept: in a full delivery the earlier ones are
 * DUPLICATE_KEY rejects, in a delta they are reduced away (a delta may carry several operations on one key). The
 * duplicated keys come from duplicateKeysStatement's table.
 */
function typedSelect(context: ResourceContext): string {
  const { schema, kind, deliveryId, resource, periodEnd } = context;
  const fields = fileFields(schema, kind);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const value = (name: string) => {
    if (!byName.has(name)) throw new Error(`schema ${schema.name}: a rule reads "${name}", which it does not have`);
    return `v.${valueColumn(name)}`;
  };
  const errors = [
    ...fields.map((f) => cellError(f, periodEnd)),
    ...(schema['x-rules'] ?? []).flatMap((rule) => RULE_SQL[rule](value)),
    ...(kind === 'full' ? [`case when v._dup > 1 then ${literal(`${schema.primaryKey[0]}:DUPLICATE_KEY`)} end`] : []),
  ];
  const rawTable = workTable('raw', deliveryId, resource);
  const cells = fields.map((f) => `nullif(${raw(f.name)}, '')`);
  return `select v._row, v._key, v._dup, ${fields.map((f) => `v.${valueColumn(f.name)}`).join(', ')},
      array_remove(array[${errors.join(',\n        ')}], null) as _errors
    from (
      select c.*, ${fields.map((f) => `${typedValue(f, `c.${cellColumn(f.name)}`)} as ${valueColumn(f.name)}`).join(',\n        ')},
        ${FENCE} as _typed_fence
      from (
        select r._row, ${keyExpression(schema)} as _key,
          case when d._last is not null and r._row <> d._last then 2 else 1 end as _dup,
          ${fields.map((f, i) => `${cells[i]} as ${cellColumn(f.name)}`).join(', ')},
          ${FENCE} as _cell_fence
        from ${rawTable} r
        left join ${workTable('dups', deliveryId, resource)} d on d._key = ${keyExpression(schema)}
      ) c
    ) v`;
}

/**
 * The keys that occur more than once in the raw rows, each with its last row: a table of its own, made once before
 * the validating statement, whose parallel workers would each aggregate every key again were it a subquery there.
 */
export function duplicateKeysStatement(context: ResourceContext): string {
  const { deliveryId, resource, schema } = context;
  return `create unlogged table ${workTable('dups', deliveryId, resource)} as
    select ${keyExpression(schema)} as _key, max(r._row) as _last from ${workTable('raw', deliveryId, resource)} r group by 1 having count(*) > 1`;
}

/**
 * Validate and map, in one pass over the raw rows into `mapped_…` (typed rows are never written out, to be read
 * back): the typed and checked row (typedSelect), each coded field through its code map, with the row in force on
 * the row's effective date, and each referenced code checked against its table, under the warehouse's column names.
 * An unmapped code is an UNMAPPED_CODE reject of its own.
 */
export function validatedStatement(context: ResourceContext): string {
  const { schema, kind, deliveryId, resource, agency } = context;
  const fields = fileFields(schema, kind);
  const effective = `coalesce(t.${quoteIdent(schema['x-effectiveDate'])}, date ${literal(context.periodEnd)})`;
  const joins: string[] = [];
  const unmapped: string[] = [];
  const columns = fields.map((f, i) => {
    const column = `t.${quoteIdent(f.name)}`;
    const map = f['x-codeMap'];
    if (map) {
      const m = `m${i}`;
      joins.push(`left join ingest.code_map ${m} on ${m}.agency = ${literal(agency)} and ${m}.field = ${literal(map)}
        and ${m}.source_code = ${column} and ${effective} >= ${m}.valid_from and (${m}.valid_to is null or ${effective} <= ${m}.valid_to)`);
      unmapped.push(`case when ${column} is not null and ${m}.code is null then ${literal(`${f.name}:UNMAPPED_CODE`)} end`);
      return `${m}.code as ${quoteIdent(targetColumn(f))}`;
    }
    const reference = f['x-reference'];
    if (reference) {
      const n = `n${i}`;
      joins.push(`left join public.${reference} ${n} on ${n}.code = ${column}`);
      unmapped.push(`case when ${column} is not null and ${n}.code is null then ${literal(`${f.name}:UNMAPPED_CODE`)} end`);
    }
    return `${column} as ${quoteIdent(targetColumn(f))}`;
  });
  return `create unlogged table ${workTable('mapped', deliveryId, resource)} as
    select t._row, t._key, t._dup, ${columns.join(', ')},
      t._errors || array_remove(array[${unmapped.join(', ') || 'null::text'}]::text[], null) as _errors
    from (${typedSelect(context)}) t
    ${joins.join('\n    ')}`;
}

/** Every fault of every rejected row into ingest.reject, with the raw cell and a message. */
export function rejectsStatement(context: ResourceContext, messages: Record<string, string>): string {
  const { deliveryId, resource } = context;
  const kindMessage = `case split_part(e, ':', 2) ${Object.entries(messages)
    .map(([kind, message]) => `when ${literal(kind)} then ${literal(message)}`)
    .join(' ')} end`;
  return `insert into ingest.reject (delivery_id, resource, row_number, source_key, field, cell, kind, message)
    select ${deliveryId}, ${literal(resource)}, m._row, replace(m._key, chr(31), '|'), split_part(e, ':', 1),
      to_jsonb(r) ->> split_part(e, ':', 1), split_part(e, ':', 2), ${kindMessage}
    from ${workTable('mapped', deliveryId, resource)} m
    cross join lateral unnest(m._errors) e
    join ${workTable('raw', deliveryId, resource)} r on r._row = m._row
    where cardinality(m._errors) > 0
      -- A condition on no row's columns is checked once, first: with nothing rejected the raw rows are not read.
      and exists (select 1 from ${workTable('mapped', deliveryId, resource)} where cardinality(_errors) > 0)`;
}
