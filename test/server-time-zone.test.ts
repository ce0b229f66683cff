import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * The warehouse's dates are calendar days. A server running in a time zone east of Greenwich (the agencies' own,
 * Europe/Stockholm) used to answer each one a day early, and one west of it used to filter a day early; each zone
 * here runs the API in that zone and compares its answers with PostgreSQL's own text of the same columns.
 */
const ZONES = ['Europe/Stockholm', 'America/New_York', 'Asia/Tokyo'];
const ANALYST_KEY = 'time-zone-analyst-key-0123456789';

let database: TestDatabase;
let sqlText: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase();
  sqlText = new pg.Client({ connectionString: database.url });
  await sqlText.connect();
});
afterAll(async () => {
  await sqlText?.end();
  await database?.drop();
});

interface CasesAnswer {
  cases: { nodes: { caseId: string; receivedDate: string; decisionDate: string | null; events: { eventDate: string }[] }[] };
}

describe.each(ZONES)('a server in %s', (zone) => {
  let server: TestServer;
  let before: string | undefined;
  beforeAll(async () => {
    before = process.env.TZ;
    process.env.TZ = zone;
    server = await startTestServer(database.db, { access: readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst` }) });
  });
  afterAll(async () => {
    await server?.close();
    process.env.TZ = before;
  });

  const ask = async <T>(query: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ANALYST_KEY },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data as T;
  };

  it('answers every date as the day PostgreSQL holds', async () => {
    const data = await ask<CasesAnswer>('{ cases(first: 50) { nodes { caseId receivedDate decisionDate events { eventDate } } } }');
    const ids = data.cases.nodes.map((n) => Number(n.caseId));
    expect(ids.length).toBeGreaterThan(0);
    const stored = await sqlText.query<{ case_id: number; received: string; decided: string | null; events: string[] }>(
      `select c.case_id, c.received_date::text as received, c.decision_date::text as decided,
              array(select e.event_date::text from cases.case_event e where e.case_id = c.case_id order by e.event_date, e.event_type) as events
         from cases.case_fact c where c.case_id = any($1::bigint[])`,
      [ids],
    );
    const byId = new Map(stored.rows.map((r) => [Number(r.case_id), r]));
    for (const node of data.cases.nodes) {
      const row = byId.get(Number(node.caseId));
      expect(node.receivedDate, `case ${node.caseId}`).toBe(row?.received);
      expect(node.decisionDate, `case ${node.caseId}`).toBe(row?.decided);
      expect(node.events.map((e) => e.eventDate).sort()).toEqual([...(row?.events ?? [])].sort());
    }
  });

  it('filters on the day asked', async () => {
    const day = (await sqlText.query<{ day: string }>(`select received_date::text as day from cases.case_fact order by case_id limit 1`)).rows[0]
      ?.day;
    const data = await ask<CasesAnswer>(
      `{ cases(first: 1000, where: { receivedFrom: "${day}", receivedTo: "${day}" }) { nodes { caseId receivedDate decisionDate events { eventDate } } } }`,
    );
    const count = (await sqlText.query<{ n: number }>(`select count(*)::int as n from cases.case_fact where received_date = $1::date`, [day])).rows[0]
      ?.n;
    expect(data.cases.nodes.length).toBe(Math.min(count ?? 0, 1000));
    expect(new Set(data.cases.nodes.map((n) => n.receivedDate))).toEqual(new Set([day]));
  });
});
