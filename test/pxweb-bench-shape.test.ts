import JSONstat from 'jsonstat-toolkit';
import { expect, test } from 'vitest';
import { GRAPHQL_SAME_CELLS, GRAPHQL_VARIABLES, PXWEB_BODY, PXWEB_CELLS, PXWEB_PATH, sampleHttp } from '../bench/pxweb-comparison.js';
import { readAccessConfig } from '../server/api-keys.js';
import { ATTRIBUTES, enumValueName, type AttributeDimension } from '../warehouse/dimensions/dimension-registry.js';
import { jsonStatErrors } from './pxweb/json-stat-validator.js';
import { useServerFixture } from './support/server-fixture.js';

const KEY = 'pxweb-bench-analyst-key-012345';
const fixture = useServerFixture({ access: readAccessConfig({ API_KEYS: `${KEY}:analyst` }) });
const headers = { 'content-type': 'application/json', 'x-api-key': KEY };

/** The stored code of a closed set's enum name, as PxWeb codes it. */
function code(d: AttributeDimension, shown: string): string {
  const members = ATTRIBUTES[d].members;
  return members.kind === 'closed' ? (members.list.find((m) => enumValueName(members, m.code) === shown)?.code ?? shown) : shown;
}

test("the bench's 10 000-cell PxWeb request and its GraphQL twin answer the same cells", async () => {
  const px = await fetch(`${fixture.server.url}${PXWEB_PATH}`, { method: 'POST', headers, body: PXWEB_BODY });
  expect(px.status).toBe(200);
  const dataset = (await px.json()) as { value: unknown[]; size: number[] };
  expect(jsonStatErrors(dataset)).toEqual([]);
  expect(dataset.value).toHaveLength(PXWEB_CELLS);
  const rows: Record<string, string | number | null>[] = [];
  for (const query of GRAPHQL_SAME_CELLS) {
    const gql = await fetch(`${fixture.server.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: GRAPHQL_VARIABLES }),
    });
    const body = (await gql.json()) as { data?: Record<string, { rows: Record<string, string | number | null>[] }>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    rows.push(...Object.values(body.data ?? {}).flatMap((page) => page.rows));
  }
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThanOrEqual(PXWEB_CELLS);
  const ds = JSONstat(dataset);
  for (const row of rows) {
    const cell = ds.Data({
      ContentsCode: 'received',
      Tid: `${row.year}M${String(row.month).padStart(2, '0')}`,
      caseType: String(row.caseType),
      sex: code('SEX', String(row.sex)),
      ageGroup: code('AGE_GROUP', String(row.ageGroup)),
      channel: code('CHANNEL', String(row.channel)),
    });
    expect(cell?.value).toBe(row.value);
  }
  // Cells without a GraphQL row hold no case: 0.
  const total = (dataset.value as (number | null)[]).reduce<number>((sum, v) => sum + (v ?? 0), 0);
  expect(total).toBe(rows.reduce((sum, r) => sum + Number(r.value ?? 0), 0));
}, 120_000);

test('timing of the bench shapes at test scale (logged, not asserted: the machine is shared)', async () => {
  const px = [{ url: `${fixture.server.url}${PXWEB_PATH}`, query: '', headers, body: PXWEB_BODY }];
  const gql = GRAPHQL_SAME_CELLS.map((query) => ({
    url: `${fixture.server.url}/graphql`,
    query,
    headers,
    body: JSON.stringify({ query, variables: GRAPHQL_VARIABLES }),
  }));
  const pxweb = await sampleHttp(px, 1, 3);
  const graphql = await sampleHttp(gql, 1, 3);
  expect(pxweb.errors + graphql.errors).toBe(0);
  console.log(
    `${PXWEB_CELLS} cells, no result cache, analyst: PxWeb p50 ${pxweb.p50.toFixed(0)} ms; GraphQL (2 requests) p50 ${graphql.p50.toFixed(0)} ms`,
  );
}, 120_000);
