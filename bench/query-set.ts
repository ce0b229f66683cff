import type { Dimension } from '../warehouse/dimensions/dimension-registry.js';
import type { MetricFilter } from '../warehouse/metrics/metric-request.js';

/**
 * The fixed query set: one query per kind of user of the product, each written for this product and, where it can be
 * expressed, for PostGraphile v5 (+ @graphile/pg-aggregates) over the same tables. A PostGraphile query is only
 * written where it asks the same question; where it cannot, `unsupported` says why and the cell stays empty.
 */
export interface BenchQuery {
  id: string;
  title: string;
  product: {
    /** The operation as the product's users send it. */
    query: string;
    /**
     * The same question over fewer parents or a smaller page: its SQL statement count must equal the full query's
     * (statements per request independent of list sizes).
     */
    smaller: string;
  };
  postgraphile: { query: string; note?: string } | { unsupported: string };
  /** For `metric(…)` queries: the request the resolver builds, so the raw baseline can compile it with metricQuery. */
  metric?: { name: string; by: Dimension[]; where: MetricFilter; first: number };
  /** Shapes both systems serve alike: the throughput goal (≥ 1.5× PostGraphile) is judged on these. */
  sharedShape: boolean;
}

/** Totals only: the published figure of a whole case type and year, not of one segment, sex, region, … */
const PUBLISHED_TOTAL =
  'segment: null, sex: null, region: null, nationality: null, ageGroup: null, subgroup: null, period: null, agency: null, outcome: null, approximate: false';
const figuresOf = (relation: string, alias: string, measure: string) =>
  `${alias}: ${relation}(condition: {measure: "${measure}", ${PUBLISHED_TOTAL}}, orderBy: [YEAR_ASC]) { nodes { year baseValue } }`;

const CASE_TYPES_NESTED = (codes: string) => `{
  caseTypes${codes} { code name years { year received decided approvalRate meanProcessingDays } }
  feeActivities${codes ? '(codes: ["citizenship"])' : ''} { code name years { year revenue cost coverageRatio } }
}`;

const CASES_PAGE = (first: number) => `{
  cases(first: ${first}) { nodes { caseId caseType receivedDate decisionDate outcome events { eventType eventDate } } }
}`;

const PEER_FIGURES_OF_TABLE = (first: number) => `{
  allDimSourceTables(condition: {tableCode: "Tabell 6.2"}) { nodes {
    factFiguresBySourceTableId(first: ${first}, orderBy: [DOCUMENT_ASC, LINE_ASC, FIGURE_ID_ASC]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { figureId value unit printed measure year caseType segment sex document line quote }
    }
  } }
}`;

const FIGURES_OF_TABLE = (first: number) => `{
  publishedFigures(where: { table: "Tabell 6.2" }, first: ${first}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id value unit printed measure year caseType segment sex document line quote }
  }
}`;

