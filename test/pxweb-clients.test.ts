import JSONstat from 'jsonstat-toolkit';
import { describe, expect, test } from 'vitest';
import { jsonStatErrors } from './pxweb/json-stat-validator.js';
import { pxGet, pxPost } from './pxweb/pxweb-client.js';
import { useServerFixture } from './support/server-fixture.js';

/**
 * The exact request sequences the statisticians' clients send, replayed against the real server. Each is taken from
 * the client's own source (mirrored from GitHub, read at HEAD; their code is not copied here):
 * - pxwebpy (github:stefur/pxwebpy): src/pxweb/_internal/client.py (Client.__init__ reads /config and refuses
 *   without maxDataCells, maxCallsPerTimeWindow, timeWindow; `call` adds lang to every request and
 *   outputFormat=json-stat2 to /data, POSTs when there is a query), src/pxweb/api.py (PxApi.__init__ reads
 *   /tables["page"]["totalElements"]; get_table_metadata → /tables/{id}/metadata; get_table_data → POST /data with
 *   build_query's {"selection": [{variableCode, valueCodes[, codelist]}]}), src/pxweb/_internal/functions.py
 *   (count_data_cells: the product of the selection sizes; unpack_table_data walks `id`, `dimension`, `value`).
 * - R pxweb (github:rOpenGov/pxweb): the mirrored HEAD is 0.17.1 (R/pxweb_query.R: json-stat2 "hack"), which predates
 *   v2; the 0.19 v2 sequence is as the issue states it: /config, /tables/{id}/metadata?lang=, then POST /data with
 *   {"selection":[{variableCode, valueCodes}]} and query parameters codelist[...] and outputValues[...].
 * - SSB PxWebApiData (github:statisticsnorway/ssb-pxwebapidata): R/PxWebApi2.R (meta_data reads the metadata URL made
 *   by metadata_url from a data URL, through ensure_json_stat2 which appends outputFormat=json-stat2; code_list_frames
 *   reads extension codeLists or codelists), R/query_url.R (q1: `valueCodes[VAR]=a,b` per variable, codes URL-encoded
 *   except expressions with * ? or top(n); default_query c(1,-2,-1) selects first and last two codes by index).
 * - Titles and paths: github:PxTools/PxApiSpecs PxAPI-2.yml; github:PxTools/PxWebApi PxWeb/Helper/Api2/ProblemUtility.cs.
 */
const fixture = useServerFixture();
const base = () => fixture.server.url;

type Dataset = {
  id: string[];
  size: number[];
  value: (number | null)[];
  dimension: Record<string, { category: { index: Record<string, number> }; extension?: Record<string, unknown> }>;
};

const cells = (sizes: number[]) => sizes.reduce((a, b) => a * b, 1);

