/** The queries the playground opens with, one tab per area of the API. Also used by the playground test. */
export const EXAMPLE_QUERIES: readonly { title: string; query: string }[] = [
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
    years(segment: "first_time") {
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
