import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { parse, printType } from 'graphql';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../server/observability/logger.js';
import { buildApiSchema } from '../server/build-schema.js';
import { buildSubgraphApiSchema } from '../server/federation/subgraph-schema.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let server: TestServer;
const logLines: { msg?: string; operation?: string; sqlStatements?: number }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  server = await startTestServer(database.db, { subgraph: true, logger: createLogger('info', output) });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

/** A second, small subgraph, as a platform team's service would join this API: staffing per case type, reviews of figures. */
async function staffingSubgraph() {
  const caseTypeCode = printType((await buildApiSchema('public')).getType('CaseTypeCode') as Parameters<typeof printType>[0]);
  return parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { reviews: [Review!]! }
    type Review { reviewer: String! figure: PublishedFigure! metric: MetricDefinitionType! }
    type PublishedFigure @key(fields: "id", resolvable: false) { id: ID! }
    type MetricDefinitionType @key(fields: "name", resolvable: false) { name: String! }
    type CaseType @key(fields: "code") { code: CaseTypeCode! caseworkers: Int }
    ${caseTypeCode}
  `);
}

describe('the Federation 2 subgraph (SUBGRAPH=true)', () => {
  it('composes with a second subgraph into a supergraph, for either role', async () => {
    const staffing = await staffingSubgraph();
    // The second subgraph must itself be valid.
    buildSubgraphSchema({ typeDefs: staffing });
    for (const audience of ['full', 'public'] as const) {
      const warehouse = parse(printSubgraphSchema(await buildSubgraphApiSchema(audience)));
      const result = composeServices([
        { name: 'warehouse', typeDefs: warehouse, url: 'http://warehouse/graphql' },
        { name: 'staffing', typeDefs: staffing, url: 'http://staffing/graphql' },
      ]);
      expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
      expect(result.supergraphSdl).toMatch(/caseworkers: Int/);
      expect(result.supergraphSdl).toMatch(/@join__type\(graph: WAREHOUSE, key: "code"\)/);
      expect(result.supergraphSdl?.includes('cases(')).toBe(audience === 'full');
    }
  });

  it('serves _service { sdl } with a key on each entity', async () => {
    const { body } = await server.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const sdl = body.data?._service.sdl ?? '';
    expect(sdl).toMatch(/type CaseType\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type MetricDefinitionType\s+@key\(fields: "name"\)/);
    expect(sdl).toMatch(/type PublishedFigure\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type SourceDocument\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type SourceTable\s+@key\(fields: "id"\)\s+@key\(fields: "document table"\)/);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
  });

  it('resolves each key through _entities, and an unknown one to null', async () => {
    const first = await server.graphql<{
      publishedFigures: { nodes: { id: string; value: number; sourceTable: { id: number; document: string; table: string } }[] };
    }>('{ publishedFigures(first: 1, where: { table: "Tabell 3.8" }) { nodes { id value sourceTable { id document table } } } }');
    const figure = first.body.data?.publishedFigures.nodes[0];
    expect(figure).toBeDefined();
    if (!figure) return;
    const representations = [
      { __typename: 'CaseType', code: 'ASYLUM' },
      { __typename: 'MetricDefinitionType', name: 'approval_rate' },
      { __typename: 'PublishedFigure', id: figure.id },
      { __typename: 'SourceTable', id: figure.sourceTable.id },
      { __typename: 'SourceTable', document: figure.sourceTable.document, table: figure.sourceTable.table },
      { __typename: 'PublishedFigure', id: '999999999' },
      { __typename: 'SourceDocument', code: figure.sourceTable.document },
      { __typename: 'SourceDocument', code: 'no-such-document.txt' },
    ];
    const { body } = await server.graphql<{ _entities: (Record<string, unknown> | null)[] }>(
      `query Entities($representations: [_Any!]!) {
        _entities(representations: $representations) {
          __typename
          ... on CaseType { code name }
          ... on MetricDefinitionType { name unit }
          ... on PublishedFigure { id value }
          ... on SourceTable { tableId: id table }
          ... on SourceDocument { documentCode: code publisher tables { table } }
        }
      }`,
      { representations },
    );
    expect(body.errors).toBeUndefined();
    const entities = body.data?._entities ?? [];
    expect(entities[0]).toMatchObject({ __typename: 'CaseType', code: 'ASYLUM' });
    expect(String(entities[0]?.name)).toMatch(/asylum/i);
    expect(entities[1]).toMatchObject({ __typename: 'MetricDefinitionType', name: 'approval_rate' });
    expect(entities[2]).toEqual({ __typename: 'PublishedFigure', id: figure.id, value: figure.value });
    expect(entities[3]).toEqual({ __typename: 'SourceTable', tableId: figure.sourceTable.id, table: figure.sourceTable.table });
    expect(entities[4]).toEqual(entities[3]);
    expect(entities[5]).toBeNull();
    expect(entities[6]).toMatchObject({ __typename: 'SourceDocument', documentCode: figure.sourceTable.document, publisher: 'Migrationsverket' });
    expect((entities[6]?.tables as { table: string }[]).map((t) => t.table)).toContain(figure.sourceTable.table);
    expect(entities[7]).toBeNull();
  });

  it('batches the references of one request: one statement per entity, not one per reference', async () => {
    const page = await server.graphql<{ publishedFigures: { nodes: { id: string }[] } }>('{ publishedFigures(first: 20) { nodes { id } } }');
    const ids = page.body.data?.publishedFigures.nodes.map((n) => n.id) ?? [];
    expect(ids).toHaveLength(20);
    const representations = ids.map((id) => ({ __typename: 'PublishedFigure', id }));
    const { body } = await server.graphql<{ _entities: { id: string }[] }>(
      'query ManyFigures($representations: [_Any!]!) { _entities(representations: $representations) { ... on PublishedFigure { id } } }',
      { representations },
    );
    expect(body.data?._entities.map((e) => e.id)).toEqual(ids);
    const deadline = Date.now() + 10_000;
    while (!logLines.some((l) => l.operation === 'ManyFigures') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(logLines.find((l) => l.operation === 'ManyFigures')?.sqlStatements).toBe(1);
  });

  it('leaves the per-role schemas per role: the public subgraph has no case-level field', async () => {
    const publicSdl = printSubgraphSchema(await buildSubgraphApiSchema('public'));
    expect(publicSdl).not.toMatch(/\bcases\(/);
    expect(printSubgraphSchema(await buildSubgraphApiSchema('full'))).toMatch(/\bcases\(/);
  });
});
