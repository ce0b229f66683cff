import type { Kysely } from 'kysely';
import type { Database } from '../../warehouse/database/tables.js';
import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES } from '../../warehouse/dimensions/dimension-registry.js';
import { DIMENSION_COLUMNS } from '../../warehouse/published/figure-vocabulary.js';
import { catalogueMeasure } from '../../warehouse/published/measure-catalogue.js';
import { openMemberNames } from '../../warehouse/queries/member-case-types.js';
import { figureUnit } from './content-units.js';
import type { Bilingual } from './language.js';
import { CONTENTS, TIME } from './table-catalog.js';
import type { ListedTable } from './table-listing.js';
import type { ColumnVariable, ContentsVariable, PublishedCell, PxValue, ResolvedTable } from './table-variables.js';

/**
 * The curated published source tables (Tabell 3.8, Tabell 6.2, …) as PxWeb tables, derived from the loaded figures:
 * ContentsCode lists a table's measures, Tid its years, and every figure column it fills is a variable. A figure
 * with no value in a column is the printed total: that value is coded `_`, and a variable holding it can be
 * eliminated (the total is then read). The values are the figures as printed (in the metric layer's unit), each with
 * its line and exact quote.
 */
export interface SourceTable {
  id: string;
  sourceTableId: number;
  document: string;
  tableCode: string;
  caption: string;
  firstLine: number;
  lastLine: number;
  firstYear: number | null;
  lastYear: number | null;
}

/** A measure's name from the measure catalogue where it has one, else its code (a table file's own measure). */
function measureLabel(measure: string): Bilingual {
  const entry = catalogueMeasure(measure);
  return entry ? { sv: entry.sv, en: entry.en } : { sv: measure, en: measure };
}

/** The code of a figure without a value in a column: the printed total row or column. */
export const TOTAL_CODE = '_';
const TOTAL_LABEL: Bilingual = { sv: 'Totalt', en: 'Total' };

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** Every curated source table that holds figures, with an id derived from its document and table code (stable). */
export async function listSourceTables(db: Kysely<Database>): Promise<SourceTable[]> {
  const rows = await db
    .selectFrom('dim_source_table as t')
    .innerJoin('fact_figure as f', 'f.source_table_id', 't.source_table_id')
    .select(({ fn }) => [
      't.source_table_id',
      't.document',
      't.table_code',
      't.caption',
      't.first_line',
      't.last_line',
      fn.min('f.year').as('first_year'),
      fn.max('f.year').as('last_year'),
    ])
    .where('t.kind', '=', 'table')
    .groupBy(['t.source_table_id', 't.document', 't.table_code', 't.caption', 't.first_line', 't.last_line'])
    .orderBy('t.document')
    .orderBy('t.table_code')
    .execute();
  const taken = new Map<string, number>();
  return rows.map((r) => {
    const base = `T${r.document.slice(0, 3)}_${slug(r.table_code)}`;
    const seen = taken.get(base) ?? 0;
    taken.set(base, seen + 1);
    return {
      id: seen === 0 ? base : `${base}_${seen + 1}`,
      sourceTableId: r.source_table_id,
      document: r.document,
      tableCode: r.table_code,
      caption: r.caption,
      firstLine: r.first_line,
      lastLine: r.last_line,
      firstYear: r.first_year === null ? null : Number(r.first_year),
      lastYear: r.last_year === null ? null : Number(r.last_year),
    };
  });
}

export function sourceListing(table: SourceTable, variableNames: Bilingual[] = []): ListedTable {
  const label = `${table.tableCode}: ${table.caption}`;
  return {
    id: table.id,
    label: { sv: label, en: label },
    description: `${label} (${table.document}, lines ${table.firstLine}–${table.lastLine})`,
    folder: { id: 'PUBLISHED_TABLES', label: { sv: 'Publicerade tabeller', en: 'Published tables' } },
    variableNames,
    firstPeriod: table.firstYear === null ? null : String(table.firstYear),
    lastPeriod: table.lastYear === null ? null : String(table.lastYear),
    timeUnit: 'Annual',
  };
}

