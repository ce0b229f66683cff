import JSONstat from 'jsonstat-toolkit';
import { describe, expect, test } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { PX_TABLES } from '../server/pxweb/table-catalog.js';
import { timeCodelists } from '../server/pxweb/time-codelists.js';
import { ATTRIBUTES, type AttributeDimension } from '../warehouse/dimensions/dimension-registry.js';
import { graphqlCells } from './pxweb/graphql-cells.js';
import { jsonStatErrors } from './pxweb/json-stat-validator.js';
import { pxGet, pxPost } from './pxweb/pxweb-client.js';
import { useServerFixture } from './support/server-fixture.js';

const ANALYST_KEY = 'pxweb-analyst-key-0123456789';
const ANALYST = { 'x-api-key': ANALYST_KEY };
const fixture = useServerFixture({ access: readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst` }) });
const url = () => fixture.server.url;

type Dataset = {
  id: string[];
  size: number[];
  value: (number | null)[];
  dimension: Record<string, { label: string; extension: Record<string, unknown> }>;
};

describe('the PxWeb API v2 face', () => {
  test('GET /config names the limits, languages and formats pxwebpy requires', async () => {
    const { status, body } = await pxGet(url(), '/config');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      apiVersion: '2.0.0',
      defaultLanguage: 'sv',
      maxDataCells: 150_000,
      timeWindow: 60,
      defaultDataFormat: 'json-stat2',
      dataFormats: ['json-stat2', 'csv', 'xlsx'],
      languages: [{ id: 'sv' }, { id: 'en' }],
    });
    expect(body.features).toEqual([expect.objectContaining({ id: 'CORS' })]);
  });

  test('GET /tables lists every catalogue family, pages honestly and searches', async () => {
    const all = await pxGet<{ tables: { id: string }[]; page: Record<string, unknown> }>(url(), '/tables?lang=en');
    // The catalogue's families first, then the curated source tables (T000_TABELL_3_8, …).
    expect(all.body.tables.slice(0, PX_TABLES.length).map((t) => t.id)).toEqual(PX_TABLES.map((t) => t.id));
    expect(all.body.tables.map((t) => t.id)).toContain('T000_TABELL_3_8');
    const total = all.body.page.totalElements as number;
    // Clients ask for pageSize=totalElements: never capped.
    const wide = await pxGet<{ tables: unknown[]; page: Record<string, unknown> }>(url(), `/tables?pageSize=${total}&PAGENUMBER=1`);
    expect(wide.body.tables).toHaveLength(total);
    expect(wide.body.page).toMatchObject({ pageNumber: 1, pageSize: total, totalElements: total, totalPages: 1 });
    const paged = await pxGet<{ tables: unknown[]; page: { totalPages: number; links: { rel: string }[] } }>(
      url(),
      '/tables?pageSize=2&pageNumber=2',
    );
    expect(paged.body.tables).toHaveLength(2);
    expect(paged.body.page.totalPages).toBe(Math.ceil(total / 2));
    expect(paged.body.page.links.map((l) => l.rel)).toEqual(['self', 'previous', 'next']);
    const search = await pxGet<{ tables: { id: string }[] }>(url(), '/tables?query=fee%20coverage&lang=en');
    expect(search.body.tables.map((t) => t.id)).toEqual(['FEE_REVENUE']);
    const past = await pxGet<{ tables: unknown[] }>(url(), '/tables?pastDays=3650&includeDiscontinued=true');
    expect(past.body.tables).toHaveLength(total);
  });

  test('GET /tables/{id} gives periods, variable names and the warehouse generation time', async () => {
    const { status, body } = await pxGet(url(), '/tables/received?lang=en');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'RECEIVED', language: 'en', firstPeriod: '2022', lastPeriod: '2024', timeUnit: 'Other' });
    expect(body.variableNames).toContain('Case type');
    expect(Date.parse(String(body.updated))).not.toBeNaN();
    expect(body.paths).toHaveLength(1);
  });

  test('metadata of every table is valid JSON-stat 2.0 with elimination, codelists and unique labels, in both languages', async () => {
    for (const table of PX_TABLES) {
      for (const lang of ['sv', 'en']) {
        const { status, body } = await pxGet<Dataset & { role: unknown }>(url(), `/tables/${table.id}/metadata?lang=${lang}&outputFormat=json-stat2`);
        expect(status).toBe(200);
        expect(jsonStatErrors(body)).toEqual([]);
        expect(body.value).toEqual([]);
        expect(body.id.slice(-2)).toEqual(['ContentsCode', 'Tid']);
        const labels = Object.values(body.dimension).map((d) => d.label);
        expect(new Set(labels).size).toBe(labels.length);
        for (const d of table.variables) expect(body.dimension[ATTRIBUTES[d].key]?.extension.elimination).toBe(!table.mandatory.includes(d));
        expect(body.dimension.ContentsCode?.extension.elimination).toBe(false);
        expect(body.dimension.Tid?.extension.codelists).toEqual(timeCodelists(table).map((c) => expect.objectContaining({ id: c.id, type: c.type })));
      }
    }
    const sv = await pxGet<Dataset>(url(), '/tables/RECEIVED/metadata?lang=sv');
    const en = await pxGet<Dataset>(url(), '/tables/RECEIVED/metadata?lang=en');
    expect(sv.body.dimension.caseType?.label).toBe('Ärendeslag');
    expect(en.body.dimension.caseType?.label).toBe('Case type');
  });

  test('the time variable codes years, quarters, months and weeks as Statistics Sweden does', async () => {
    const { body } = await pxGet<{ dimension: { Tid: { category: { index: Record<string, number> } } } }>(url(), '/tables/RECEIVED/metadata');
    const codes = Object.keys(body.dimension.Tid.category.index);
    expect(codes).toEqual(expect.arrayContaining(['2024', '2024K1', '2024M01', '2024W01', '2022W01', '2024W52']));
    expect(codes).toHaveLength(3 + 12 + 36 + 156);
  });

  test('GET /tables/{id}/defaultselection and a data request without selection agree', async () => {
    const selection = await pxGet<{ selection: { variableCode: string; valueCodes: string[] }[] }>(url(), '/tables/RECEIVED/defaultselection');
    expect(selection.body.selection.find((s) => s.variableCode === 'Tid')?.valueCodes).toEqual(['2022', '2023', '2024']);
    const data = await pxGet<Dataset>(url(), '/tables/RECEIVED/data');
    expect(data.body.id).toEqual(['ContentsCode', 'Tid']);
    expect(data.body.size).toEqual([4, 3]);
  });

  test('data answers are valid JSON-stat, row-major with the last dimension fastest, with role, units and status', async () => {
    const { status, body } = await pxPost<Dataset & Record<string, unknown>>(url(), '/tables/DECIDED/data?lang=en', {
      selection: [
        { variableCode: 'ContentsCode', valueCodes: ['decided', 'mean_processing_days'] },
        { variableCode: 'Tid', valueCodes: ['2023', '2024'] },
        { variableCode: 'caseType', valueCodes: ['ASYLUM', 'CITIZENSHIP', 'VISA'] },
      ],
    });
    expect(status).toBe(200);
    expect(jsonStatErrors(body)).toEqual([]);
    expect(body.id).toEqual(['caseType', 'ContentsCode', 'Tid']);
    expect(body.value).toHaveLength(body.size.reduce((a, b) => a * b, 1));
    expect(body.role).toEqual({ time: ['Tid'], metric: ['ContentsCode'] });
    const ds = JSONstat(body);
    expect(ds.Dimension('ContentsCode')?.Category('mean_processing_days')?.unit).toMatchObject({ decimals: 1, label: 'days' });
    // Row-major, codes in metadata order (ASYLUM, VISA, CITIZENSHIP): index = ((caseType * 2) + content) * 2 + time.
    expect(ds.Data({ caseType: 'CITIZENSHIP', ContentsCode: 'mean_processing_days', Tid: '2024' })?.value).toBe(body.value[(2 * 2 + 1) * 2 + 1]);
    const nulls = body.value.flatMap((v, i) => (v === null ? [i] : []));
    const status_ = (body.status ?? {}) as Record<string, string>;
    for (const i of nulls) expect(status_[String(i)]).toBe('..');
    if (nulls.length > 0) expect(body.note).toEqual(expect.arrayContaining([expect.stringMatching(/^\.\. [A-Z_]+: /)]));
  });

  test('heading and stub place the variables (GET and POST)', async () => {
    const get = await pxGet<Dataset>(
      url(),
      '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=2024&valueCodes[sex]=*&heading=sex&stub=Tid,ContentsCode',
    );
    expect(get.status).toBe(200);
    expect(get.body.id).toEqual(['Tid', 'ContentsCode', 'sex']);
    const post = await pxPost<Dataset>(url(), '/tables/RECEIVED/data', {
      selection: [
        { variableCode: 'ContentsCode', valueCodes: ['received'] },
        { variableCode: 'Tid', valueCodes: ['2024'] },
        { variableCode: 'sex', valueCodes: ['*'] },
      ],
      placement: { heading: ['Tid'], stub: ['sex', 'ContentsCode'] },
    });
    expect(post.body.id).toEqual(['sex', 'ContentsCode', 'Tid']);
    const csv = await pxGet(
      url(),
      '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=2023,2024&valueCodes[sex]=*&outputFormat=csv&lang=en',
    );
    expect(csv.contentType).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('Sex,Received cases 2023,Received cases 2024');
    expect(lines).toHaveLength(3);
    const coded = await pxGet(
      url(),
      '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=2023,2024&valueCodes[sex]=*&outputFormat=csv&outputFormatParams=UseCodes,SeparatorSemicolon,IncludeTitle&lang=en',
    );
    const codedLines = coded.text.trim().split('\n');
    expect(codedLines[1]).toBe('sex;received 2023;received 2024');
    expect(codedLines[2]).toMatch(/^female;\d+;\d+$/);
    expect(codedLines).toHaveLength(4);
    const refused = await pxGet(
      url(),
      '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&outputFormat=csv&outputFormatParams=UseCodes,UseTexts',
    );
    expect(refused.body).toMatchObject({ status: 400, title: 'Unsupported output format' });
  });

  test('parameter names, variable codes and value codes are case-insensitive; unknown parameters are ignored', async () => {
    const a = await pxGet<Dataset>(
      url(),
      '/tables/received/data?VALUECODES[contentscode]=RECEIVED&valuecodes[TID]=2024k1&valueCodes[CASETYPE]=asylum&outputValues=code&LANG=EN',
    );
    expect(a.status).toBe(200);
    const b = await pxGet<Dataset>(
      url(),
      '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=2024K1&valueCodes[caseType]=ASYLUM&lang=en',
    );
    expect(a.body.value).toEqual(b.body.value);
  });

  test('every variable can be eliminated: the engine computes the total, rates included (analyst and public equal GraphQL)', async () => {
    for (const [role, headers] of [
      ['analyst', ANALYST],
      ['public', {}],
    ] as const) {
      for (const { table, metric } of [
        { table: 'RECEIVED', metric: 'received' },
        { table: 'RECEIVED', metric: 'approval_rate' },
        { table: 'DECIDED', metric: 'mean_processing_days' },
        { table: 'OPEN_AT_END', metric: 'open_at_end' },
        { table: 'FEE_REVENUE', metric: 'fee_coverage_ratio' },
        { table: 'BUDGET_ALLOCATED', metric: 'budget_utilisation' },
        { table: 'UNIT_COST', metric: 'unit_cost' },
        { table: 'RETURNS_DEPARTED', metric: 'returns_departed' },
      ]) {
        const variables = PX_TABLES.find((t) => t.id === table)?.variables ?? [];
        for (const kept of [null, ...variables] as (AttributeDimension | null)[]) {
          // Only `kept` is selected (all its values); every other attribute is left out.
          const selection = [
            { variableCode: 'ContentsCode', valueCodes: [metric] },
            { variableCode: 'Tid', valueCodes: ['2023', '2024'] },
            ...(kept ? [{ variableCode: ATTRIBUTES[kept].key, valueCodes: ['*'] }] : []),
          ];
          const { status, body } = await pxPost<Dataset>(url(), `/tables/${table}/data`, { selection }, headers);
          expect(status, `${role} ${table} ${metric} ${kept}`).toBe(200);
          const ds = JSONstat(body);
          const expected = await graphqlCells(url(), headers, metric, kept, [2023, 2024]);
          // No GraphQL row (a published metric without a printed total): PxWeb's cells are null, status `..`.
          if (expected.size === 0)
            expect(
              body.value.every((v) => v === null),
              `${metric} by ${kept}`,
            ).toBe(true);
          for (const [key, value] of expected) {
            const [year, code] = key.split('|') as [string, string];
            const cell = ds.Data({ ContentsCode: metric, Tid: year, ...(kept ? { [ATTRIBUTES[kept].key]: code } : {}) });
            expect(cell?.value ?? null, `${role} ${metric} ${key}`).toBe(value);
          }
        }
      }
    }
  }, 240_000);

  test('published figures are tables too, with their years; the time variable of a figure table cannot be eliminated', async () => {
    const { status, body } = await pxGet<Dataset>(
      url(),
      '/tables/FEE_REVENUE/data?valueCodes[ContentsCode]=fee_coverage_ratio&valueCodes[Tid]=2024&valueCodes[feeActivity]=citizenship',
    );
    expect(status).toBe(200);
    expect(body.value[0]).toBeCloseTo(0.301, 3);
    const missing = await pxGet(url(), '/tables/FEE_REVENUE/data?valueCodes[ContentsCode]=fee_revenue');
    expect(missing.status).toBe(400);
    expect(missing.body.title).toBe('Missing selection for mandantory variable');
  });

  test('the public role sees the perturbed values GraphQL shows it, the analyst the true ones', async () => {
    const ask = (headers: Record<string, string>) =>
      pxGet<Dataset>(
        url(),
        '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=2024M01,2024M02&valueCodes[nationality]=*',
        headers,
      );
    const [pub, analyst] = await Promise.all([ask({}), ask(ANALYST)]);
    expect(pub.status).toBe(200);
    expect(analyst.status).toBe(200);
    expect(pub.body.value).not.toEqual(analyst.body.value);
  });
});
