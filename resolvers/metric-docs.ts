import { METRICS } from '../warehouse/metrics/catalog.js';
import type { MetricDefinition } from '../warehouse/metrics/metric-definition.js';
import { formulaText, metricFormula } from './metric-formula.js';
import { CASE_FACT_COVERAGE } from '../warehouse/metrics/coverage.js';
import { AMOUNT_MEASURES, signConvention } from '../warehouse/published/sign-convention.js';

/** What a metric covers: the case facts' period, or the years its published figures were printed for. */
function coverageOf(m: MetricDefinition): string {
  if (m.kind !== 'figure') {
    return `case facts ${CASE_FACT_COVERAGE.from} to ${CASE_FACT_COVERAGE.to}; a period wholly outside is refused, asked buckets outside answer null (\`OUTSIDE_COVERAGE\`)`;
  }
  return 'the years a report printed its figures for (`metricCatalog { coverage { years } }`); other years have no row';
}

/** How the figures a metric reads treat the print's minus sign (warehouse/published/sign-convention.ts). */
function signsOf(m: MetricDefinition): string | null {
  if (m.kind !== 'figure') return null;
  return m.measures
    .map((measure) =>
      signConvention(measure) === 'amount'
        ? `\`${measure}\` is an amount, never negative (${AMOUNT_MEASURES.get(measure)}); \`printed\` keeps the minus`
        : `\`${measure}\` keeps its printed sign`,
    )
    .join('; ');
}

/** How uncertainty is computed, once for all metrics (the per-metric sections name the counts). */
const UNCERTAINTY = [
  '## Counts and uncertainty',
  '',
  'Each ratio metric declares its numerator and denominator in the catalogue, built from the same expressions as its',
  'value; rows carry them as `numerator` and `denominator` (CSV columns of the same names), and means and percentiles',
  'carry `n`, the cases they rest on. The 95 % intervals (`lower`, `upper`), with z = 1.959963984540054 (the 0.975',
  'quantile of the standard normal):',
  '',
  '- **Wilson score interval** of a proportion p̂ = x / n (x of n cases), for metrics marked *proportion*:',
  '  (x + z²/2) / (n + z²) ± z·√(x(n − x)/n + z²/4) / (n + z²). At x = 0 the lower bound is exactly 0, at x = n the',
  '  upper bound exactly 1; with n = 0 there is no interval.',
  '- **Newcombe hybrid score interval** (Newcombe 1998, method 10) of a difference p₁ − p₂ of independent proportions,',
  '  with (lᵢ, uᵢ) the Wilson interval of each: from D − √((p₁ − l₁)² + (u₂ − p₂)²) to D + √((u₁ − p₁)² + (p₂ − l₂)²).',
  '  For a region against the nation (`approval_rate_deviation_pp`) the two are not independent (the nation contains',
  '  the region), but with w = n_region / n_nation, p_region − p_nation = (1 − w)(p_region − p_rest) exactly, and the',
  '  region and the rest of the country are disjoint: the interval is Newcombe’s for region vs rest, scaled by',
  '  (1 − w), in percentage points. `significant` is true when it excludes 0. The rows carry the national counts as',
  '  `referenceNumerator` and `referenceDenominator`.',
  '- *Quotients* that are not proportions (clearance rate, budget utilisation, fee coverage) carry their numerator and',
  '  denominator but no interval: neither counts a subset of the other.',
  '',
  'The API computes the interval last, in `withInterval` (resolvers/metric-interval.ts), from the counts the row shows',
  'after disclosure control: where the public role is shown perturbed counts, its interval rests on those. The BI views',
  '(schema `bi`) compute the same intervals in SQL (warehouse/metrics/wilson.ts) from the same counts; analysts see',
  'both alike. Where the value is null (suppressed, no cases, outside the coverage) there is no interval, and',
  '`nullReason` says why. The intervals treat the decisions of a period as a sample of the process that produced them;',
  'they measure chance variation, not errors of registration.',
  '',
];

function countsLine(m: MetricDefinition): string[] {
  const counts = m.counts;
  if (!counts) return [];
  if (counts.kind === 'sample') return [`- n: ${counts.n.label}, \`${formulaText(counts.n.sql)}\``];
  const interval = {
    proportion: 'Wilson score interval (proportion)',
    quotient: 'none (a quotient, not a proportion)',
    deviation: 'Newcombe hybrid score interval of region minus nation, in points; `significant` where it excludes 0',
  }[counts.kind];
  return [
    `- numerator: ${counts.numerator.label}, \`${formulaText(counts.numerator.sql)}\``,
    `- denominator: ${counts.denominator.label}, \`${formulaText(counts.denominator.sql)}\``,
    `- 95 % interval: ${interval}`,
  ];
}

/** docs/metrics.md, generated from the catalogue so that the documentation is the definitions themselves. */
export function metricDocs(): string {
  const lines = [
    '# Metric catalogue',
    '',
    'Generated from `warehouse/metrics/catalog.ts` by `npm run docs:metrics`; a test fails when this file is stale.',
    'Ask any of these with `metric(name: …, by: […], where: {…})` over GraphQL, or as CSV from `/export/metric.csv`.',
    'Ratios are 0–1 fractions, money SEK, durations days; `points` are percentage points. Every null value says why in',
    '`nullReason`: NOT_PUBLISHED, OUTSIDE_COVERAGE, NO_CASES, SUPPRESSED or DIVISION_BY_ZERO. For the public role, counts',
    'are perturbed by the cell key method and rates computed from the perturbed counts (docs/disclosure-control.md).',
    '',
    '| metric | unit | basis | dimensions |',
    '| --- | --- | --- | --- |',
    ...METRICS.map((m) => `| [\`${m.name}\`](#${m.name}) | ${m.unit} | ${m.kind} | ${m.dimensions.join(', ')} |`),
    '',
    ...UNCERTAINTY,
  ];
  for (const m of METRICS) {
    lines.push(
      `## ${m.name}`,
      '',
      `**${m.title}** — ${m.description}`,
      '',
      `- unit: ${m.unit}; basis: ${m.kind}${m.requires?.length ? `; needs ${m.requires.join(', ')} in \`by\`` : ''}`,
      `- dimensions: ${m.dimensions.join(', ')}`,
      `- published beside: ${m.publishedMeasure ? `\`${m.publishedMeasure}\`` : 'none'}`,
      `- coverage: ${coverageOf(m)}`,
      ...(signsOf(m) ? [`- signs: ${signsOf(m)}`] : []),
      `- source: ${m.source ? `${m.source.document} line ${m.source.line}: “${m.source.quote}”` : 'not defined in the reports'}`,
      ...countsLine(m),
      `- SQL: view \`bi.${m.name}\``,
      '',
      '```sql',
      metricFormula(m),
      '```',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
