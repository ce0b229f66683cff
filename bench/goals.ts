import type { BenchReport, GoalCheck } from './report.js';

const x = (v: number) => `${v.toFixed(2)}×`;

/** The issue's targets, judged on one report's figures. */
export function checkGoals(report: Omit<BenchReport, 'goals'>, mainScale: number): GoalCheck[] {
  const goals: GoalCheck[] = [];
  const shared = new Set(report.queries.filter((q) => q.sharedShape).map((q) => q.id));

  // Warm: ≥ 3× PostGraphile's req/s on the shared shapes, except q4, where PostGraphile is within 1.2× of the raw
  // SQL, so its bar is 1.5×.
  const warmBar = (queryId: string) => (queryId.startsWith('q4') ? 1.5 : 3);
  const warm = report.ratios.filter((r) => shared.has(r.queryId) && r.warmProductOverPostgraphileRps !== null);
  goals.push({
    goal: 'warm throughput ≥ 3× PostGraphile on shared shapes (q4: ≥ 1.5×)',
    met: warm.length ? warm.every((r) => (r.warmProductOverPostgraphileRps as number) >= warmBar(r.queryId)) : null,
    detail:
      warm.map((r) => `${r.queryId} c=${r.concurrency} ${x(r.warmProductOverPostgraphileRps as number)}`).join(', ') ||
      'no shared shape measured warm',
  });

  const throughput = report.ratios.filter((r) => shared.has(r.queryId) && r.productOverPostgraphileRps !== null && r.concurrency <= 10);
  goals.push({
    goal: 'cold throughput ≥ 1.0× PostGraphile on shared shapes at c=1 and c=10',
    met: throughput.length ? throughput.every((r) => (r.productOverPostgraphileRps as number) >= 1) : null,
    detail:
      throughput.map((r) => `${r.queryId} c=${r.concurrency} ${x(r.productOverPostgraphileRps as number)}`).join(', ') ||
      'no shared shape measured on both',
  });

  const metricIds = new Set(report.queries.filter((q) => q.metricSqlMatches !== null).map((q) => q.id));
  const overhead = report.ratios.filter((r) => metricIds.has(r.queryId) && r.productOverRawP50 !== null);
  goals.push({
    goal: 'cold metric p50 ≤ 1.3× raw SQL',
    met: overhead.length ? overhead.every((r) => (r.productOverRawP50 as number) <= 1.3) : null,
    detail: overhead.map((r) => `${r.queryId} c=${r.concurrency} ${x(r.productOverRawP50 as number)}`).join(', ') || 'not measured',
  });

  const sizes = report.queries.filter((q) => q.statements.product !== undefined && q.productStatementsSmaller !== undefined);
  goals.push({
    goal: 'SQL statements per request independent of list sizes',
    met: sizes.length ? sizes.every((q) => q.statements.product === q.productStatementsSmaller) : null,
    detail: sizes.map((q) => `${q.id} ${q.productStatementsSmaller}→${q.statements.product}`).join(', ') || 'not measured',
  });

  const largest = Math.max(...report.curve.map((p) => p.scale));
  const growth: string[] = [];
  let grows: boolean | null = null;
  if (report.curve.length && largest >= 10 * mainScale) {
    grows = true;
    for (const point of report.curve.filter((p) => p.system === 'product' && p.scale === largest)) {
      const base = report.curve.find(
        (p) => p.system === 'product' && p.scale === mainScale && p.queryId === point.queryId && p.concurrency === point.concurrency,
      );
      if (!base) continue;
      const ratio = point.result.p50 / base.result.p50;
      growth.push(`${point.queryId} c=${point.concurrency} ${x(ratio)}`);
      if (ratio > 1.5) grows = false;
    }
  }
  goals.push({
    goal: `metric p50 at scale ${10 * mainScale} ≤ 1.5× scale ${mainScale}`,
    met: growth.length ? grows : null,
    detail: growth.join(', ') || `scale ${10 * mainScale} not in BENCH_SCALES this run`,
  });

  const at50 = report.cells.filter((c) => c.concurrency === 50 && (c.system === 'product' || c.system === 'product-warm') && c.peakRssMb !== null);
  const peak = Math.max(...at50.map((c) => c.peakRssMb as number));
  goals.push({
    goal: 'server RSS ≤ 300 MB at 50 clients (cold, and warm with the cache filled)',
    met: at50.length ? peak <= 300 : null,
    detail: at50.length
      ? `product peak ${peak.toFixed(0)} MB (${at50.map((c) => `${c.queryId}${c.system === 'product-warm' ? ' warm' : ''} ${(c.peakRssMb as number).toFixed(0)}`).join(', ')})`
      : 'not measured',
  });
  // The PxWeb face: its 10 000-cell request within 1.5× of the same cells through GraphQL cold, about equal warm.
  const pxweb = report.pxweb ?? [];
  const cold = pxweb.filter((r) => r.pxwebCold && r.graphqlCold);
  goals.push({
    goal: 'PxWeb 10 000-cell request p50 ≤ 1.5× the same cells through GraphQL, cold',
    met: cold.length ? cold.every((r) => (r.pxwebCold?.p50 ?? Number.NaN) <= 1.5 * (r.graphqlCold?.p50 ?? Number.NaN)) : null,
    detail:
      cold.map((r) => `c=${r.concurrency} ${x((r.pxwebCold?.p50 ?? Number.NaN) / (r.graphqlCold?.p50 ?? Number.NaN))}`).join(', ') || 'not measured',
  });
  const warmPx = pxweb.filter((r) => r.pxwebWarm && r.graphqlWarm);
  goals.push({
    goal: 'PxWeb 10 000-cell request p50 ≤ 1.2× the same cells through GraphQL, warm',
    met: warmPx.length ? warmPx.every((r) => (r.pxwebWarm?.p50 ?? Number.NaN) <= 1.2 * (r.graphqlWarm?.p50 ?? Number.NaN)) : null,
    detail:
      warmPx.map((r) => `c=${r.concurrency} ${x((r.pxwebWarm?.p50 ?? Number.NaN) / (r.graphqlWarm?.p50 ?? Number.NaN))}`).join(', ') ||
      'not measured',
  });
  return goals;
}
