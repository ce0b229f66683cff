import JSONstat from 'jsonstat-toolkit';
import { describe, expect, test } from 'vitest';
import { jsonStatErrors } from './pxweb/json-stat-validator.js';
import { pxGet } from './pxweb/pxweb-client.js';
import { useServerFixture } from './support/server-fixture.js';

const fixture = useServerFixture();
const url = () => fixture.server.url;

type Dataset = {
  id: string[];
  size: number[];
  value: (number | null)[];
  note?: string[];
  dimension: Record<string, { category: { index: Record<string, number> }; extension: { elimination: boolean } }>;
  extension: { figures?: Record<string, { line: number; quote: string; printed: string }> };
};

describe('curated published source tables are PxWeb tables too', () => {
  test('Tabell 3.8 holds its figures with line and quote; the source is in a note', async () => {
    const listed = await pxGet<{ tables: { id: string; label: string; paths: { id: string }[][] }[] }>(url(), '/tables?query=tabell%203.8');
    expect(listed.body.tables.map((t) => t.id)).toEqual(['T000_TABELL_3_8']);
    const table = await pxGet(url(), '/tables/t000_tabell_3_8?lang=en');
    expect(table.body).toMatchObject({ id: 'T000_TABELL_3_8', timeUnit: 'Annual' });
    const meta = await pxGet<Dataset>(url(), '/tables/T000_TABELL_3_8/metadata?lang=en');
    expect(meta.status).toBe(200);
    expect(jsonStatErrors(meta.body)).toEqual([]);
    expect(Object.keys(meta.body.dimension.ContentsCode?.category.index ?? {})).toContain('fee_revenue');
    const data = await pxGet<Dataset>(
      url(),
      '/tables/T000_TABELL_3_8/data?lang=en&valueCodes[ContentsCode]=fee_revenue,fee_cost&valueCodes[Tid]=2024&valueCodes[feeActivity]=citizenship',
    );
    expect(data.status).toBe(200);
    expect(jsonStatErrors(data.body)).toEqual([]);
    const ds = JSONstat(data.body);
    expect(ds.Data({ ContentsCode: 'fee_revenue', Tid: '2024', feeActivity: 'citizenship' })?.value).toBe(82_636_000);
    expect(ds.Data({ ContentsCode: 'fee_cost', Tid: '2024', feeActivity: 'citizenship' })?.value).toBe(274_463_000);
    const provenance = Object.values(data.body.extension.figures ?? {});
    expect(provenance).toHaveLength(2);
    for (const p of provenance) expect(p.quote).toContain(p.printed);
    expect(data.body.note?.[0]).toMatch(/^Tabell 3\.8 .*000_c6bd8d7f0150f31e\.txt, lines \d+–\d+$/);
  });

  test('every source table answers valid metadata and a default selection', async () => {
    const listed = await pxGet<{ tables: { id: string }[] }>(url(), '/tables?pageSize=1000');
    const sources = listed.body.tables.filter((t) => /^T\d{3}_/.test(t.id));
    expect(sources.length).toBeGreaterThan(100);
    for (const { id } of sources) {
      const meta = await pxGet<Dataset>(url(), `/tables/${id}/metadata`);
      expect(jsonStatErrors(meta.body), id).toEqual([]);
      const data = await pxGet<Dataset>(url(), `/tables/${id}/data`);
      expect(data.status, `${id}: ${JSON.stringify(data.body).slice(0, 200)}`).toBe(200);
      expect(data.body.value, id).toHaveLength(data.body.size.reduce((a, b) => a * b, 1));
      expect(jsonStatErrors(data.body), id).toEqual([]);
    }
  }, 120_000);
});
