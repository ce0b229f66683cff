import { sql, type RawBuilder } from 'kysely';
import type { FlowNeeds } from './case-flows.js';
import { CASE_ATTRIBUTE_DIMENSIONS, type Dimension } from '../dimensions/dimension-registry.js';
import { countOf, type CountExpression, type MetricCounts } from './metric-counts.js';
import type { CaseFlowMetric, FigureMetric, MetricDefinition, MetricSource, OpenBalanceMetric } from './metric-definition.js';

/**
 * The metric catalogue: every metric the API computes, each defined once — its formula is the SQL every resolver,
 * the CSV export and the documentation use. Ratios are 0–1 fractions, money SEK, durations days.
 */
const ANNUAL_REPORT = '000_c6bd8d7f0150f31e.txt';
const ASYLUM_REVIEW = '001_b947993960c5cc8f.txt';
const RETURN_REPORT = '003_18350b40b22d24e9.txt';
const at = (document: string, line: number, quote: string): MetricSource => ({ document, line, quote });

const TIME: readonly Dimension[] = ['YEAR', 'QUARTER', 'MONTH', 'WEEK'];
/** Every attribute of the case facts but the outcome, which only decisions have. */
const CASE_ATTRIBUTES: readonly Dimension[] = CASE_ATTRIBUTE_DIMENSIONS.filter((d) => d !== 'OUTCOME');
const FLOW_DIMENSIONS = [...TIME, ...CASE_ATTRIBUTES];
const DECISION_DIMENSIONS = [...FLOW_DIMENSIONS, 'OUTCOME'] as const satisfies readonly Dimension[];

const RECEIVED: FlowNeeds = { received: true, decided: false, rowLevel: false };
const DECIDED: FlowNeeds = { received: false, decided: true, rowLevel: false };
const BOTH: FlowNeeds = { received: true, decided: true, rowLevel: false };
const DECIDED_ROWS: FlowNeeds = { received: false, decided: true, rowLevel: true };

const ratio = (numerator: RawBuilder<unknown>, denominator: RawBuilder<unknown>) =>
  sql<number | null>`(${numerator})::float8 / nullif(${denominator}, 0)`;
const count = (column: string) => sql<number>`sum(${sql.ref(`f.${column}`)})`;

/** The counts ratios rest on, each named once: a ratio's value and its numerator and denominator use the same one. */
const APPROVED = countOf('approved', count('approved_n'));
const ON_MERITS = countOf('approved + rejected', sql`sum(f.approved_n + f.rejected_n)`);
const DECIDED_N = countOf('decided', count('decided_n'));
const RECEIVED_N = countOf('received', count('received_n'));
const WITHIN = countOf('decided within the limit', count('within_n'));
const LIMITED = countOf('decided with a limit', count('limited_n'));
const COURT_CHANGED = countOf('changed by the court', count('court_changed_n'));
const COURT_DECIDED = countOf('ruled on by the court', count('court_decided_n'));

/** A value numerator / denominator, with its counts declared from the same two expressions. */
function quotient(kind: 'proportion' | 'quotient', numerator: CountExpression, denominator: CountExpression) {
  return { value: () => ratio(numerator.sql, denominator.sql), counts: { kind, numerator, denominator } satisfies MetricCounts };
}
const sample = (n: CountExpression) => ({ kind: 'sample', n }) as const satisfies MetricCounts;

function caseFlow<N extends string>(
  m: Omit<CaseFlowMetric, 'kind' | 'dimensions'> & { name: N; dimensions?: readonly Dimension[] },
): CaseFlowMetric & { name: N } {
  return { kind: 'case_flow', dimensions: m.needs.received ? FLOW_DIMENSIONS : DECISION_DIMENSIONS, ...m };
}

const FIGURE_DIMENSIONS = ['YEAR'] as const satisfies readonly Dimension[];
function figure<N extends string>(
  m: Omit<FigureMetric, 'kind' | 'free' | 'defaults'> & { name: N } & Partial<Pick<FigureMetric, 'free' | 'defaults'>>,
): FigureMetric & { name: N } {
  return { kind: 'figure', free: ['agency', 'period'], defaults: {}, ...m };
}
const measure = (name: string) => sql<number | null>`max(h.base_value) filter (where h.measure = ${name})`;

