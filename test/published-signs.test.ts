import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AMOUNT_MEASURES } from '../warehouse/published/sign-convention.js';
import { useServerFixture } from './support/server-fixture.js';

const fixture = useServerFixture();

describe('signs as the domain means them', () => {
  it('loads every amount measure as a non-negative value, and keeps the printed minus', async () => {
    const { rows } = await sql<{ measure: string; negative: number; printed_minus: number }>`
      select measure, count(*) filter (where value < 0 or base_value < 0)::int as negative,
             count(*) filter (where printed ~ '^[-−–]')::int as printed_minus
      from fact_figure where measure = any(${[...AMOUNT_MEASURES.keys()]}) group by measure`.execute(fixture.database.db);
    expect(rows.map((r) => r.measure).sort()).toEqual([...AMOUNT_MEASURES.keys()].sort());
    for (const r of rows) expect(r.negative, r.measure).toBe(0);
    // The appropriation accounts print outcomes with a minus: the print is kept exactly.
    expect(rows.find((r) => r.measure === 'budget_outcome')?.printed_minus).toBeGreaterThan(20);
  });

  it('keeps the sign of fee results and capital changes, where the sign is the meaning', async () => {
    const { rows } = await sql<{ measure: string; value: number }>`
      select measure, value::float8 as value from fact_figure
      where measure in ('fee_result', 'capital_change') and value < 0`.execute(fixture.database.db);
    expect(rows.filter((r) => r.measure === 'fee_result').length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.measure === 'capital_change').length).toBeGreaterThan(0);
  });

  it('answers budget utilisation within 0–2 for every appropriation and year', async () => {
    const { body } = await fixture.server.graphql<{ metric: { rows: { year: number; appropriation: string; value: number | null }[] } }>(
      `{ metric(name: BUDGET_UTILISATION, by: [YEAR, APPROPRIATION], first: 1000) { rows { year appropriation value } } }`,
    );
    expect(body.errors).toBeUndefined();
    const rows = (body.data?.metric.rows ?? []).filter((r) => r.value !== null);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.value, `${r.appropriation} ${r.year}`).toBeGreaterThanOrEqual(0);
    for (const r of rows) expect(r.value, `${r.appropriation} ${r.year}`).toBeLessThanOrEqual(2);
    // UO8 1:7:1 in 2024: 34 170 of 63 202 tkr (the accounts print −34 170), published as 54 %.
    expect(rows.find((r) => r.appropriation === 'UO8 1:7:1' && r.year === 2024)?.value).toBeCloseTo(0.54, 2);
  });

  it('answers budgetLines outcomes and utilisation as positive amounts spent', async () => {
    const { body } = await fixture.server.graphql<{
      budgetLines: { appropriation: string; years: { year: number; outcome: number | null; utilisation: number | null }[] }[];
    }>('{ budgetLines(expenditureArea: 8) { appropriation years { year outcome utilisation } } }');
    expect(body.errors).toBeUndefined();
    const years = (body.data?.budgetLines ?? []).flatMap((l) => l.years.map((y) => ({ ...y, appropriation: l.appropriation })));
    expect(years.length).toBeGreaterThan(0);
    for (const y of years) {
      if (y.outcome !== null) expect(y.outcome, `${y.appropriation} ${y.year}`).toBeGreaterThanOrEqual(0);
      if (y.utilisation !== null) expect(y.utilisation, `${y.appropriation} ${y.year}`).toBeGreaterThanOrEqual(0);
      if (y.utilisation !== null) expect(y.utilisation, `${y.appropriation} ${y.year}`).toBeLessThanOrEqual(2);
    }
  });
});
