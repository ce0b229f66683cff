import { serverAudits, type AuditFail, type AuditResult } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useServerFixture } from './support/server-fixture.js';
import { startTestServer } from './support/test-server.js';

const fixture = useServerFixture();

/**
 * MAY audits that send a GET without a content type or preflight header: Apollo's CSRF prevention refuses them on
 * purpose (400 with BAD_USER_INPUT), since a browser could send them cross-site.
 */
const CSRF_REFUSED_MAY = ['5A70', 'D6D5', '6A70'];

/** Audits whose queries read `__type`, which production refuses because introspection is off there. */
const NEED_INTROSPECTION = ['28B9', '2EA1'];

async function runAudits(url: string): Promise<AuditResult[]> {
  const results: AuditResult[] = [];
  // One at a time, in the suite's order: a failure then reproduces the same way.
  for (const audit of serverAudits({ url: `${url}/graphql` })) results.push(await audit.fn());
  return results;
}

async function describeFailures(results: AuditResult[]): Promise<string[]> {
  const failed = results.filter((r): r is AuditFail => r.status !== 'ok');
  return Promise.all(
    failed.map(async (r) => `${r.id} ${r.name}: ${r.reason} (${r.response.status} ${(await r.response.clone().text()).slice(0, 200)})`),
  );
}

describe('GraphQL over HTTP audits (graphql-http serverAudits)', () => {
  it('passes every MUST and SHOULD against the development server', async () => {
    const results = await runAudits(fixture.server.url);
    expect(results.length).toBeGreaterThanOrEqual(60);
    const required = results.filter((r) => !r.name.startsWith('MAY'));
    expect(await describeFailures(required)).toEqual([]);
    const mayFailing = results.filter((r) => r.name.startsWith('MAY') && r.status !== 'ok').map((r) => r.id);
    expect(mayFailing.sort()).toEqual([...CSRF_REFUSED_MAY].sort());
  });

  it('in production fails only the audits that need introspection', async () => {
    const production = await startTestServer(fixture.database.db, { production: true });
    try {
      const results = await runAudits(production.url);
      const failing = results.filter((r) => !r.name.startsWith('MAY') && r.status !== 'ok').map((r) => r.id);
      expect(failing.sort(), (await describeFailures(results)).join('\n')).toEqual([...NEED_INTROSPECTION].sort());
    } finally {
      await production.close();
    }
  });
});