export const QUERY_SET: readonly BenchQuery[] = [
  {
    // No resolver and no SQL: what HTTP, GraphQL and the server's plugins cost alone, so no answer can be faster.
    id: 'q0-typename',
    title: 'Framework ceiling: { __typename }',
    product: { query: '{ __typename }', smaller: '{ __typename }' },
    postgraphile: { query: '{ __typename }' },
    sharedShape: false,
  },
  {
    id: 'q1-bi-metric',
    title: 'BI: approval_rate by CASE_TYPE × YEAR × SEX',
    product: {
      // The default page (100 rows) holds every group (case types × years × sexes).
      query: `{ metric(name: APPROVAL_RATE, by: [CASE_TYPE, YEAR, SEX]) { totalCount rows { caseType year sex value suppressed } } }`,
      smaller: `{ metric(name: APPROVAL_RATE, by: [CASE_TYPE, YEAR, SEX], first: 10) { totalCount rows { caseType year sex value suppressed } } }`,
    },
    postgraphile: {
      unsupported:
        'pg-aggregates 0.2 truncates dates only to hour or day (no YEAR bucket), offers groupBy only on indexed columns ' +
        '(cases.decided_month: case_type, month; not sex) and has no ratio aggregate: grouping by year × sex and ' +
        'approved/(approved+rejected) cannot be asked without adding columns, views or a plugin',
    },
    metric: { name: 'approval_rate', by: ['CASE_TYPE', 'YEAR', 'SEX'], where: {}, first: 100 },
    sharedShape: false,
  },
  {
    id: 'q2-app-nested',
    title: 'App: case types → years, fee activities → years',
    product: { query: CASE_TYPES_NESTED(''), smaller: CASE_TYPES_NESTED('(codes: [ASYLUM])') },
    postgraphile: {
      // Both read the published totals per year through the dimension's foreign key; the product computes
      // received/decided/approval/processing from the case rollups (the generator reproduces the published figures).
      query: `{
  allDimCaseTypes { nodes { code nameEn
    ${figuresOf('factFiguresByCaseType', 'received', 'received')}
    ${figuresOf('factFiguresByCaseType', 'decided', 'decided')}
    ${figuresOf('factFiguresByCaseType', 'approvalRate', 'approval_rate')}
    ${figuresOf('factFiguresByCaseType', 'meanProcessingDays', 'mean_processing_days')}
  } }
  allDimFeeActivities { nodes { code nameEn
    ${figuresOf('factFiguresByFeeActivity', 'revenue', 'fee_revenue')}
    ${figuresOf('factFiguresByFeeActivity', 'cost', 'fee_cost')}
    ${figuresOf('factFiguresByFeeActivity', 'coverageRatio', 'fee_coverage')}
  } }
}`,
      note: 'PostGraphile reads the published yearly totals through the foreign keys of fact_figure (one list per measure); the product computes case-type years from the case rollups',
    },
    sharedShape: true,
  },
  {
    id: 'q3-cases-page',
    title: 'List: 100 cases with their events',
    product: { query: CASES_PAGE(100), smaller: CASES_PAGE(10) },
    postgraphile: {
      query: `{
  allCasesCaseFacts(first: 100, orderBy: [PRIMARY_KEY_ASC]) { nodes { caseId caseType receivedDate decisionDate outcome
    events(orderBy: [EVENT_DATE_ASC]) { nodes { eventType eventDate } } } }
}`,
      note: 'the case → events relation is declared with smart tags (case_fact is partitioned, so no foreign key can reference case_id)',
    },
    sharedShape: true,
  },
  {
    id: 'q4-monthly-series',
    title: 'Time series: received ASYLUM by MONTH, 2022–2024',
    product: {
      query: `{ metric(name: RECEIVED, by: [MONTH], where: { caseType: [ASYLUM], year: [2022, 2023, 2024] }) { totalCount rows { period value } } }`,
      smaller: `{ metric(name: RECEIVED, by: [MONTH], where: { caseType: [ASYLUM], year: [2024] }) { totalCount rows { period value } } }`,
    },
    postgraphile: {
      // The years become a HAVING on the month bucket (min/max of a one-month group is that month): the condition
      // argument is equality only.
      query: `{
  allCasesReceivedMonths(condition: {caseType: "ASYLUM"}) {
    groupedAggregates(groupBy: [MONTH], having: {AND: [{min: {month: {greaterThanOrEqualTo: "2022-01-01"}}}, {max: {month: {lessThan: "2025-01-01"}}}]}) {
      keys sum { received }
    }
  }
}`,
      note: 'groupedAggregates over the cases.received_month rollup; the year filter is a HAVING on the month',
    },
    metric: { name: 'received', by: ['MONTH'], where: { caseType: ['ASYLUM'], year: [2022, 2023, 2024] }, first: 100 },
    sharedShape: true,
  },
  {
    id: 'q5-published-table',
    title: 'Published figures of Tabell 6.2 (first 1000)',
    product: { query: FIGURES_OF_TABLE(1000), smaller: FIGURES_OF_TABLE(10) },
    postgraphile: {
      query: PEER_FIGURES_OF_TABLE(1000),
      note: 'the table filter goes through dim_source_table (figures are paged per source table there)',
    },
    sharedShape: true,
  },
  {
    // The same shape at a typical page size.
    id: 'q5b-published-table-100',
    title: 'Published figures of Tabell 6.2 (first 100)',
    product: { query: FIGURES_OF_TABLE(100), smaller: FIGURES_OF_TABLE(10) },
    postgraphile: {
      query: PEER_FIGURES_OF_TABLE(100),
      note: 'the table filter goes through dim_source_table (figures are paged per source table there)',
    },
    sharedShape: true,
  },
];
