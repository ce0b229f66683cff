/**
 * The queries the playground opens with, one tab per kind of user: BI, time series, provenance, case work, CSV, and
 * the typed domain fields. Each is one named operation, so it can be pasted into a client or code generator as it
 * is; test/documented-examples.test.ts runs every one and `npm run codegen` types them.
 */
export interface ExampleQuery {
  title: string;
  query: string;
  /** The role the example needs; an analyst key goes in the x-api-key header (the Headers tab). */
  role?: 'analyst';
}

/** The CSV export of the first tab's rows; `where` is URL-encoded JSON, so the link can be pasted as it is. */
export const CSV_EXPORT_PATH = `/export/metric.csv?name=approval_rate&by=YEAR,CASE_SEGMENT&where=${encodeURIComponent(
  JSON.stringify({ caseType: ['ASYLUM'], year: [2022, 2023, 2024] }),
)}`;

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    title: 'BI: metric by two dimensions',
    query: `# A metric (mått) computed in the database, grouped by year and case segment (delmängd), with the figure the
# annual report printed for the same cell beside it (published). Rows are flat and paginated, for BI tools.
# The explorer (third button of the left sidebar) lists every argument and field to click a query together.
query ApprovalRateBySegment {
  metric(
    name: APPROVAL_RATE
    by: [YEAR, CASE_SEGMENT]
    where: { caseType: [ASYLUM], year: [2022, 2023, 2024] }
    orderBy: [{ field: YEAR }, { field: CASE_SEGMENT }]
    first: 100
  ) {
    totalCount
    rows {
      year
      caseSegment
      value
      suppressed
      published { value printed document line quote }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    title: 'Time series with compareTo',
    query: `# Monthly inflow (inkomna ärenden) of asylum cases, each month beside the month before it.
query MonthlyAsylumInflow {
  metric(
    name: RECEIVED
    by: [MONTH]
    where: { caseType: [ASYLUM], year: [2023, 2024] }
    compareTo: PREVIOUS_PERIOD
    first: 24
  ) {
    rows { period year month value previous change changeRatio }
  }
}`,
  },
  {
    title: 'Published figures of a table',
    query: `# Every figure of one source table (Tabell 3.8, fee-financed activities) with the line and exact quote it
# was read from: the provenance of the numbers the metrics are checked against.
query FeeTableFigures {
  publishedFigures(where: { table: "Tabell 3.8" }, first: 100) {
    totalCount
    nodes {
      measure
      feeActivity
      year
      printed
      unit
      value
      document
      line
      quote
    }
  }
}`,
  },
  {
    title: 'Case page (analyst)',
    role: 'analyst',
    query: `# Case-level rows (ärenden) with their events. Needs an analyst key: put {"x-api-key": "<your analyst key>"}
# in the Headers tab below (the public role gets FORBIDDEN). Page on with after: pageInfo.endCursor.
query AsylumCasePage {
  cases(where: { caseType: [ASYLUM], receivedFrom: "2024-01-01", decided: true }, first: 20) {
    pageInfo { hasNextPage endCursor }
    nodes {
      caseId
      caseSegment
      sex
      ageGroup
      nationality
      receivedDate
      decisionDate
      outcome
      processingDays
      events { eventType eventDate agency }
    }
  }
}`,
  },
  {
    title: 'CSV export',
    query: `# The first tab's rows as CSV, for a spreadsheet or a BI tool that reads files: open this link
#   ${CSV_EXPORT_PATH}
# (same arguments as metric: name, by, where as JSON, compareTo, orderBy as JSON). X-Total-Count says how
# many rows exist. This query lists the metrics and the dimensions each can be exported by.
query ExportableMetrics {
  metricCatalog { name title unit dimensions }
}`,
  },
  {
    title: 'Fee coverage',
    query: `# Fee coverage (avgiftstäckning) of the fee-financed activities, Tabell 3.8
query FeeCoverage {
  feeActivities(codes: ["citizenship", "total"]) {
    code
    nameSv
    years {
      year
      revenue
      cost
      coverageRatio
      target
      gap
    }
  }
}`,
  },
  {
    title: 'Asylum flows',
    query: `# Asylum first-time cases (förstagångsärenden), Tabell 6.2
query AsylumFlows {
  caseTypes(codes: [ASYLUM]) {
    code
    nameSv
    years(segment: FIRST_TIME) {
      year
      received
      decided
      approvalRate
      meanProcessingDays
      openAtEnd
    }
    openBalances { year segment open backlogChange }
  }
}`,
  },
  {
    title: 'Budget lines',
    query: `# Appropriations (anslag) of expenditure area 8, Tabell 3.1
query BudgetLines {
  budgetLines(expenditureArea: 8) {
    appropriation
    nameSv
    years { year allocated outcome utilisation }
  }
}`,
  },
  {
    title: 'Returns',
    query: `# Departures under removal orders (återvändande)
query Returns {
  returns(years: [2022, 2023, 2024]) {
    year
    agency
    departed
    voluntaryDepartures
    voluntaryShare
  }
}`,
  },
];
