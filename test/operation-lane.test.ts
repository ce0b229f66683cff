import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * The operation lane (server/execution/operation-lane.ts): a query already answered in full runs again without
 * Apollo Server's pipeline. Two servers over one database, with the lane and without it, get the same requests, each
 * sent three times (graphql-js, then graphql-jit compiling it, then the lane): every answer must be the same, byte for
 * byte, with the same status and headers, and what the server recorded must show who answered.
 */
const ANALYST_KEY = 'lane-analyst-key-0123456789';
const access = readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst`, ANONYMOUS_ROLE: 'public' });

let database: TestDatabase;
let laned: TestServer;
let plain: TestServer;
const metricsUrls = new Map<TestServer, string>();

beforeAll(async () => {
  database = await createTestDatabase();
  laned = await startTestServer(database.db, { access, metricsPort: 0 });
  plain = await startTestServer(database.db, { access, metricsPort: 0, operationLane: false });
  for (const server of [laned, plain]) metricsUrls.set(server, `http://127.0.0.1:${await server.listenMetrics()}/metrics`);
});

afterAll(async () => {
  await laned?.close();
  await plain?.close();
  await database?.drop();
});

interface Sent {
  body: unknown;
  key?: string;
  accept?: string;
  headers?: Record<string, string>;
}

interface Received {
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  body: string;
}

async function send(server: TestServer, sent: Sent): Promise<Received> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(sent.key ? { 'x-api-key': sent.key } : {}),
      ...(sent.accept ? { accept: sent.accept } : {}),
      ...sent.headers,
    },
    body: JSON.stringify(sent.body),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    body: await response.text(),
  };
}

async function laneCount(server: TestServer, outcome: 'answered' | 'handed_on'): Promise<number> {
  const text = await (await fetch(metricsUrls.get(server) as string)).text();
  const line = text.split('\n').find((l) => l.startsWith(`graphql_operation_lane_total{outcome="${outcome}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Sends the request `times` times to both servers; every answer must be the one the server without a lane gives. */
async function sameAnswers(sent: Sent, times = 3): Promise<Received> {
  let last: Received | undefined;
  for (let i = 0; i < times; i++) {
    const [fromLane, fromApollo] = [await send(laned, sent), await send(plain, sent)];
    expect(fromLane).toEqual(fromApollo);
    last = fromApollo;
  }
  return last as Received;
}

const MONTHLY = '{ metric(name: RECEIVED, by: [MONTH], where: { caseType: [ASYLUM], year: [2023] }) { totalCount rows { period value } } }';
const PAGED =
  'query Paged($first: Int!, $years: [Int!]) { metric(name: RECEIVED, by: [YEAR], where: { year: $years }, first: $first) { totalCount rows { year value } } }';
const CASES = '{ cases(first: 5) { nodes { caseId caseType receivedDate outcome events { eventType eventDate } } } }';

describe('the operation lane', () => {
  it('answers a repeated query as Apollo Server does, byte for byte, from its third request on', async () => {
    const before = await laneCount(laned, 'answered');
    const answer = await sameAnswers({ body: { query: MONTHLY }, key: ANALYST_KEY });
    expect(answer.status).toBe(200);
    expect(answer.cacheControl).toBe('no-store');
    expect(JSON.parse(answer.body).data.metric.totalCount).toBe(12);
    // The first request runs on graphql-js, the second compiles it and admits it: the third is the lane's.
    expect((await laneCount(laned, 'answered')) - before).toBe(1);
    expect(await laneCount(plain, 'answered')).toBe(0);
  });

  it('answers the same document with other variables, named operations and case rows alike', async () => {
    await sameAnswers({ body: { query: PAGED, variables: { first: 2, years: [2022, 2023] }, operationName: 'Paged' }, key: ANALYST_KEY });
    await sameAnswers({ body: { query: PAGED, variables: { first: 3, years: null }, operationName: 'Paged' }, key: ANALYST_KEY }, 2);
    await sameAnswers({ body: { query: CASES }, key: ANALYST_KEY });
    await sameAnswers({ body: { query: '{ __typename }' } });
  });

  it('keeps each role to its own schema: the public role never gets an answer admitted for the analyst', async () => {
    await sameAnswers({ body: { query: CASES }, key: ANALYST_KEY });
    const refused = await sameAnswers({ body: { query: CASES } });
    // The public schema has no `cases`: refused in validation, as every time.
    expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(JSON.parse(refused.body).data).toBeUndefined();
    const metric = await sameAnswers({ body: { query: MONTHLY } });
    expect(JSON.parse(metric.body).data.metric.totalCount).toBe(12);
  });

  it('types the answer by the Accept header, and leaves a header it cannot serve to Apollo Server (406)', async () => {
    const typed = await sameAnswers({ body: { query: MONTHLY }, key: ANALYST_KEY, accept: 'application/graphql-response+json' });
    expect(typed.contentType).toBe('application/graphql-response+json; charset=utf-8');
    expect((await sameAnswers({ body: { query: MONTHLY }, key: ANALYST_KEY, accept: 'text/html' }, 1)).status).toBe(406);
  });

  it('hands an answer with errors to Apollo Server, which codes it as before', async () => {
    const query = { query: PAGED, operationName: 'Paged' };
    await sameAnswers({ body: { ...query, variables: { first: 2, years: [2022] } }, key: ANALYST_KEY });
    const handedOn = await laneCount(laned, 'handed_on');
    const bad = await sameAnswers({ body: { ...query, variables: { first: -1, years: [2022] } }, key: ANALYST_KEY }, 1);
    expect(JSON.parse(bad.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await laneCount(laned, 'handed_on')) - handedOn).toBe(1);
    // Variables that do not coerce, or that make the list cost too high, never run in the lane.
    const uncoerced = await sameAnswers({ body: { ...query, variables: { first: 'two' } }, key: ANALYST_KEY }, 1);
    expect(JSON.parse(uncoerced.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const costly = await sameAnswers({ body: { ...query, variables: { first: 1_000_000 } }, key: ANALYST_KEY }, 1);
    expect(JSON.parse(costly.body).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect((await laneCount(laned, 'handed_on')) - handedOn).toBe(1);
  });

  it('leaves bodies with extensions and requests with a bad key to Apollo Server', async () => {
    await sameAnswers({ body: { query: MONTHLY }, key: ANALYST_KEY });
    const answered = await laneCount(laned, 'answered');
    await sameAnswers({ body: { query: MONTHLY, extensions: { anything: true } }, key: ANALYST_KEY }, 2);
    const unknown = await sameAnswers({ body: { query: MONTHLY }, key: 'not-a-key-of-this-server' }, 1);
    expect(unknown.status).toBe(401);
    expect(await laneCount(laned, 'answered')).toBe(answered);
  });

  it('logs and counts a request it answers as Apollo Server would (operation, outcome, client)', async () => {
    const client = { 'apollographql-client-name': 'lane-test-app', 'apollographql-client-version': '1.0.0' };
    await sameAnswers({ body: { query: 'query Counted { __typename }' }, headers: client }, 4);
    const line = (text: string) => text.split('\n').find((l) => l.startsWith('graphql_requests_total{operation="Counted"'));
    const [fromLane, fromApollo] = await Promise.all([laned, plain].map(async (s) => line(await (await fetch(metricsUrls.get(s) as string)).text())));
    expect(fromLane).toBe('graphql_requests_total{operation="Counted",outcome="ok",client="other",client_version="other"} 4');
    expect(fromLane).toBe(fromApollo);
  });
});
