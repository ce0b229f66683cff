import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCaseRollups } from '../warehouse/cases/case-tables.js';
import { loadCases } from '../warehouse/cases/load-cases.js';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { ensureReaderRole, readerUrl } from '../warehouse/database/reader-role.js';
import { readAccessConfig } from '../server/api-keys.js';
import { createRequestContext } from '../resolvers/context.js';
import type { Role } from '../resolvers/roles.js';
import { sha256 } from '../server/trusted-documents.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const ANALYST_KEY = 'analyst-key-0123456789';
const ADMIN_KEY = 'admin-key-0123456789ab';
const access = readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst,${ADMIN_KEY}:admin` });

let database: TestDatabase;
let server: TestServer;

async function post(url: string, query: string, headers: Record<string, string> = {}, variables?: unknown) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  // A small known population: 40 asylum cases in nord, 3 in syd (a cell the public must not see), all 2023.
  await sql`truncate cases.case_fact, cases.case_event, cases.received_month, cases.decided_month`.execute(database.db);
  await sql`insert into cases.case_fact (case_id, case_type, segment, sex, age_group, nationality, region, channel, received_date, decision_date, outcome, processing_days, record_key)
    select g, 'ASYLUM', 'first_time', case when g % 2 = 0 then 'female' else 'male' end, '18_34', 'SY',
           case when g <= 40 then 'nord' else 'syd' end, 'e_application', date '2023-01-01' + g, date '2023-06-01' + g, 'approved', 151,
           (hashint4(g) & 2147483647)
    from generate_series(1, 43) g`.execute(database.db);
  await sql`insert into cases.case_event (case_id, event_type, event_date) select case_id, 'received', received_date from cases.case_fact`.execute(
    database.db,
  );
  await buildCaseRollups(database.db, 'cases');
  server = await startTestServer(database.db, { access, production: true });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe('roles from API keys', () => {
  it('gives requests without a key the public role: aggregates yes, case rows no', async () => {
    // The public schema has no `cases` field at all (a schema per role: test/role-schemas.test.ts).
    const { status, body } = await post(server.url, '{ cases(first: 5) { nodes { caseId } } }');
    // A validation error; under application/json the GraphQL-over-HTTP spec answers it with 200.
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const metric = await post(server.url, '{ metric(name: RECEIVED) { rows { value } } }');
    expect(metric.body.errors).toBeUndefined();
  });

  it('lets an analyst key list pseudonymous cases with their events', async () => {
    const { body } = await post(
      server.url,
      '{ cases(first: 5, where: { region: [SYD] }) { nodes { caseId region events { eventType eventDate } } pageInfo { hasNextPage } } }',
      { 'x-api-key': ANALYST_KEY },
    );
    expect(body.errors).toBeUndefined();
    const cases = (body.data?.cases as { nodes: { caseId: string; events: unknown[] }[] }).nodes;
    expect(cases.map((c) => c.caseId)).toEqual(['41', '42', '43']);
    expect(cases[0]?.events).toEqual([{ eventType: 'received', eventDate: '2023-02-11' }]);
  });

  it('answers a page of cases read with only the asked columns as the whole rows do, through fragments and aliases', async () => {
    const all =
      'caseId caseType caseSegment subcategory sex ageGroup nationality region channel automated receivedDate decisionDate outcome processingDays feePaidSek appealed courtOutcome events { eventType eventDate sources }';
    const whole = await post(server.url, `{ cases(first: 5) { nodes { ${all} } } }`, { 'x-api-key': ANALYST_KEY });
    expect(whole.body.errors).toBeUndefined();
    const full = (whole.body.data?.cases as { nodes: Record<string, unknown>[] }).nodes;
    expect(full.length).toBeGreaterThan(0);
    const partial = `{ cases(first: 5) { nodes { id: caseId ...Dates ... on Case { events { eventType } agencies: events { sources } } } pageInfo { hasNextPage endCursor } } }
      fragment Dates on Case { receivedDate decisionDate outcome }`;
    // Twice: the second run of a document goes through graphql-jit.
    for (let run = 0; run < 2; run++) {
      const { body } = await post(server.url, partial, { 'x-api-key': ANALYST_KEY });
      expect(body.errors).toBeUndefined();
      const nodes = (body.data?.cases as { nodes: Record<string, unknown>[] }).nodes;
      expect(nodes).toEqual(
        full.map((c) => ({
          id: c.caseId,
          receivedDate: c.receivedDate,
          decisionDate: c.decisionDate,
          outcome: c.outcome,
          events: (c.events as { eventType: string }[]).map((e) => ({ eventType: e.eventType })),
          agencies: (c.events as { sources: string[] }[]).map((e) => ({ sources: e.sources })),
        })),
      );
    }
  });

  it('builds no request context without a role: nothing falls back to admin', () => {
    expect(() => createRequestContext(database.db, undefined as unknown as Role)).toThrow(/needs a role/);
    expect(() => createRequestContext(database.db, 'root' as Role)).toThrow(/needs a role/);
    expect(createRequestContext(database.db, 'public').role).toBe('public');
  });

  it('refuses an unknown key, and keyless requests when anonymous access is off', async () => {
    expect((await post(server.url, '{ metricCatalog { name } }', { 'x-api-key': 'not-a-real-key-at-all' })).status).toBe(401);
    const closed = await startTestServer(database.db, { access: readAccessConfig({ API_KEYS: `${ADMIN_KEY}:admin`, ANONYMOUS_ROLE: 'none' }) });
    try {
      const { status, body } = await post(closed.url, '{ metricCatalog { name } }');
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await post(closed.url, '{ metricCatalog { name } }', { authorization: `Bearer ${ADMIN_KEY}` })).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});

describe('disclosure control for the public role', () => {
  const byRegion = '{ metric(name: RECEIVED, by: [REGION]) { rows { region value suppressed } } }';

  it('perturbs every count by its cell key: a cell of 1–4 cases shows as 0 (left out) or as 5 and more', async () => {
    const { body } = await post(server.url, byRegion);
    expect(body.errors).toBeUndefined();
    const rows = (body.data?.metric as { rows: { region: string; value: number; suppressed: boolean }[] }).rows;
    // syd has 3 cases: never shown as 3; nord's 40 moves by at most D = 4.
    const syd = rows.find((r) => r.region === 'SYD');
    expect(syd === undefined || syd.value >= 5).toBe(true);
    expect(Math.abs((rows.find((r) => r.region === 'NORD')?.value ?? 0) - 40)).toBeLessThanOrEqual(4);
    // The same cells always get the same noise: asking again, or within a larger grouping, changes nothing.
    const again = await post(server.url, '{ metric(name: RECEIVED, by: [REGION, CASE_TYPE]) { rows { region value } } }');
    expect((again.body.data?.metric as { rows: { region: string; value: number }[] }).rows.map((r) => [r.region, r.value])).toEqual(
      rows.map((r) => [r.region, r.value]),
    );
  });

  it('discloses previous values and orders by disclosed values, as the rows show them', async () => {
    const { body } = await post(
      server.url,
      `{ metric(name: RECEIVED, by: [MONTH, SEX], compareTo: PREVIOUS_PERIOD, orderBy: [{ field: VALUE, direction: DESC }]) {
      totalCount rows { month sex value previous change } } }`,
    );
    expect(body.errors).toBeUndefined();
    const rows = (
      body.data?.metric as {
        totalCount: number;
        rows: { month: number; sex: string; value: number; previous: number | null; change: number | null }[];
      }
    ).rows;
    expect(rows.length).toBe((body.data?.metric as { totalCount: number }).totalCount);
    rows.slice(1).forEach((r, i) => expect(r.value).toBeLessThanOrEqual(rows[i]?.value ?? Infinity));
    for (const r of rows.filter((x) => x.month === 2)) {
      const january = rows.find((x) => x.month === 1 && x.sex === r.sex);
      expect(r.previous).toBe(january?.value ?? null);
      if (january) expect(r.change).toBe(r.value - january.value);
    }
    for (const r of rows) expect(r.value >= 1 && r.value <= 4).toBe(false);
  });

  it('shows the analyst every cell', async () => {
    const { body } = await post(server.url, byRegion, { 'x-api-key': ANALYST_KEY });
    expect((body.data?.metric as { rows: unknown[] }).rows).toEqual([
      { region: 'NORD', value: 40, suppressed: false },
      { region: 'SYD', value: 3, suppressed: false },
    ]);
  });

  it('perturbs the typed domain fields with the same cell keys as metric(…)', async () => {
    const { body } = await post(server.url, '{ caseTypes(codes: [ASYLUM]) { years(segment: FIRST_TIME, sex: FEMALE) { year received } } }');
    expect(body.errors).toBeUndefined();
    const years = (body.data?.caseTypes as { years: { year: number; received: number | null }[] }[])[0]?.years ?? [];
    const metric = await post(
      server.url,
      '{ metric(name: RECEIVED, by: [YEAR], where: { caseSegment: [FIRST_TIME], sex: [FEMALE] }) { rows { year value } } }',
    );
    const metricValue = (metric.body.data?.metric as { rows: { year: number; value: number }[] }).rows.find((r) => r.year === 2023)?.value;
    // 21 women in 2023: shown within D = 4 of it, and the same as metric(…) shows for the same cell.
    expect(Math.abs((years.find((y) => y.year === 2023)?.received ?? 0) - 21)).toBeLessThanOrEqual(4);
    expect(years.find((y) => y.year === 2023)?.received).toBe(metricValue);
  });
});

describe('trusted documents', () => {
  it('runs only registered operations, also by hash alone', async () => {
    const allowed = '{ metricCatalog { name } }';
    const directory = await mkdtemp(path.join(os.tmpdir(), 'trusted-'));
    const manifest = path.join(directory, 'manifest.json');
    await writeFile(manifest, JSON.stringify({ [sha256(allowed)]: allowed }));
    const strict = await startTestServer(database.db, { trustedDocuments: manifest });
    try {
      expect((await post(strict.url, allowed)).body.errors).toBeUndefined();
      const other = await post(strict.url, '{ metricCatalog { name unit } }');
      expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const byHash = await fetch(`${strict.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(allowed) } } }),
      });
      expect(((await byHash.json()) as { data?: { metricCatalog: unknown[] } }).data?.metricCatalog.length).toBeGreaterThan(20);
    } finally {
      await strict.close();
    }
  });
});

