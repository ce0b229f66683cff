import { describe, expect, it } from 'vitest';
import { useServerFixture } from './support/server-fixture.js';

const fixture = useServerFixture();

interface Node {
  id: string;
  value: number;
  unit: string;
  measure: string;
  year: number | null;
  feeActivity: string | null;
  line: number;
  quote: string;
  table: string;
}
interface Page {
  totalCount: number;
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const PAGE = `query Page($where: PublishedFigureWhere, $first: Int, $after: String) {
  publishedFigures(where: $where, first: $first, after: $after) {
    totalCount nodes { id value unit measure year feeActivity line quote table } pageInfo { hasNextPage endCursor }
  }
}`;

describe('publishedFigures', () => {
  it('returns the fee table (Tabell 3.8) with revenue, cost and deficit per activity for 2024, with their lines', async () => {
    const { body } = await fixture.server.graphql<{ publishedFigures: Page }>(PAGE, { where: { table: 'Tabell 3.8', year: [2024] }, first: 1000 });
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.publishedFigures.nodes ?? [];
    const cell = (activity: string, measure: string) => nodes.find((n) => n.feeActivity === activity && n.measure === measure);
    expect(cell('citizenship', 'fee_revenue')).toMatchObject({ value: 82_636, unit: 'tkr', line: 1115 });
    expect(cell('citizenship', 'fee_cost')).toMatchObject({ value: 274_463, unit: 'tkr' });
    expect(cell('citizenship', 'fee_result')).toMatchObject({ value: -191_827 });
    expect(cell('total', 'fee_result')?.value).toBe(-1_265_996);
    for (const node of nodes) expect(node.table).toBe('Tabell 3.8');
  });

  it('names the measure of a running-text figure from the catalogue, in English and Swedish; no coarse text_* measure is served', async () => {
    const query = `query RunningText($where: PublishedFigureWhere) {
      publishedFigures(where: $where, first: 1000) { totalCount nodes { measure measureName measureNameSv unit quote } }
    }`;
    const { body } = await fixture.server.graphql<{
      publishedFigures: { totalCount: number; nodes: { measure: string; measureName: string | null; measureNameSv: string | null; unit: string }[] };
    }>(query, { where: { measure: ['quota_refugees_transferred', 'eu_fund_amount_eur'] } });
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.publishedFigures.nodes ?? [];
    // The filter knows the measures the warehouse holds: a coarse one is no longer among them.
    const coarse = await fixture.server.graphql(query, { where: { measure: ['text_count'] } });
    expect(JSON.stringify(coarse.body.errors)).toContain('unknown value');
    expect(nodes.find((n) => n.measure === 'quota_refugees_transferred')).toMatchObject({
      measureName: 'Quota refugees transferred',
      measureNameSv: 'Överförda kvotflyktingar',
      unit: 'persons',
    });
    expect(
      nodes
        .filter((n) => n.measure === 'eu_fund_amount_eur')
        .map((n) => n.unit)
        .sort(),
    ).toEqual(expect.arrayContaining(['eur', 'meur']));
  });

  it('pages through a filter in a stable order without repeats or gaps', async () => {
    const where = { caseType: ['ASYLUM'] };
    const all = await fixture.server.graphql<{ publishedFigures: Page }>(PAGE, { where, first: 1000 });
    const total = all.body.data?.publishedFigures.totalCount ?? 0;
    expect(total).toBeGreaterThan(300);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i += 1) {
      const { body } = await fixture.server.graphql<{ publishedFigures: Page }>(PAGE, { where, first: 97, after });
      expect(body.errors).toBeUndefined();
      const page = body.data?.publishedFigures as Page;
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.slice(0, 1000)).toEqual(all.body.data?.publishedFigures.nodes.map((n) => n.id).slice(0, 1000));
  });

  it('refuses a page larger than 1 000 (BAD_USER_INPUT), a huge one by its cost (QUERY_TOO_COMPLEX), and a forged cursor', async () => {
    const large = await fixture.server.graphql(PAGE, { first: 1001 });
    expect(large.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(large.body.errors?.[0]?.message).toMatch(/1000/);
    const huge = await fixture.server.graphql(PAGE, { first: 1_000_000 });
    expect(huge.status).toBe(200); // application/json: the refusal is in the body, as the GraphQL-over-HTTP spec asks
    expect(huge.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(huge.body.errors?.[0]?.message).toMatch(/exceeds the limit of (20000|150000)/);
    const forged = await fixture.server.graphql(PAGE, { after: 'bm90LWEtY3Vyc29y' });
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('admits the documented maximum page (1 000 rows, every field) under the query limits', async () => {
    const fields =
      'id value unit printed baseValue baseUnit measure area year period approximate document editionYear table caption kind line quote note caseType segment sex ageGroup region nationality agency appropriation feeActivity outcome subgroup sourceTable { id caption firstLine lastLine figureCount }';
    const { status, body } = await fixture.server.graphql<{ publishedFigures: { nodes: unknown[] } }>(
      `{ publishedFigures(first: 1000) { totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data?.publishedFigures.nodes).toHaveLength(1000);
  });

  it('reads only the columns a page asks for, through fragments and aliases, and answers as the whole row does', async () => {
    const all =
      'id value unit printed baseValue baseUnit measure measureName measureNameSv area year period approximate document editionYear table caption kind line quote note caseType segment sex ageGroup region nationality agency appropriation feeActivity outcome subgroup sourceTable { id }';
    const where = { table: 'Tabell 6.2' };
    const whole = await fixture.server.graphql<{ publishedFigures: { nodes: Record<string, unknown>[] } }>(
      `query Whole($where: PublishedFigureWhere) { publishedFigures(where: $where, first: 50) { nodes { ${all} } } }`,
      { where },
    );
    expect(whole.body.errors).toBeUndefined();
    const partial = `query Partial($where: PublishedFigureWhere) {
      publishedFigures(where: $where, first: 50) { nodes { figureId: id ...Said ... on PublishedFigure { sourceTable { caption } } } pageInfo { endCursor } }
      again: publishedFigures(where: $where, first: 50) { nodes { __typename } }
    }
    fragment Said on PublishedFigure { quote printed measureNameSv }`;
    // Twice: the second run of a document goes through graphql-jit.
    for (let run = 0; run < 2; run++) {
      const { body } = await fixture.server.graphql<{
        publishedFigures: { nodes: Record<string, unknown>[]; pageInfo: { endCursor: string } };
        again: { nodes: unknown[] };
      }>(partial, { where });
      expect(body.errors).toBeUndefined();
      const nodes = body.data?.publishedFigures.nodes ?? [];
      expect(nodes).toHaveLength(50);
      expect(body.data?.again.nodes).toEqual(nodes.map(() => ({ __typename: 'PublishedFigure' })));
      nodes.forEach((node, i) => {
        const full = whole.body.data?.publishedFigures.nodes[i] ?? {};
        expect(node).toEqual({
          figureId: full.id,
          quote: full.quote,
          printed: full.printed,
          measureNameSv: full.measureNameSv,
          sourceTable: { caption: full.caption },
        });
      });
      expect(body.data?.publishedFigures.pageInfo.endCursor).toBeTruthy();
    }
  });

  it('lists source tables with their line ranges and figure counts, and their figures in one batch', async () => {
    const { body } = await fixture.server.graphql<{
      sourceTables: { table: string; caption: string; firstLine: number; lastLine: number; figureCount: number; figures: Page }[];
    }>(`{
      sourceTables(document: "000_c6bd8d7f0150f31e.txt") { table caption firstLine lastLine figureCount figures(first: 2) { totalCount nodes { line } } }
    }`);
    expect(body.errors).toBeUndefined();
    const tables = body.data?.sourceTables ?? [];
    const fee = tables.find((t) => t.table === 'Tabell 3.8');
    expect(fee).toMatchObject({ caption: expect.stringContaining('Avgiftsbelagd verksamhet') });
    expect(fee?.firstLine).toBeGreaterThanOrEqual(1081);
    for (const t of tables) {
      expect(t.figures.totalCount).toBe(t.figureCount);
      expect(t.figures.nodes.length).toBe(Math.min(2, t.figureCount));
    }
  });

  it('lists the source documents with their tables, and refuses an unknown code naming the valid ones', async () => {
    const { body } = await fixture.server.graphql<{
      sourceDocuments: { code: string; publisher: string; editionYear: number; tables: { table: string }[] }[];
    }>('{ sourceDocuments { code publisher editionYear tables { table } } }');
    expect(body.errors).toBeUndefined();
    const documents = body.data?.sourceDocuments ?? [];
    expect(documents).toHaveLength(5);
    const annual = documents.find((d) => d.code === '000_c6bd8d7f0150f31e.txt');
    expect(annual).toMatchObject({ publisher: 'Migrationsverket', editionYear: 2025 });
    expect(annual?.tables.map((t) => t.table)).toContain('Tabell 3.8');
    const bad = await fixture.server.graphql('{ sourceDocuments(codes: ["annual.txt"]) { code } }');
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.message).toContain('000_c6bd8d7f0150f31e.txt');
  });
});
