import type { CaseTypeCode } from '../schema/case-type-code.enum.js';
import type { PageInfo } from '../schema/page-info.type.js';
import type { PublishedFigure } from '../schema/published-figure.type.js';
import type { Sex } from '../schema/sex.enum.js';
import type { SourceTable } from '../schema/source-table.type.js';
import type { SourceTableRow } from '../loaders/source-table-loaders.js';
import { catalogueMeasure } from '../warehouse/published/measure-catalogue.js';
import { encodeFigureCursor } from '../warehouse/queries/figure-cursor.js';
import type { FigureRow } from '../warehouse/queries/published-figures.js';

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
