import type { CaseTypeCode } from '../schema/case-type-code.enum.js';
import type { PageInfo } from '../schema/page-info.type.js';
import type { PublishedFigure } from '../schema/published-figure.type.js';
import type { Sex } from '../schema/sex.enum.js';
import type { SourceTable } from '../schema/source-table.type.js';
import type { SourceTableRow } from '../loaders/source-table-loaders.js';
import { catalogueMeasure } from '../warehouse/published/measure-catalogue.js';
import { encodeFigureCursor } from '../warehouse/queries/figure-cursor.js';
import type { FigureColumn, FigureRow } from '../warehouse/queries/published-figures.js';
import { columnsOfFields } from './selected-fields.js';

/** The columns each field of PublishedFigure is mapped from (toPublishedFigure); `sourceTable` goes through its id. */
const FIELD_COLUMNS: Readonly<Record<string, readonly FigureColumn[]>> = {
  __typename: [],
  id: ['figure_id'],
  value: ['value'],
  unit: ['unit'],
  printed: ['printed'],
  baseValue: ['base_value'],
  baseUnit: ['base_unit'],
  measure: ['measure'],
  measureName: ['measure'],
  measureNameSv: ['measure'],
  area: ['area'],
  year: ['year'],
  period: ['period'],
  approximate: ['approximate'],
  document: ['document'],
  editionYear: ['edition_year'],
  table: ['table_code'],
  caption: ['caption'],
  kind: ['kind'],
  line: ['line'],
  quote: ['quote'],
  note: ['note'],
  caseType: ['case_type'],
  segment: ['segment'],
  sex: ['sex'],
  ageGroup: ['age_group'],
  region: ['region'],
  nationality: ['nationality'],
  agency: ['agency'],
  appropriation: ['appropriation'],
  feeActivity: ['fee_activity'],
  outcome: ['outcome'],
  subgroup: ['subgroup'],
  sourceTable: ['source_table_id'],
};

/**
 * The columns a page must read for the fields a request selects of its figures; undefined (every column) when it
 * selects a field this map does not know. A page of 1 000 figures parsed its 31 columns whether asked or not: the
 * bench's page asks 12, and reading only those halves pg's work per row.
 */
export function figureColumnsFor(fields: ReadonlySet<string>): Set<FigureColumn> | undefined {
  return columnsOfFields(fields, FIELD_COLUMNS);
}

/** A figure from its row; a row read with fewer columns (figureColumnsFor) leaves the fields nobody asked unset. */
export function toPublishedFigure(row: FigureRow): PublishedFigure {
  return {
    id: String(row.figure_id),
    value: Number(row.value),
    unit: row.unit,
    printed: row.printed,
    baseValue: row.base_value,
    baseUnit: row.base_unit,
    measure: row.measure,
    measureName: catalogueMeasure(row.measure)?.en ?? null,
    measureNameSv: catalogueMeasure(row.measure)?.sv ?? null,
    area: row.area,
    year: row.year,
    period: row.period,
    approximate: row.approximate,
    document: row.document,
    editionYear: row.edition_year,
    table: row.table_code,
    caption: row.caption,
    kind: row.kind,
    line: row.line,
    quote: row.quote,
    note: row.note,
    caseType: row.case_type as CaseTypeCode | null,
    segment: row.segment,
    sex: row.sex as Sex | null,
    ageGroup: row.age_group,
    region: row.region,
    nationality: row.nationality,
    agency: row.agency,
    appropriation: row.appropriation,
    feeActivity: row.fee_activity,
    outcome: row.outcome,
    subgroup: row.subgroup,
    sourceTableId: row.source_table_id,
  };
}

/** Splits the `limit + 1` rows a page query returns into the page and whether another follows. */
export function toFigurePage(rows: readonly FigureRow[], limit: number): { nodes: PublishedFigure[]; pageInfo: PageInfo } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    nodes: page.map(toPublishedFigure),
    pageInfo: {
      hasNextPage: rows.length > limit,
      endCursor: last ? encodeFigureCursor({ document: last.document, line: last.line, figureId: last.figure_id }) : null,
    },
  };
}

export function toSourceTable(row: SourceTableRow): SourceTable {
  return {
    id: row.source_table_id,
    document: row.document,
    table: row.table_code,
    caption: row.caption,
    kind: row.kind,
    firstLine: row.first_line,
    lastLine: row.last_line,
    figureCount: Number(row.figure_count),
  };
}
