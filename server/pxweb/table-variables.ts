import { sql, type Kysely } from 'kysely';
import type { Database } from '../../warehouse/database/tables.js';
import { ATTRIBUTES, type AttributeDimension } from '../../warehouse/dimensions/dimension-registry.js';
import { CASE_FACT_COVERAGE } from '../../warehouse/metrics/coverage.js';
import { openMemberNames } from '../../warehouse/queries/member-case-types.js';
import { splitBilingual, type Bilingual } from './language.js';
import { CONTENTS, TIME, variableCode, type PxTable } from './table-catalog.js';
import { timeCodes, type TimeCode } from './time-codes.js';
import { METRIC_UNITS, type ContentUnit } from './content-units.js';
import type { TimeDimension } from '../../warehouse/dimensions/dimension-registry.js';

export interface PxValue {
  code: string;
  label: Bilingual;
}

interface VariableBase {
  code: string;
  label: Bilingual;
  values: PxValue[];
  elimination: boolean;
}
export interface AttributeVariable extends VariableBase {
  kind: 'attribute';
  dimension: AttributeDimension;
  /** Under an aggregation codelist: each value (a group) → the dimension's members it holds. */
  groups?: ReadonlyMap<string, readonly string[]>;
}
export interface ContentsVariable extends VariableBase {
  kind: 'contents';
}
export interface TimeVariable extends VariableBase {
  kind: 'time';
  periods: TimeCode[];
}
/** A variable of a published source table: one column of its figures (Tid is the year column). */
export interface ColumnVariable extends VariableBase {
  kind: 'column';
  column: string;
}
export type PxVariable = AttributeVariable | ContentsVariable | TimeVariable | ColumnVariable;

/** What every table answers with: its id, label and the time grains its codelists offer. */
export interface TableShape {
  id: string;
  label: Bilingual;
  grains: readonly TimeDimension[];
}

/** A table with the values of each of its variables, in metadata order (attributes, contents, time). */
export interface ResolvedTable {
  table: TableShape;
  /** Unit and decimals of each content. */
  units: Record<string, ContentUnit>;
  variables: PxVariable[];
  /** Where the values come from: a metric family (through the engine) or a published source table (its figures). */
  source: { kind: 'metrics'; family: PxTable } | { kind: 'figures'; figures: readonly PublishedCell[] };
  /** Notes of every answer (a source table's document and lines). */
  notes?: string[];
}

/** One published figure of a source table, at its coordinates (variable code → value code). */
export interface PublishedCell {
  coordinates: Record<string, string>;
  value: number;
  line: number;
  quote: string;
  printed: string;
}

const yearsBetween = (from: string, to: string) => {
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  return years;
};

/** Years a table holds: the case facts' coverage, or the years its published measures were printed for. */
async function tableYears(db: Kysely<Database>, table: PxTable): Promise<number[]> {
  if (table.kind !== 'figure') return yearsBetween(CASE_FACT_COVERAGE.from, CASE_FACT_COVERAGE.to);
  const measures = [...new Set(table.contents.flatMap((m) => (m.kind === 'figure' ? m.measures : [])))];
  const rows = await db
    .selectFrom('fact_figure')
    .select('year')
    .distinct()
    .where('measure', 'in', measures)
    .where('year', 'is not', null)
    .orderBy('year')
    .execute();
  return rows.map((r) => r.year as number);
}

async function attributeValues(db: Kysely<Database>, d: AttributeDimension): Promise<PxValue[]> {
  const members = ATTRIBUTES[d].members;
  if (members.kind === 'closed') return members.list.map((m) => ({ code: m.code, label: { sv: m.nameSv, en: m.name } }));
  return (await openMemberNames(db, d)).map((m) => ({ code: m.code, label: { sv: m.nameSv, en: m.name } }));
}

/** The variables of a table with their values, read from the registry, the reference tables and the figures. */
export async function resolveTable(db: Kysely<Database>, table: PxTable): Promise<ResolvedTable> {
  const attributes = await Promise.all(
    table.variables.map(
      async (d): Promise<AttributeVariable> => ({
        kind: 'attribute',
        dimension: d,
        code: variableCode(d),
        label: splitBilingual(ATTRIBUTES[d].label),
        values: await attributeValues(db, d),
        elimination: !table.mandatory.includes(d),
      }),
    ),
  );
  const periods = timeCodes(await tableYears(db, table), table.grains);
  return {
    table,
    units: Object.fromEntries(table.contents.map((m) => [m.name, METRIC_UNITS[m.unit]])),
    source: { kind: 'metrics', family: table },
    variables: [
      ...attributes,
      {
        kind: 'contents',
        code: CONTENTS,
        label: { sv: 'Tabellinnehåll', en: 'Contents' },
        values: table.contents.map((m) => ({ code: m.name, label: splitBilingual(m.title) })),
        elimination: false,
      },
      {
        kind: 'time',
        code: TIME,
        label: { sv: 'Period', en: 'Period' },
        values: periods.map((p) => ({ code: p.code, label: { sv: p.code, en: p.code } })),
        elimination: table.timeEliminable,
        periods,
      },
    ],
  };
}

/** The warehouse generation and when it changed: a table's `updated`. */
export async function warehouseUpdated(db: Kysely<Database>): Promise<{ generation: string; updated: string }> {
  const { rows } = await sql<{ generation: string; changed_at: Date | string | null }>`
    select generation::text as generation, changed_at from warehouse_generation`.execute(db);
  const row = rows[0];
  const changed = row?.changed_at ? new Date(row.changed_at) : new Date(0);
  return { generation: row?.generation ?? '0', updated: changed.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}
