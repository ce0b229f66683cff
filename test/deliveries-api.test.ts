import { describe, expect, it } from 'vitest';
import { readAccessConfig } from '../server/api-keys.js';
import { useServerFixture } from './support/server-fixture.js';

/** The load history and the lineage of cases over GraphQL, as the template's simulated deliveries left them. */
const ANALYST_KEY = 'analyst-key-for-deliveries-test';
const fixture = useServerFixture({ access: readAccessConfig({ API_KEYS: `${ANALYST_KEY}:analyst` }) });

async function ask(query: string, key?: string) {
  const response = await fetch(`${fixture.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

describe('deliveries and lineage', () => {
  it('lists each agency’s published deliveries newest first, with their rows and rejects', async () => {
    const { body } = await ask(
      `query LoadHistory { deliveries(first: 10) { nodes { agency extractId kind status rowsTotal rowsRejected rowsApplied rowsHeld
        rejectsByKind { kind count } firstErrors { row field kind } generation } pageInfo { hasNextPage } } }`,
      ANALYST_KEY,
    );
    expect(body.errors).toBeUndefined();
    const nodes = (
      body.data?.deliveries as {
        nodes: { agency: string; status: string; kind: string; rowsTotal: number; rowsApplied: number; generation: string | null }[];
      }
    ).nodes;
    expect(nodes.map((n) => n.agency).sort()).toEqual(['KRIMINALVARDEN', 'MIGRATIONSVERKET', 'POLISMYNDIGHETEN']);
    for (const n of nodes) {
      expect(n).toMatchObject({ status: 'PUBLISHED', kind: 'FULL' });
      expect(n.rowsApplied).toBe(n.rowsTotal);
      expect(Number(n.generation)).toBeGreaterThan(0);
    }
  });

  it('filters by agency and status (enums), and pages', async () => {
    const { body } = await ask(
      '{ deliveries(agency: POLISMYNDIGHETEN, status: PUBLISHED, first: 1) { nodes { agency } pageInfo { hasNextPage endCursor } } }',
      ANALYST_KEY,
    );
    expect(body.data?.deliveries).toMatchObject({ nodes: [{ agency: 'POLISMYNDIGHETEN' }], pageInfo: { hasNextPage: false } });
    const bad = await ask('{ deliveries(agency: SKATTEVERKET) { nodes { agency } } }', ANALYST_KEY);
    expect(bad.body.data).toBeUndefined();
    expect(bad.body.errors?.[0]?.message).toContain('SKATTEVERKET');
  });

  it('is not there for the public role, and refused without the analyst role', async () => {
    const { body } = await ask('{ deliveries { nodes { agency } } }');
    expect(body.errors?.[0]?.message).toMatch(/Cannot query field "deliveries"/);
  });

  it('shows a case’s sources, each with its delivery, and the agencies behind each event', async () => {
    // A case handed over to the police: its Migration Agency case, the Police's return case, and maybe a transport.
    const { body } = await ask(
      `{ cases(where: { caseType: [ASYLUM] }, first: 300) { nodes { caseId sources { agency resource sourceId deliveryId extractId }
        events { eventType agency sources } } } }`,
      ANALYST_KEY,
    );
    expect(body.errors).toBeUndefined();
    type Node = {
      sources: { agency: string; resource: string; sourceId: string; extractId: number }[];
      events: { eventType: string; sources: string[] }[];
    };
    const nodes = (body.data?.cases as { nodes: Node[] }).nodes;
    for (const n of nodes)
      expect(n.sources[0]).toMatchObject({
        agency: 'migrationsverket',
        resource: 'cases',
        sourceId: expect.stringMatching(/^MIG-\d+$/),
        extractId: 1,
      });
    const handedOver = nodes.find((n) => n.events.some((e) => e.eventType === 'handed_to_police'));
    expect(handedOver, 'no case handed to the police among the first 300 asylum cases').toBeDefined();
    expect(handedOver?.sources.map((s) => s.agency)).toContain('polismyndigheten');
    expect(handedOver?.events.find((e) => e.eventType === 'handed_to_police')?.sources).toEqual(['migrationsverket', 'polismyndigheten']);
    const enforced = nodes.find((n) => n.events.some((e) => e.eventType === 'departed_enforced'));
    if (enforced) {
      expect(enforced.sources.map((s) => s.agency)).toEqual(['migrationsverket', 'polismyndigheten', 'kriminalvarden']);
      expect(enforced.events.find((e) => e.eventType === 'departed_enforced')?.sources).toEqual(['kriminalvarden', 'polismyndigheten']);
    }
  });
});