function openBalance<N extends string>(m: Omit<OpenBalanceMetric, 'kind' | 'dimensions'> & { name: N }): OpenBalanceMetric & { name: N } {
  return { kind: 'open_balance', dimensions: FLOW_DIMENSIONS, ...m };
}

export const METRICS = [
  caseFlow({
    name: 'received',
    title: 'Received cases (inkomna ärenden)',
    unit: 'cases',
    description: 'Cases received in the period, counted on their received date.',
    needs: RECEIVED,
    value: () => count('received_n'),
    support: count('received_n'),
    source: at(ANNUAL_REPORT, 1862, 'Inkomna ärenden'),
    publishedMeasure: 'received',
  }),
  caseFlow({
    name: 'decided',
    title: 'Decided cases (avgjorda ärenden)',
    unit: 'cases',
    description: 'Cases decided in the period, counted on their decision date, whatever the outcome.',
    needs: DECIDED,
    value: () => count('decided_n'),
    support: count('decided_n'),
    source: at(ANNUAL_REPORT, 1871, 'Avgjorda ärenden'),
    publishedMeasure: 'decided',
  }),
  caseFlow({
    name: 'approved',
    title: 'Approved cases (bifall)',
    unit: 'cases',
    description: 'Decisions in the period that granted the application.',
    needs: DECIDED,
    value: () => count('approved_n'),
    support: count('decided_n'),
    source: null,
    publishedMeasure: 'approved',
  }),
  caseFlow({
    name: 'rejected',
    title: 'Rejected cases (avslag)',
    unit: 'cases',
    description: 'Decisions in the period that refused the application (not Dublin transfers or write-offs).',
    needs: DECIDED,
    value: () => count('rejected_n'),
    support: count('decided_n'),
    source: null,
    publishedMeasure: 'rejected',
  }),
  caseFlow({
    name: 'approval_rate',
    title: 'Approval rate (bifallsandel mot avslag)',
    unit: 'ratio',
    dimensions: FLOW_DIMENSIONS,
    description:
      'Approved / (approved + rejected): the share of decisions on the merits that granted the application; Dublin transfers and write-offs are left out, as the annual report defines bifallsandel.',
    needs: DECIDED,
    ...quotient('proportion', APPROVED, ON_MERITS),
    support: sql<number>`sum(f.approved_n + f.rejected_n)`,
    source: at(ANNUAL_REPORT, 1878, 'Bifallsandel (mot avslag)'),
    publishedMeasure: 'approval_rate',
  }),
  caseFlow({
    name: 'mean_processing_days',
    title: 'Mean processing time (genomsnittlig handläggningstid)',
    unit: 'days',
    description: 'Mean days from received to decided, over the cases decided in the period.',
    needs: DECIDED,
    value: () => ratio(count('days_sum'), count('decided_n')),
    support: count('decided_n'),
    counts: sample(DECIDED_N),
    source: at(ANNUAL_REPORT, 1875, 'handläggningstid, dagar'),
    publishedMeasure: 'mean_processing_days',
  }),
  caseFlow({
    name: 'median_processing_days',
    title: 'Median processing time (median handläggningstid)',
    unit: 'days',
    description: 'Median days from received to decided, over the cases decided in the period (computed on case rows).',
    needs: DECIDED_ROWS,
    value: () => sql<number | null>`percentile_cont(0.5) within group (order by f.processing_days)`,
    support: count('decided_n'),
    counts: sample(DECIDED_N),
    source: null,
    publishedMeasure: 'median_processing_days',
  }),
  caseFlow({
    name: 'p90_processing_days',
    title: '90th percentile of processing time',
    unit: 'days',
    description: 'The processing time in days that 90 % of the cases decided in the period stayed within (computed on case rows).',
    needs: DECIDED_ROWS,
    value: () => sql<number | null>`percentile_cont(0.9) within group (order by f.processing_days)`,
    support: count('decided_n'),
    counts: sample(DECIDED_N),
    source: null,
    publishedMeasure: null,
  }),
  caseFlow({
    name: 'share_within_statutory_limit',
    title: 'Share decided within the limit (andel avgjorda inom tidsgränsen)',
    unit: 'ratio',
    description:
      'Share of the decided cases whose processing time stayed within the limit the annual report measures the case type or segment against (asylum, temporary protection, citizenship and family extensions 180 days; family first-time 270; work permits 120; studies 90); case types without a stated limit are left out.',
    needs: DECIDED,
    ...quotient('proportion', WITHIN, LIMITED),
    support: count('limited_n'),
    source: at(ANNUAL_REPORT, 1876, 'Andel avgjorda inom 180'),
    publishedMeasure: 'share_decided_within_limit',
  }),
  caseFlow({
    name: 'clearance_rate',
    title: 'Clearance rate (avgörandegrad)',
    unit: 'ratio',
    description: 'Decided / received in the same period: above 1 the open balance shrinks.',
    needs: BOTH,
    ...quotient('quotient', DECIDED_N, RECEIVED_N),
    support: count('received_n'),
    source: null,
    publishedMeasure: null,
  }),
  caseFlow({
    name: 'court_change_rate',
    title: 'Court change rate (ändringsfrekvens)',
    unit: 'ratio',
    dimensions: FLOW_DIMENSIONS,
    description: 'Of the appealed decisions the migration court has ruled on, the share it changed; anchored on the agency’s decision date.',
    needs: DECIDED_ROWS,
    ...quotient('proportion', COURT_CHANGED, COURT_DECIDED),
    support: count('court_decided_n'),
    source: at(ANNUAL_REPORT, 4332, 'Den rättsliga kvaliteten följs upp genom analyser av utfall och ändringsfrekvens i migrations'),
    publishedMeasure: 'court_change_rate',
  }),
  caseFlow({
    name: 'approval_rate_deviation_pp',
    title: 'Regional deviation of the approval rate (avvikelse från riket)',
    unit: 'points',
    dimensions: FLOW_DIMENSIONS,
    description: 'A region’s approval rate minus the national approval rate of the same group, in percentage points; needs REGION in `by`.',
    needs: DECIDED,
    requires: ['REGION'],
    value: ({ nationalWindow }) => sql<number | null>`100 * (
      ${APPROVED.sql}::float8 / nullif(${ON_MERITS.sql}, 0)
      - sum(${APPROVED.sql}) over ${nationalWindow}::float8 / nullif(sum(${ON_MERITS.sql}) over ${nationalWindow}, 0))`,
    counts: { kind: 'deviation', numerator: APPROVED, denominator: ON_MERITS },
    support: sql<number>`sum(f.approved_n + f.rejected_n)`,
    source: at(ASYLUM_REVIEW, 1543, 'figur 1 framgår att det fanns tydliga variationer mellan regionerna'),
    publishedMeasure: null,
  }),
  openBalance({
    name: 'open_at_end',
    title: 'Open balance at the end of the period (öppna ärenden)',
    unit: 'cases',
    description: 'Cases received on or before the last day of the bucket and not decided by then.',
    value: () => sql<number>`o.open_end`,
    source: at(ANNUAL_REPORT, 1906, 'Öppna ärenden vid årets slut'),
    publishedMeasure: 'open_at_end',
  }),
  openBalance({
    name: 'backlog_change',
    title: 'Backlog change (förändring av öppna ärenden)',
    unit: 'cases',
    description: 'Open balance at the end of the bucket minus at its start: received − decided in the bucket.',
    value: () => sql<number>`o.open_end - o.open_start`,
    source: null,
    publishedMeasure: null,
  }),
  openBalance({
    name: 'backlog_months',
    title: 'Backlog in months of decisions (balans i månader)',
    unit: 'months',
    description:
      'Open balance at the end of the bucket / average decisions per month in the bucket: how many months of decisions the open cases represent.',
    value: ({ monthsPerBucket }) => sql<number | null>`o.open_end::float8 / nullif(o.decided::float8 / ${monthsPerBucket}, 0)`,
    source: null,
    publishedMeasure: null,
  }),
  figure({
    name: 'unit_cost',
    title: 'Unit cost (styckkostnad)',
    unit: 'SEK',
    dimensions: [...FIGURE_DIMENSIONS, 'CASE_TYPE', 'CASE_SEGMENT'],
    description: 'Cost per decided case as the annual report computes it: the case type’s total cost / decided cases (published per case type).',
    measures: ['unit_cost'],
    value: () => measure('unit_cost'),
    source: at(ANNUAL_REPORT, 129, 'Produktivitetsvärden och genomsnittliga styckkostnader för ärendehantering'),
    publishedMeasure: 'unit_cost',
  }),
  figure({
    name: 'budget_allocated',
    title: 'Allocated appropriation (tilldelat anslag)',
    unit: 'SEK',
    dimensions: [...FIGURE_DIMENSIONS, 'APPROPRIATION'],
    description: 'Appropriation allocated in the regulation letter (regleringsbrev); without APPROPRIATION in `by`, all appropriations together.',
    measures: ['budget_allocated'],
    value: () => measure('budget_allocated'),
    defaults: { appropriation: ['total'] },
    source: at(ANNUAL_REPORT, 636, 'Migrationsverkets anslagsförbrukning 2022–2024 samt tilldelning i regleringsbrevet 2024 (mnkr)'),
    publishedMeasure: 'budget_allocated',
  }),
  figure({
    name: 'budget_outcome',
    title: 'Appropriation outcome (anslagsutfall)',
    unit: 'SEK',
    dimensions: [...FIGURE_DIMENSIONS, 'APPROPRIATION'],
    description: 'Appropriation spent (utfall); without APPROPRIATION in `by`, all appropriations together.',
    measures: ['budget_outcome'],
    value: () => measure('budget_outcome'),
    defaults: { appropriation: ['total'] },
    source: at(ANNUAL_REPORT, 636, 'Migrationsverkets anslagsförbrukning 2022–2024 samt tilldelning i regleringsbrevet 2024 (mnkr)'),
    publishedMeasure: 'budget_outcome',
  }),
  figure({
    name: 'budget_utilisation',
    title: 'Budget utilisation (anslagsutnyttjande)',
    unit: 'ratio',
    dimensions: [...FIGURE_DIMENSIONS, 'APPROPRIATION'],
    description: 'Outcome / allocation of an appropriation in a year.',
    measures: ['budget_outcome', 'budget_allocated'],
    defaults: { appropriation: ['total'] },
    ...quotient('quotient', countOf('budget_outcome', measure('budget_outcome')), countOf('budget_allocated', measure('budget_allocated'))),
    source: at(ANNUAL_REPORT, 673, 'och anslaget nyttjades till 89 procent'),
    publishedMeasure: 'budget_utilisation',
  }),
  figure({
    name: 'fee_revenue',
    title: 'Fee revenue (avgiftsintäkter)',
    unit: 'SEK',
    dimensions: [...FIGURE_DIMENSIONS, 'FEE_ACTIVITY'],
    description: 'Revenue of the fee-financed activities whose revenue goes to the treasury; without FEE_ACTIVITY, their total.',
    measures: ['fee_revenue'],
    value: () => measure('fee_revenue'),
    defaults: { fee_activity: ['total'] },
    source: at(ANNUAL_REPORT, 1081, 'Avgiftsbelagd verksamhet där intäkterna ej disponeras (tkr)'),
    publishedMeasure: 'fee_revenue',
  }),
  figure({
    name: 'fee_cost',
    title: 'Cost of fee-financed activities (kostnader)',
    unit: 'SEK',
    dimensions: [...FIGURE_DIMENSIONS, 'FEE_ACTIVITY'],
    description: 'Cost of the fee-financed activities; without FEE_ACTIVITY, their total.',
    measures: ['fee_cost'],
    value: () => measure('fee_cost'),
    defaults: { fee_activity: ['total'] },
    source: at(ANNUAL_REPORT, 1081, 'Avgiftsbelagd verksamhet där intäkterna ej disponeras (tkr)'),
    publishedMeasure: 'fee_cost',
  }),
  figure({
    name: 'fee_coverage_ratio',
    title: 'Fee coverage ratio (täckningsgrad)',
    unit: 'ratio',
    dimensions: [...FIGURE_DIMENSIONS, 'FEE_ACTIVITY'],
    description: 'Fee revenue / cost of the activity in the year.',
    measures: ['fee_revenue', 'fee_cost'],
    defaults: { fee_activity: ['total'] },
    ...quotient('quotient', countOf('fee_revenue', measure('fee_revenue')), countOf('fee_cost', measure('fee_cost'))),
    source: at(ANNUAL_REPORT, 1055, 'För avgiftsbelagd verksamhet där intäkter inte disponeras av myndigheten var den totala täcknings'),
    publishedMeasure: 'fee_coverage',
  }),
  figure({
    name: 'fee_coverage_target',
    title: 'Fee coverage target (ekonomiskt mål)',
    unit: 'ratio',
    dimensions: [...FIGURE_DIMENSIONS, 'FEE_ACTIVITY'],
    description: 'The economic target for fee coverage where the annual report states one (citizenship 70 %, passports 45 %).',
    measures: ['fee_coverage_target'],
    value: () => measure('fee_coverage_target'),
    defaults: { fee_activity: ['total'] },
    source: at(ANNUAL_REPORT, 1067, 'målet på 70 procent för ansökningar om svenskt medborgarskap'),
    publishedMeasure: 'fee_coverage_target',
  }),
  figure({
    name: 'fee_coverage_gap',
    title: 'Gap to the fee coverage target (avvikelse från målet)',
    unit: 'ratio',
    dimensions: [...FIGURE_DIMENSIONS, 'FEE_ACTIVITY'],
    description: 'Fee coverage ratio − target, in ratio points (negative: below target).',
    measures: ['fee_revenue', 'fee_cost', 'fee_coverage_target'],
    defaults: { fee_activity: ['total'] },
    value: () => sql<number | null>`${ratio(measure('fee_revenue'), measure('fee_cost'))} - ${measure('fee_coverage_target')}`,
    source: at(ANNUAL_REPORT, 1067, 'målet på 70 procent för ansökningar om svenskt medborgarskap'),
    publishedMeasure: null,
  }),
  figure({
    name: 'returns_departed',
    title: 'Departures under removal orders (utresta)',
    unit: 'persons',
    dimensions: [...FIGURE_DIMENSIONS, 'AGENCY'],
    description: 'Persons who left Sweden under a removal or transfer decision, as the agencies publish them; AGENCY splits by the enforcing agency.',
    measures: ['returns_departed'],
    value: () => measure('returns_departed'),
    free: ['period'],
    defaults: { case_type: ['RETURN'] },
    source: at(RETURN_REPORT, 161, 'Totalt ökade antalet utresta i enlighet med avlägsnandebeslutet under 2024'),
    publishedMeasure: 'returns_departed',
  }),
  figure({
    name: 'voluntary_return_share',
    title: 'Voluntary return share (andel självmant utresta)',
    unit: 'ratio',
    description:
      'Of the persons who left under the Migration Agency’s removal orders, the share who left on their own with the agency as the enforcing authority (självmant) rather than through the police: departures enforced by Migrationsverket / all departures (joint return report, Tabell 1).',
    dimensions: FIGURE_DIMENSIONS,
    measures: ['returns_departed'],
    inputs: 2,
    free: ['period'],
    defaults: { case_type: ['RETURN'], agency: ['migrationsverket', null] },
    ...quotient(
      'proportion',
      countOf(
        'departed, enforced by Migrationsverket',
        sql`max(h.base_value) filter (where h.measure = 'returns_departed' and h.agency = 'migrationsverket')`,
      ),
      countOf('departed, all', sql`max(h.base_value) filter (where h.measure = 'returns_departed' and h.agency is null)`),
    ),
    source: at(ANNUAL_REPORT, 3577, 'Migrationsverket är förvaltningsmyndighet för frågor som rör självmant återvändande'),
    publishedMeasure: null,
  }),
] as const satisfies readonly MetricDefinition[];

/** The name of a catalogue metric: a typo is a compile error, not a null at request time. */
export type MetricName = (typeof METRICS)[number]['name'];

const BY_NAME = new Map<string, MetricDefinition>(METRICS.map((m) => [m.name, m]));

/** The definition of a metric named in code (typed, so always there). */
export function metric(name: MetricName): MetricDefinition {
  return BY_NAME.get(name) as MetricDefinition;
}

/** The definition of a name a client sent, if the catalogue has it. */
export function findMetric(name: string): MetricDefinition | undefined {
  return BY_NAME.get(name);
}