describe('client request sequences', () => {
  test('pxwebpy: /config → /tables → /tables?pageSize=N → /metadata → POST /data?outputFormat=json-stat2', async () => {
    const config = await pxGet(base(), '/config?lang=sv');
    for (const key of ['maxDataCells', 'maxCallsPerTimeWindow', 'timeWindow']) expect(config.body[key]).toEqual(expect.any(Number));
    const lang = config.body.defaultLanguage as string;
    const count = await pxGet<{ page: { totalElements: number } }>(base(), `/tables?lang=${lang}`);
    const total = count.body.page.totalElements;
    const search = await pxGet<{ tables: { id: string }[] }>(base(), `/tables?lang=${lang}&pageSize=${total}`);
    expect(search.body.tables).toHaveLength(total);
    const meta = await pxGet<Dataset>(base(), `/tables/DECIDED/metadata?lang=${lang}`);
    expect(jsonStatErrors(meta.body)).toEqual([]);
    // pxwebpy expands "*" itself from category.label, then counts cells against maxDataCells.
    const outcomes = Object.keys(meta.body.dimension.outcome?.category.index ?? {});
    const valueCodes = { ContentsCode: ['decided', 'approved'], Tid: ['2023', '2024'], outcome: outcomes };
    expect(cells(Object.values(valueCodes).map((v) => v.length))).toBeLessThan(config.body.maxDataCells as number);
    const data = await pxPost<Dataset>(base(), `/tables/DECIDED/data?lang=${lang}&outputFormat=json-stat2`, {
      selection: Object.entries(valueCodes).map(([variableCode, codes]) => ({ variableCode, valueCodes: codes })),
    });
    expect(data.status).toBe(200);
    // unpack_table_data raises when the value length is not the product of size.
    expect(data.body.value).toHaveLength(cells(data.body.size));
    expect(jsonStatErrors(data.body)).toEqual([]);
    // The default selection, as get_table_data without value_codes asks it.
    const defaults = await pxGet<Dataset>(base(), `/tables/DECIDED/data?lang=${lang}&outputFormat=json-stat2`);
    expect(defaults.body.value).toHaveLength(cells(defaults.body.size));
  });

  test('R pxweb: /config, /metadata?lang=, POST /data with codelist and outputValues parameters', async () => {
    expect((await pxGet(base(), '/config')).status).toBe(200);
    const meta = await pxGet<Dataset>(base(), '/tables/RECEIVED/metadata?lang=en');
    expect(meta.status).toBe(200);
    const data = await pxPost<Dataset>(
      base(),
      '/tables/RECEIVED/data?lang=en&outputFormat=json-stat2&codelist[Tid]=vs_Tid_year&outputValues[caseType]=aggregated',
      {
        selection: [
          { variableCode: 'ContentsCode', valueCodes: ['received', 'approval_rate'] },
          { variableCode: 'Tid', valueCodes: ['*'] },
          { variableCode: 'caseType', valueCodes: ['ASYLUM', 'FAMILY'] },
        ],
      },
    );
    expect(data.status).toBe(200);
    expect(data.body.size).toEqual([2, 2, 3]);
    expect(Object.keys(data.body.dimension.Tid?.category.index ?? {})).toEqual(['2022', '2023', '2024']);
    const ds = JSONstat(data.body);
    expect(ds.Data({ caseType: 'ASYLUM', ContentsCode: 'received', Tid: '2024' })?.value).toEqual(expect.any(Number));
  });

  test('SSB PxWebApiData: metadata with outputFormat=json-stat2, then GET valueCodes[VAR]=a,b with expressions', async () => {
    const meta = await pxGet<Dataset>(base(), '/tables/RECEIVED/metadata?lang=en&outputFormat=json-stat2');
    expect(meta.status).toBe(200);
    expect(meta.body.dimension.Tid?.extension?.codelists).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'vs_Tid_year' })]));
    // query_url(…, sex = TRUE, Tid = 3i, caseType = c("ASYLUM", "FAMILY")): "*", top(3) and a plain code list.
    const data = await pxGet<Dataset>(
      base(),
      '/tables/RECEIVED/data?lang=en&outputFormat=json-stat2&valueCodes[ContentsCode]=received&valueCodes[sex]=*&valueCodes[Tid]=top(3)&valueCodes[caseType]=ASYLUM,FAMILY',
    );
    expect(data.status).toBe(200);
    expect(data.body.id).toEqual(['caseType', 'sex', 'ContentsCode', 'Tid']);
    expect(Object.keys(data.body.dimension.Tid?.category.index ?? {})).toEqual(['2024W50', '2024W51', '2024W52']);
    const bracketed = await pxGet<Dataset>(
      base(),
      '/tables/RECEIVED/data?lang=en&valueCodes[ContentsCode]=received&valueCodes[Tid]=[range(2022,2024)]',
    );
    expect(Object.keys(bracketed.body.dimension.Tid?.category.index ?? {})).toEqual(['2022', '2023', '2024']);
    const unknownLanguage = await pxGet(base(), '/tables/RECEIVED/data?lang=no&valueCodes[ContentsCode]=received');
    expect(unknownLanguage.body.title).toBe('Unsupported language');
  });
});
