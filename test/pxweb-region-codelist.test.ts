import JSONstat from 'jsonstat-toolkit';
import { describe, expect, test } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { ATTRIBUTE_CODELISTS, PLACED_NATIONALITIES } from '../server/pxweb/attribute-codelists.js';
import { NATIONALITY_REGION, regionMembers, WORLD_REGIONS } from '../warehouse/dimensions/nationality-regions.js';
import { jsonStatErrors } from './pxweb/json-stat-validator.js';
import { pxGet, pxPost } from './pxweb/pxweb-client.js';
import { useServerFixture } from './support/server-fixture.js';

const ANALYST_KEY = 'pxweb-region-analyst-key-0123456789';
const ANALYST = { 'x-api-key': ANALYST_KEY };
const fixture = useServerFixture({ access: readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst` }) });
const url = () => fixture.server.url;

type Dataset = { id: string[]; size: number[]; value: (number | null)[]; dimension: Record<string, { category: { label: Record<string, string> } }> };

/** GraphQL's `metric` total for one year over a set of nationalities (not grouped by them). */
async function graphqlTotal(name: string, nationalities: readonly string[], headers: Record<string, string>): Promise<number | null> {
  const response = await fetch(`${url()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      query: 'query T($name: MetricName!, $where: MetricWhere) { metric(name: $name, by: [YEAR], where: $where) { rows { year value } } }',
      variables: { name, where: { year: [2024], nationality: nationalities } },
    }),
  });
  const body = (await response.json()) as { data: { metric: { rows: { value: number | null }[] } } };
  return body.data.metric.rows[0]?.value ?? null;
}

describe('nationality grouped into world regions (codelist agg_region)', () => {
  test('every nationality of the warehouse is placed in exactly one region, and the table places no other', async () => {
    const members = await fixture.database.db.selectFrom('dim_nationality').select('code').orderBy('code').execute();
    const codes = members.map((m) => m.code);
    expect(codes.filter((c) => NATIONALITY_REGION[c] === undefined)).toEqual([]);
    expect(PLACED_NATIONALITIES.filter((c) => !codes.includes(c))).toEqual([]);
    for (const region of Object.keys(WORLD_REGIONS) as (keyof typeof WORLD_REGIONS)[]) expect(regionMembers(region).length).toBeGreaterThan(0);
  });

  test('GET /codelists/agg_region maps each region to its nationalities, in both languages', async () => {
    const sv = await pxGet<{ id: string; type: string; values: { code: string; label: string; valueMap: string[] }[] }>(
      url(),
      '/codelists/agg_region',
    );
    expect(sv.status).toBe(200);
    expect(sv.body).toMatchObject({ id: 'agg_region', type: 'Aggregation', language: 'sv', elimination: true });
    expect(sv.body.values.find((v) => v.code === 'asia')).toMatchObject({ label: 'Asien', valueMap: expect.arrayContaining(['AF', 'SY', 'IQ']) });
    const en = await pxGet<{ values: { code: string; label: string }[] }>(url(), '/codelists/AGG_REGION?lang=en');
    expect(en.body.values.find((v) => v.code === 'africa')?.label).toBe('Africa');
    expect(sv.body.values.flatMap((v) => v.valueMap).sort()).toEqual([...PLACED_NATIONALITIES].sort());
  });

  test('the metadata of a table with nationality lists the codelist', async () => {
    const meta = await pxGet<{ dimension: Record<string, { extension: { codelists: { id: string; type: string }[] } }> }>(
      url(),
      '/tables/RECEIVED/metadata?lang=en',
    );
    expect(meta.body.dimension.nationality?.extension.codelists).toEqual([expect.objectContaining({ id: 'agg_region', type: 'Aggregation' })]);
    expect(ATTRIBUTE_CODELISTS.map((c) => c.id)).toEqual(['agg_region']);
  });

  test('data under agg_region: each region is one cell of the engine, counts add up and rates are recomputed', async () => {
    const path =
      '/tables/RECEIVED/data?lang=en&valueCodes[ContentsCode]=received,approval_rate&valueCodes[Tid]=2024&codelist[Nationality]=agg_region&valueCodes[Nationality]=asia,africa';
    const answer = await pxGet<Dataset>(url(), path, ANALYST);
    expect(answer.status).toBe(200);
    expect(jsonStatErrors(answer.body)).toEqual([]);
    expect(answer.body.dimension.nationality?.category.label).toEqual({ asia: 'Asia', africa: 'Africa' });
    const ds = JSONstat(answer.body);
    for (const region of ['asia', 'africa'] as const) {
      const members = regionMembers(region);
      const received = ds.Data({ nationality: region, ContentsCode: 'received', Tid: '2024' })?.value;
      const rate = ds.Data({ nationality: region, ContentsCode: 'approval_rate', Tid: '2024' })?.value;
      expect(received).toBe(await graphqlTotal('RECEIVED', members, ANALYST));
      expect(rate).toBe(await graphqlTotal('APPROVAL_RATE', members, ANALYST));
      // The members' own cells: the counts sum to the region's, the region's rate is not a sum of their rates.
      const byMember = await pxGet<Dataset>(
        url(),
        `/tables/RECEIVED/data?valueCodes[ContentsCode]=received,approval_rate&valueCodes[Tid]=2024&valueCodes[Nationality]=${members.join(',')}`,
        ANALYST,
      );
      const memberDs = JSONstat(byMember.body);
      const sum = (content: string) =>
        members.reduce((n, m) => n + Number(memberDs.Data({ nationality: m, ContentsCode: content, Tid: '2024' })?.value ?? 0), 0);
      expect(received).toBe(sum('received'));
      expect(rate).toBeGreaterThan(0);
      expect(rate).toBeLessThan(1);
      expect(rate).not.toBeCloseTo(sum('approval_rate'), 6);
    }
  });

  test('the same request by POST, eliminated elsewhere, and a refused codelist', async () => {
    const posted = await pxPost<Dataset>(
      url(),
      '/tables/DECIDED/data?outputFormat=json-stat2',
      {
        selection: [
          { variableCode: 'nationality', codelist: 'agg_region', valueCodes: ['*'] },
          { variableCode: 'ContentsCode', valueCodes: ['decided'] },
          { variableCode: 'Tid', valueCodes: ['2024'] },
        ],
      },
      ANALYST,
    );
    expect(posted.status).toBe(200);
    expect(posted.body.id).toEqual(['nationality', 'ContentsCode', 'Tid']);
    const total = await pxGet<Dataset>(url(), '/tables/DECIDED/data?valueCodes[ContentsCode]=decided&valueCodes[Tid]=2024', ANALYST);
    expect(posted.body.value.reduce<number>((n, v) => n + (v ?? 0), 0)).toBe(total.body.value[0]);
    const refused = await pxGet(
      url(),
      '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&codelist[caseType]=agg_region&valueCodes[caseType]=*',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.title).toBe('Non-existent codelist');
  });
});
