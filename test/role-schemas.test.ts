import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { OperationLane } from '../server/execution/operation-lane.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { METRIC_EXPORT_DOCUMENT } from '../server/metric-export-route.js';
import { sha256 } from '../server/trusted-documents.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const ANALYST_KEY = 'analyst-key-0123456789';
const ADMIN_KEY = 'admin-key-0123456789ab';
const access = readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst,${ADMIN_KEY}:admin` });

let database: TestDatabase;
let development: TestServer;
let production: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  [development, production] = await Promise.all([
    startTestServer(database.db, { access }),
    startTestServer(database.db, { access, production: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([development?.close(), production?.close()]);
  await database?.drop();
});

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
async function post(server: TestServer, query: string, key?: string, variables?: unknown): Promise<Body> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Body;
}

const CASE_LEVEL_NAMES = /\b(cases|Case|CaseEvent|CaseWhere|CaseConnection|caseId|events|eventType|processingDays|receivedDate)\b/;

/**
 * What clairvoyance-style tools send to recover a schema with introspection off: near-misses of field, type,
 * argument and enum names (in literals and in variables), each hoping for a "Did you mean …?".
 */
const PROBES: { query: string; variables?: Record<string, unknown> }[] = [
  { query: '{ cas }' },
  { query: '{ case }' },
  { query: '{ casez(first: 1) { nodes { caseId } } }' },
  { query: '{ cases { nodes { caseId } } }' },
  { query: '{ caseType }' },
  { query: '{ metricCatalo { name } }' },
  { query: '{ metricCatalog { nam } }' },
  { query: '{ metric(nme: "received") { totalCount } }' },
  { query: '{ metric(name: "received", by: [YEA]) { totalCount } }' },
  { query: '{ caseTypes(codes: [ASYLU]) { code } }' },
  { query: 'query($c: [CaseTypeCode!]) { caseTypes(codes: $c) { code } }', variables: { c: ['ASYLU'] } },
  { query: 'query($b: [Dimension!]) { metric(name: "received", by: $b) { totalCount } }', variables: { b: ['NATIONALIT'] } },
  { query: 'query($w: MetricWhere) { metric(name: "received", where: $w) { totalCount } }', variables: { w: { caseTyp: ['ASYLUM'] } } },
  { query: '{ ...on Cas { caseId } }' },
  { query: 'query($w: CaseWher) { metricCatalog { name } }' },
  { query: 'fragment f on CaseEven { eventType } { metricCatalog { name } }' },
  { query: '{ caseTypes { years(sx: FEMALE) { year } } }' },
  { query: '{ caseTypes { years(sex: FEMAL) { year } } }' },
  { query: '{ publishedFigures(firs: 1) { nodes { id } } }' },
  { query: '{ metric(name: "received") { rows { valu } } }' },
  { query: '{ metric(name: "received", orderBy: [{ field: VALU }]) { totalCount } }' },
  { query: '{ __type(name: "Case") { name fields { name } } }' },
  { query: '{ __schema { types { name } } }' },
];

describe('a schema per role', () => {
  it('shows the public role a schema without the case-level field and types, the analyst one with them', async () => {
    const introspect = '{ __schema { queryType { fields { name } } types { name } } }';
    const publicSchema = (await post(development, introspect)).data?.__schema as {
      queryType: { fields: { name: string }[] };
      types: { name: string }[];
    };
    const analystSchema = (await post(development, introspect, ANALYST_KEY)).data?.__schema as typeof publicSchema;
    const names = (s: typeof publicSchema) => [...s.queryType.fields.map((f) => f.name), ...s.types.map((t) => t.name)];
    for (const name of ['cases', 'Case', 'CaseEvent', 'CaseWhere', 'CaseConnection']) {
      expect(names(publicSchema)).not.toContain(name);
      expect(names(analystSchema)).toContain(name);
    }
    expect(names(publicSchema)).toContain('metric');
  });

  it('answers a public query for cases as an unknown field of its schema, the analyst with rows', async () => {
    const query = '{ cases(first: 2) { nodes { caseId } } }';
    const denied = await post(production, query);
    expect(denied.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(denied.errors?.[0]?.message).toBe('Cannot query field "cases" on type "Query".');
    const allowed = await post(production, query, ANALYST_KEY);
    expect(allowed.errors).toBeUndefined();
    expect((allowed.data?.cases as { nodes: unknown[] }).nodes).toHaveLength(2);
  });

  it('never suggests a name to a production caller, and never names a case-level one to the public role (probe corpus)', async () => {
    const leaks: string[] = [];
    for (const probe of PROBES) {
      for (const key of [undefined, ANALYST_KEY]) {
        const body = await post(production, probe.query, key, probe.variables);
        const messages = (body.errors ?? []).map((e) => e.message);
        if (messages.length === 0 && !key) leaks.push(`${probe.query}: no error`);
        for (const message of messages) {
          if (/did you mean/i.test(message)) leaks.push(`${key ? 'analyst' : 'public'} ${probe.query}: ${message}`);
          if (!key && CASE_LEVEL_NAMES.test(message) && !probe.query.includes(CASE_LEVEL_NAMES.exec(message)?.[0] ?? '\u0000')) {
            leaks.push(`public ${probe.query}: ${message}`);
          }
        }
        for (const error of body.errors ?? []) expect(error.extensions?.code, probe.query).toMatch(/^(BAD_USER_INPUT|QUERY_TOO_COMPLEX|FORBIDDEN)$/);
      }
    }
    expect(leaks).toEqual([]);
    // In development enum suggestions stay (a help while writing queries), but only from the caller's own schema.
    expect((await post(development, '{ cas }')).errors?.[0]?.message).not.toMatch(/"cases"/);
    expect((await post(development, '{ caseTypes(codes: [ASYLU]) { code } }')).errors?.[0]?.message).toMatch(/Did you mean the enum value "ASYLUM"/);
  });

  it('builds nothing per request: the role picks one of the two servers built at start (a map look-up)', async () => {
    // Both servers (and their schemas) are built at start; a request only picks one of them by its role.
    const starts = vi.spyOn(ApolloServer.prototype, 'start');
    const executions = vi.spyOn(ApolloServer.prototype, 'executeHTTPGraphQLRequest');
    const lanes = vi.spyOn(OperationLane.prototype, 'answer');
    try {
      for (let i = 0; i < 24; i++) {
        const body = await post(production, '{ metricCatalog { name } }', [undefined, ANALYST_KEY, ADMIN_KEY][i % 3]);
        expect(body.errors).toBeUndefined();
      }
      expect(starts).not.toHaveBeenCalled();
      // 24 requests, two servers: public for the keyless ones, one for analyst and admin. Each server answers a
      // query through Apollo until its operation lane holds it, then in the lane (server/execution/operation-lane.ts).
      const laned = (await Promise.all(lanes.mock.results.map((r) => r.value))).filter(Boolean).length;
      expect(executions.mock.calls.length + laned).toBe(24);
      expect(laned).toBeGreaterThan(0);
      expect(new Set(executions.mock.contexts).size).toBe(2);
      expect(new Set(lanes.mock.contexts).size).toBe(2);
    } finally {
      starts.mockRestore();
      executions.mockRestore();
      lanes.mockRestore();
    }
  });
});

describe('the edges', () => {
  it('serves /metrics to an admin key only', async () => {
    expect((await fetch(`${production.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${production.url}/metrics`, { headers: { 'x-api-key': ANALYST_KEY } })).status).toBe(403);
    const admin = await fetch(`${production.url}/metrics`, { headers: { 'x-api-key': ADMIN_KEY } });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('graphql_requests_total');
  });

  it('serves /metrics on METRICS_PORT instead, when set', async () => {
    const separate = await startTestServer(database.db, { access, metricsPort: 0 });
    try {
      expect((await fetch(`${separate.url}/metrics`, { headers: { 'x-api-key': ADMIN_KEY } })).status).toBe(404);
      const port = await separate.listenMetrics();
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('graphql_request_duration_seconds');
    } finally {
      await separate.close();
    }
  });

  it('runs the CSV export under trusted documents only when its document is registered', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'trusted-export-'));
    const other = '{ metricCatalog { name } }';
    const without = path.join(directory, 'without.json');
    const withExport = path.join(directory, 'with.json');
    await writeFile(without, JSON.stringify({ [sha256(other)]: other }));
    await writeFile(withExport, JSON.stringify({ [sha256(other)]: other, [sha256(METRIC_EXPORT_DOCUMENT)]: METRIC_EXPORT_DOCUMENT }));
    const [strict, registered] = await Promise.all([
      startTestServer(database.db, { access, trustedDocuments: without }),
      startTestServer(database.db, { access, trustedDocuments: withExport }),
    ]);
    try {
      const url = '/export/metric.csv?name=received&by=YEAR';
      const refused = await fetch(`${strict.url}${url}`);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as Body).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const served = await fetch(`${registered.url}${url}`);
      expect(served.status).toBe(200);
      expect((await served.text()).split('\n')[0]).toMatch(/^period,year,value,suppressed,nullReason,/);
    } finally {
      await Promise.all([strict.close(), registered.close()]);
    }
  });
});