describe('the read-only database role', () => {
  it('can read the warehouse and cannot change it', async () => {
    const reader = connectWarehouse(readerUrl(database.url, await ensureReaderRole(database.db)));
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from cases.case_fact`.execute(reader.db);
      expect(rows[0]?.n).toBe(43);
      await expect(sql`delete from fact_figure`.execute(reader.db)).rejects.toThrow(/read-only transaction|permission denied/);
      await expect(sql`create table intruder (x int)`.execute(reader.db)).rejects.toThrow(/read-only transaction|permission denied/);
    } finally {
      await reader.close();
    }
  });

  it('keeps reading after a case reload swaps the cases schema', async () => {
    const reader = connectWarehouse(readerUrl(database.url, await ensureReaderRole(database.db)));
    try {
      await loadCases(database.db, { scale: 0.002, quiet: true });
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from cases.case_fact`.execute(reader.db);
      expect(rows[0]?.n).toBeGreaterThan(1000);
    } finally {
      await reader.close();
    }
  });
});

describe('observability', () => {
  it('serves Prometheus metrics with request counts by outcome and rejections by reason', async () => {
    await post(server.url, '{ nope }');
    const text = await (await fetch(`${server.url}/metrics`, { headers: { 'x-api-key': ADMIN_KEY } })).text();
    expect(text).toMatch(/graphql_requests_total\{operation="[^"]+",outcome="ok"[^}]*\} \d+/);
    expect(text).toMatch(/graphql_rejected_total\{reason="BAD_USER_INPUT"\} \d+/);
    expect(text).toContain('graphql_request_duration_seconds_bucket');
    expect(text).toContain('graphql_sql_statements_per_request_bucket');
  });
});
