import type { BenchReport, GoalCheck } from './report.js';
import type { PxwebComparison } from './pxweb-comparison.js';

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

  const base = (id: string) => id.split('@')[0] as string;
  const facts = new Map(report.queries.map((q) => [q.id, q]));
  // Cold: ≥ 1.0× PostGraphile on q3, q4, q5 and q5b at every concurrency; q2 ≥ 0.5× (PostGraphile reads the published
  // yearly figures there, the product computes them from the case rollups); { __typename } ≥ 0.5× (the stack's ceiling).
  const coldBar = (id: string) => (/^q(3|4|5)/.test(id) ? 1 : /^q(0|2)/.test(id) ? 0.5 : null);
  const coldCases = report.ratios.filter(
    (r) => coldBar(r.queryId) !== null && r.productOverPostgraphileRps !== null && facts.get(r.queryId)?.role !== 'public',
  );
  goals.push({
    goal: 'cold throughput ≥ 1.0× PostGraphile on q3, q4, q5, q5b; ≥ 0.5× on q2 and { __typename } (c = 1, 10, 50)',
    met: coldCases.length ? coldCases.every((r) => (r.productOverPostgraphileRps as number) >= (coldBar(r.queryId) as number)) : null,
    detail:
      coldCases.map((r) => `${base(r.queryId)} c=${r.concurrency} ${x(r.productOverPostgraphileRps as number)}`).join(', ') ||
      'no shape measured on both',
  });

  // Cold metric p50 ≤ 1.3× its own raw statements for the analyst; the public role's beside it.
  const metricCases = report.ratios.filter((r) => facts.get(r.queryId)?.metric && r.productOverRawP50 !== null);
  const analyst = metricCases.filter((r) => facts.get(r.queryId)?.role === 'analyst');
  const detail = (rows: typeof metricCases) =>
    rows
      .map((r) => `${r.queryId} c=${r.concurrency} ${x(r.productOverRawP50 as number)} (+${(r.productMinusRawP50Ms ?? Number.NaN).toFixed(2)} ms)`)
      .join(', ');
  goals.push({
    goal: 'cold metric p50 ≤ 1.3× its own raw statements (analyst; the public role reported beside)',
    met: analyst.length ? analyst.every((r) => (r.productOverRawP50 as number) <= 1.3) : null,
    detail: `${detail(analyst) || 'not measured'}; public: ${detail(metricCases.filter((r) => facts.get(r.queryId)?.role === 'public')) || 'not measured'}`,
  });

  // The SQL of a metric grouping covered by a rollup (q1, q4 as the analyst asks them): ≤ 2 ms p50 at scale 1.
  const rollupSql = report.cells.filter(
    (c) => c.system === 'raw' && c.concurrency === 1 && facts.get(c.queryId)?.metric && facts.get(c.queryId)?.role === 'analyst' && c.result,
  );
  goals.push({
    goal: 'the SQL of a metric grouping covered by a rollup ≤ 2 ms p50 (raw, c = 1)',
    met: rollupSql.length ? rollupSql.every((c) => (c.result?.p50 ?? Number.POSITIVE_INFINITY) <= 2) : null,
    detail: rollupSql.map((c) => `${c.queryId} ${(c.result?.p50 ?? Number.NaN).toFixed(2)} ms`).join(', ') || 'not measured',
  });

  // Under 50 clients, cold: p99 ≤ 1 s on every shape.
  const p99At50 = report.cells.filter((c) => c.system === 'product' && c.concurrency === 50 && c.result);
  goals.push({
    goal: 'cold p99 ≤ 1 s at c = 50 on every shape',
    met: p99At50.length ? p99At50.every((c) => (c.result?.p99 ?? Number.POSITIVE_INFINITY) <= 1000) : null,
    detail: p99At50.map((c) => `${c.queryId} ${(c.result?.p99 ?? Number.NaN).toFixed(0)} ms`).join(', ') || 'not measured',
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
  // The PxWeb face: its 10 000-cell request within 1.5× of the same cells through GraphQL cold, about equal warm. A
  // side with failed requests has no latency to compare (a timeout answers fast): such a row is named, not judged.
  const pxweb = report.pxweb ?? [];
  for (const [temperature, limit, sides] of [
    ['cold', 1.5, (r: PxwebComparison) => [r.pxwebCold, r.graphqlCold] as const],
    ['warm', 1.2, (r: PxwebComparison) => [r.pxwebWarm, r.graphqlWarm] as const],
  ] as const) {
    const measured = pxweb.flatMap((r) => {
      const [px, gql] = sides(r);
      return px && gql ? [{ concurrency: r.concurrency, px, gql }] : [];
    });
    const bothAnswered = (m: (typeof measured)[number]) => m.px.errors === 0 && m.gql.errors === 0;
    const comparable = measured.filter(bothAnswered);
    goals.push({
      goal: `PxWeb 10 000-cell request p50 ≤ ${limit}× the same cells through GraphQL, ${temperature}`,
      met: comparable.length ? comparable.every((m) => m.px.p50 <= limit * m.gql.p50) : null,
      detail:
        measured
          .map((m) =>
            bothAnswered(m)
              ? `c=${m.concurrency} ${x(m.px.p50 / m.gql.p50)}`
              : `c=${m.concurrency} not comparable (failed: PxWeb ${m.px.errors}, GraphQL ${m.gql.errors})`,
          )
          .join(', ') || 'not measured',
    });
  }
  return goals;
}