/** The variable code of a figure column: the registry's key where it names a dimension (caseType), else the column. */
function columnCode(column: string): { code: string; label: Bilingual } {
  const d = ATTRIBUTE_DIMENSIONS.find((a) => ATTRIBUTES[a].figureColumn === column);
  if (!d) return { code: column, label: { sv: column, en: column } };
  const [en, sv] = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(ATTRIBUTES[d].label)?.slice(1) ?? [ATTRIBUTES[d].label, ATTRIBUTES[d].label];
  return { code: ATTRIBUTES[d].key, label: { en: en ?? column, sv: sv ? sv.charAt(0).toUpperCase() + sv.slice(1) : column } };
}

/** Names of a column's members where the registry or a reference table has them. */
async function memberLabels(db: Kysely<Database>, column: string): Promise<Map<string, Bilingual>> {
  const d = ATTRIBUTE_DIMENSIONS.find((a) => ATTRIBUTES[a].figureColumn === column);
  if (!d) return new Map();
  const members = ATTRIBUTES[d].members;
  if (members.kind === 'closed') return new Map(members.list.map((m) => [m.code, { sv: m.nameSv, en: m.name }]));
  return new Map((await openMemberNames(db, d)).map((m) => [m.code, { sv: m.nameSv, en: m.name }]));
}

/** A source table's variables and figures, read in one statement (plus member names). */
export async function resolveSourceTable(db: Kysely<Database>, table: SourceTable): Promise<ResolvedTable> {
  const figures = await db
    .selectFrom('fact_figure')
    .select(['measure', 'year', 'period', 'base_value', 'base_unit', 'line', 'quote', 'printed', ...DIMENSION_COLUMNS])
    .where('source_table_id', '=', table.sourceTableId)
    .orderBy('line')
    .orderBy('figure_id')
    .execute();
  const code = (value: string | number | null) => (value === null ? TOTAL_CODE : String(value));
  const measures = [...new Set(figures.map((f) => f.measure))];
  const units = Object.fromEntries(measures.map((m) => [m, figureUnit(figures.find((f) => f.measure === m)?.base_unit ?? '')]));
  const filled = (column: 'period' | (typeof DIMENSION_COLUMNS)[number]) => figures.some((f) => f[column] !== null);
  const columns = [...DIMENSION_COLUMNS.filter(filled), ...(filled('period') ? (['period'] as const) : [])];

  const variable = (code_: string, label: Bilingual, column: string, codes: string[], labels: Map<string, Bilingual>): ColumnVariable => {
    const values: PxValue[] = codes.map((c) => ({ code: c, label: c === TOTAL_CODE ? TOTAL_LABEL : (labels.get(c) ?? { sv: c, en: c }) }));
    return { kind: 'column', code: code_, label, column, values, elimination: codes.includes(TOTAL_CODE) };
  };
  const distinct = (read: (f: (typeof figures)[number]) => string) => {
    const codes = [...new Set(figures.map(read))];
    // The total first, then in order of appearance (the table's own order).
    return [...codes.filter((c) => c === TOTAL_CODE), ...codes.filter((c) => c !== TOTAL_CODE)];
  };
  const attributeVariables = await Promise.all(
    columns.map(async (column) => {
      const { code: variableCode, label } = columnCode(column);
      return variable(
        variableCode,
        label,
        column,
        distinct((f) => code(f[column])),
        await memberLabels(db, column),
      );
    }),
  );
  const years = [...new Set(figures.map((f) => code(f.year)))].sort();
  const time = variable(TIME, { sv: 'År', en: 'Year' }, 'year', years, new Map());
  const contents: ContentsVariable = {
    kind: 'contents',
    code: CONTENTS,
    label: { sv: 'Tabellinnehåll', en: 'Contents' },
    values: measures.map((m) => ({ code: m, label: measureLabel(m) })),
    elimination: false,
  };
  const variables = [...attributeVariables, contents, time];
  const cells: PublishedCell[] = figures.map((f) => ({
    coordinates: Object.fromEntries([
      ...attributeVariables.map((v) => [v.code, code(f[v.column as (typeof columns)[number]])]),
      [CONTENTS, f.measure],
      [TIME, code(f.year)],
    ]),
    value: Number(f.base_value),
    line: f.line,
    quote: f.quote,
    printed: f.printed,
  }));
  const listed = sourceListing(table);
  return {
    table: { id: table.id, label: listed.label, grains: [] },
    units,
    variables,
    source: { kind: 'figures', figures: cells },
    notes: [`${table.tableCode} (${table.caption}), ${table.document}, lines ${table.firstLine}–${table.lastLine}`],
  };
}
