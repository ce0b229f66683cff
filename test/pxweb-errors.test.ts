import { describe, expect, test } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { pxGet, pxPost, type PxAnswer } from './pxweb/pxweb-client.js';
import { useServerFixture } from './support/server-fixture.js';
import { startTestServer } from './support/test-server.js';

const fixture = useServerFixture({ rateLimitPerMinute: 0 });
const url = () => fixture.server.url;

async function expectProblem(answer: Promise<{ status: number; contentType: string; body: Record<string, unknown> }>, status: number, title: string) {
  const { status: got, contentType, body } = await answer;
  expect(contentType).toMatch(/^application\/problem\+json/);
  expect({ status: got, title: body.title }).toEqual({ status, title });
  expect(body.status).toBe(status);
  expect(typeof body.detail).toBe('string');
}

describe('PxWeb refusals: application/problem+json with the reference server titles', () => {
  test('400 Non-existent variable', async () => {
    await expectProblem(
      pxGet(url(), '/tables/RECEIVED/data?valueCodes[Kommun]=0180&valueCodes[ContentsCode]=received'),
      400,
      'Non-existent variable',
    );
    await expectProblem(
      pxPost(url(), '/tables/RECEIVED/data', { selection: [{ variableCode: 'Alder', valueCodes: ['*'] }] }),
      400,
      'Non-existent variable',
    );
  });
  test('400 Non-existent value', async () => {
    await expectProblem(pxGet(url(), '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=1999'), 400, 'Non-existent value');
    await expectProblem(pxGet(url(), '/tables/RECEIVED/data?valueCodes[ContentsCode]=salary'), 400, 'Non-existent value');
  });
  test('400 Illegal selection expression', async () => {
    await expectProblem(
      pxGet(url(), '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=TOP(0)'),
      400,
      'Illegal selection expression',
    );
    await expectProblem(
      pxGet(url(), '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=[range(2020,2023)]'),
      400,
      'Illegal selection expression',
    );
  });
  test('400 Too many cells selected, before anything runs', async () => {
    // 19 case types × 15 segments × 2 × 4 × 6 × nationalities × 2 × 4 contents × 207 periods: far over 150 000.
    const everything = ['caseType', 'caseSegment', 'sex', 'ageGroup', 'region', 'nationality', 'channel', 'ContentsCode', 'Tid'].map(
      (v) => `valueCodes[${v}]=*`,
    );
    await expectProblem(pxGet(url(), `/tables/RECEIVED/data?${everything.join('&')}`), 400, 'Too many cells selected');
  });
  test('400 Unsupported output format', async () => {
    await expectProblem(pxGet(url(), '/tables/RECEIVED/data?outputFormat=px'), 400, 'Unsupported output format');
    await expectProblem(pxGet(url(), '/tables/RECEIVED/metadata?outputFormat=xlsx'), 400, 'Unsupported output format');
  });
  test('400 Unsupported language', async () => {
    await expectProblem(pxGet(url(), '/config?lang=no'), 400, 'Unsupported language');
    await expectProblem(pxGet(url(), '/tables/RECEIVED/metadata?lang=de'), 400, 'Unsupported language');
  });
  test('404 Non-existent table', async () => {
    await expectProblem(pxGet(url(), '/tables/TAB638/metadata'), 404, 'Non-existent table');
    await expectProblem(pxGet(url(), '/tables/TAB638'), 404, 'Non-existent table');
  });
  test('other refusals: codelists, placement, bodies, pages, mandatory variables', async () => {
    await expectProblem(
      pxGet(url(), '/tables/RECEIVED/data?valueCodes[Tid]=*&codelist[Tid]=vs_RegionLän07&valueCodes[ContentsCode]=received'),
      400,
      'Non-existent codelist',
    );
    await expectProblem(pxGet(url(), '/codelists/agg_RegionNUTS2_2008'), 400, 'Non-existent codelist');
    await expectProblem(pxGet(url(), '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&heading=sex'), 400, 'Illegal placment');
    await expectProblem(pxPost(url(), '/tables/RECEIVED/data', { selection: 'all' }), 400, 'Bad request');
    await expectProblem(pxGet(url(), '/tables?pageNumber=99'), 404, 'Non-existent page');
    await expectProblem(pxGet(url(), '/tables?pageSize=0'), 400, 'Bad request');
    await expectProblem(pxGet(url(), '/tables/RECEIVED/data?valueCodes[Tid]=2024'), 400, 'Missing selection for mandantory variable');
    await expectProblem(
      pxGet(url(), '/tables/APPROVAL_RATE_DEVIATION_PP/data?valueCodes[ContentsCode]=*&valueCodes[Tid]=2024'),
      400,
      'Missing selection for mandantory variable',
    );
    const response = await fetch(`${url()}/api/v2/tables/RECEIVED/data`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"selection":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { title: string }).title).toBe('Bad request');
  });
  test('hostile input is refused with a short detail: long names, control characters, odd bodies', async () => {
    const long = 'x'.repeat(5000);
    const answer = await pxGet(url(), `/tables/RECEIVED/data?valueCodes[${long}]=a&valueCodes[ContentsCode]=received`);
    expect(answer.status).toBe(400);
    expect(String(answer.body.detail).length).toBeLessThan(200);
    await expectProblem(
      pxGet(url(), `/tables/RECEIVED/data?valueCodes[ContentsCode]=${encodeURIComponent('received\u0000')}`),
      400,
      'Non-existent value',
    );
    await expectProblem(pxPost(url(), '/tables/RECEIVED/data', [1, 2]), 400, 'Bad request');
    await expectProblem(pxPost(url(), '/tables/RECEIVED/data', { selection: [{ variableCode: 'Tid', valueCodes: [1] }] }), 400, 'Bad request');
    await expectProblem(pxGet(url(), `/tables/${'y'.repeat(3000)}/metadata`), 404, 'Non-existent table');
  });
  test('a codelist restricts the time variable to one grain', async () => {
    const { status, body } = await pxGet<{ size: number[] }>(
      url(),
      '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=*&codelist[Tid]=vs_Tid_quarter',
    );
    expect(status).toBe(200);
    expect(body.size).toEqual([1, 12]);
    const list = await pxGet<{ values: { code: string }[]; type: string }>(url(), '/codelists/vs_Tid_month?lang=en');
    expect(list.body.type).toBe('Valueset');
    expect(list.body.values).toHaveLength(36);
    // Months into quarters: the engine computes each quarter (rates included), the codelist maps it to its months.
    const aggregation = await pxGet<{ values: { code: string; valueMap: string[] }[]; type: string }>(url(), '/codelists/agg_Tid_month_quarter');
    expect(aggregation.body.type).toBe('Aggregation');
    expect(aggregation.body.values[0]).toEqual({ code: '2022K1', label: '2022K1', valueMap: ['2022M01', '2022M02', '2022M03'] });
    const byQuarter = await pxGet<{ value: number[] }>(
      url(),
      '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=2024K1&codelist[Tid]=agg_Tid_month_quarter',
    );
    const byMonth = await pxGet<{ value: number[] }>(
      url(),
      '/tables/RECEIVED/data?valueCodes[ContentsCode]=received&valueCodes[Tid]=2024M01,2024M02,2024M03&valueCodes[caseType]=*',
    );
    expect(byQuarter.body.value).toHaveLength(1);
    expect(byMonth.body.value.length).toBeGreaterThan(3);
  });
  test('an unknown API key is 401; 429 carries Retry-After; both as problems', async () => {
    await expectProblem(pxGet(url(), '/config', { 'x-api-key': 'not-a-key-of-this-server' }), 401, 'Unauthorized');
    const limited = await startTestServer(fixture.database.db, { rateLimitPerMinute: 2, access: readAccessConfig({}) });
    try {
      const answers: PxAnswer[] = [];
      for (let i = 0; i < 3; i++) answers.push(await pxGet(limited.url, '/config'));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
      const last = answers[2] as (typeof answers)[number];
      expect(last.contentType).toMatch(/^application\/problem\+json/);
      expect(last.body.title).toBe('Too many requests');
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
  test('CORS is closed by default and opens for the configured origins, without key headers', async () => {
    const origin = 'https://stats.example.org';
    const closed = await fetch(`${url()}/api/v2/config`, { headers: { origin } });
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
    const open = await startTestServer(fixture.database.db, { pxwebCorsOrigins: origin, access: readAccessConfig({}) });
    try {
      const answer = await fetch(`${open.url}/api/v2/config`, { headers: { origin } });
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      const config = (await answer.json()) as { features: { id: string; params: { key: string; value: string }[] }[] };
      expect(config.features[0]?.params).toEqual([
        { key: 'enabled', value: 'true' },
        { key: 'allowedOrigins', value: origin },
      ]);
      const preflight = await fetch(`${open.url}/api/v2/tables/RECEIVED/data`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
      const other = await fetch(`${open.url}/api/v2/config`, { headers: { origin: 'https://elsewhere.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });
});
