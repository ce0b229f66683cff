import { METRICS } from '../warehouse/metrics/catalog.js';
import { metricFormula } from './metric-formula.js';

/** docs/metrics.md, generated from the catalogue so that the documentation is the definitions themselves. */
export function metricDocs(): string {
  const lines = [
    '# Metric catalogue',
    '',
    'Generated from `warehouse/metrics/catalog.ts` by `npm run docs:metrics`; a test fails when this file is stale.',
    'Ask any of these with `metric(name: …, by: […], where: {…})` over GraphQL, or as CSV from `/export/metric.csv`.',
    'Ratios are 0–1 fractions, money SEK, durations days; `points` are percentage points.',
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
