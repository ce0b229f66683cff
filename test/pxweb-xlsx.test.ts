import JSONstat from 'jsonstat-toolkit';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, test } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { pxGet } from './pxweb/pxweb-client.js';
import { useServerFixture } from './support/server-fixture.js';

const ANALYST_KEY = 'pxweb-xlsx-analyst-key-0123456789';
const ANALYST = { 'x-api-key': ANALYST_KEY };
const fixture = useServerFixture({ access: readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst` }) });
const url = () => fixture.server.url;

const QUERY = 'valueCodes[ContentsCode]=received,approval_rate&valueCodes[Tid]=2023,2024&valueCodes[caseType]=ASYLUM,WORK';

async function workbook(query: string, headers: Record<string, string> = ANALYST) {
  const response = await fetch(`${url()}/api/v2/tables/RECEIVED/data?${query}`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), sheet: await readSheet(Buffer.from(await response.arrayBuffer())) };
}

describe('outputFormat=xlsx', () => {
  test('the workbook read back holds the JSON-stat values, numbers as numbers, under a title and a header', async () => {
    const { status, type, sheet } = await workbook(`${QUERY}&outputFormat=xlsx&lang=en&outputFormatParams=UseCodes`);
    expect(status).toBe(200);
    expect(type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const json = await pxGet(url(), `/tables/RECEIVED/data?${QUERY}&lang=en`, ANALYST);
    const ds = JSONstat(json.body);
    expect(sheet[0]?.[0]).toMatch(/^Received/);
    expect(sheet[1]).toEqual(['caseType', 'received 2023', 'received 2024', 'approval_rate 2023', 'approval_rate 2024']);
    expect(sheet).toHaveLength(4);
    for (const row of sheet.slice(2)) {
      const caseType = String(row[0]);
      expect(row.slice(1)).toEqual([
        ds.Data({ caseType, ContentsCode: 'received', Tid: '2023' })?.value,
        ds.Data({ caseType, ContentsCode: 'received', Tid: '2024' })?.value,
        ds.Data({ caseType, ContentsCode: 'approval_rate', Tid: '2023' })?.value,
        ds.Data({ caseType, ContentsCode: 'approval_rate', Tid: '2024' })?.value,
      ]);
      for (const cell of row.slice(1)) expect(typeof cell).toBe('number');
    }
  });

  test('texts in the chosen language, and /config lists the format', async () => {
    const { sheet } = await workbook(`${QUERY}&outputFormat=XLSX&lang=sv`);
    expect(sheet[2]?.[0]).toBe('Asyl');
    const config = await pxGet<{ dataFormats: string[] }>(url(), '/config');
    expect(config.body.dataFormats).toEqual(['json-stat2', 'csv', 'xlsx']);
    const refused = await pxGet(url(), `/tables/RECEIVED/data?${QUERY}&outputFormat=px`);
    expect(refused.body.title).toBe('Unsupported output format');
  });
});
