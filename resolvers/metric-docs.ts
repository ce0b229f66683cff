import { METRICS } from '../warehouse/metrics/catalog.js';
import { metricFormula } from './metric-formula.js';
import { CASE_FACT_COVERAGE } from '../warehouse/metrics/coverage.js';
import type { MetricDefinition } from '../warehouse/metrics/metric-definition.js';
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
    .map((measure) => signConvention(measure) === 'amount'
      ? `\`${measure}\` is an amount, never negative (${AMOUNT_MEASURES.get(measure)}); \`printed\` keeps the minus`
      : `\`${measure}\` keeps its printed sign`)
    .join('; ');
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
      '',
      '```sql',
      metricFormula(m),
      '```',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
