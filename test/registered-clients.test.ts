import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, parse, print, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkClientDocuments } from '../contract/client-documents.js';
import { clientsDirectory, readClientRegistry } from '../contract/client-registry.js';
import { DERIVED_MANIFEST, derivedClients } from '../contract/derived-clients.js';
import { sha256 } from '../contract/persisted-manifest.js';
import { audienceOf, buildApiSchema, printApiSchema } from '../server/build-schema.js';
import { clientIdentifier } from '../server/observability/client-identity.js';
import { deprecatedUsage } from '../server/observability/deprecated-fields.js';
import { useServerFixture } from './support/server-fixture.js';
import { startTestServer } from './support/test-server.js';

const fixture = useServerFixture();

/** The full SDL without one field of Query, as a careless change would leave it. */
async function fullSchemaWithout(field: string) {
  const edited = visit(parse(await printApiSchema('full')), {
    FieldDefinition: (node, _key, _parent, _path, ancestors) => {
      const owner = ancestors.at(-1);
      return node.name.value === field && owner && 'name' in owner && owner.name?.value === 'Query' ? null : undefined;
    },
  });
  return buildSchema(print(edited));
}

describe('registered client documents (clients/)', () => {
  it('validate against the schema of the role each app uses', async () => {
    const schemas = { public: await buildApiSchema('public'), full: await buildApiSchema('full') };
    const clients = readClientRegistry();
    expect(clients.map((c) => c.name)).toEqual(expect.arrayContaining(['playground', 'readme']));
    expect(checkClientDocuments(clients, (role) => schemas[audienceOf(role)])).toEqual([]);
  });

  it('fail, naming the app and the operation, when a field one of them uses is removed', async () => {
    const withoutMetric = await fullSchemaWithout('metric');
    const problems = checkClientDocuments(readClientRegistry(), () => withoutMetric);
    expect(problems.join('\n')).toMatch(
      /client "playground" \(analyst\), operation ApprovalRateBySegment \(.*persisted-documents\.json\): Cannot query field "metric"/,
    );
    expect(problems.some((p) => p.startsWith('client "readme"'))).toBe(true);
  });

  it('hold the playground tabs and the README operations as their sources have them (run `npm run clients:write`)', async () => {
    for (const client of derivedClients()) {
      const folder = path.join(clientsDirectory(), client.name);
      expect(JSON.parse(await readFile(path.join(folder, DERIVED_MANIFEST), 'utf8'))).toEqual(client.manifest);
      expect(JSON.parse(await readFile(path.join(folder, 'client.json'), 'utf8'))).toEqual({ role: client.role });
      expect(Object.keys(client.manifest).length).toBeGreaterThan(3);
    }
  });

  it('serve as TRUSTED_DOCUMENTS, and label metrics with registered client names only', async () => {
    const registry = await mkdtemp(path.join(os.tmpdir(), 'clients-'));
    const app = path.join(registry, 'statistics-app');
    await mkdir(app);
    const query = 'query CatalogNames { metricCatalog { name } }\n';
    await writeFile(path.join(app, 'catalog-names.graphql'), query);
    const server = await startTestServer(fixture.database.db, { trustedDocuments: registry, metricsPort: 0 });
    try {
      const send = (body: unknown, client: string) =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'apollographql-client-name': client, 'apollographql-client-version': '2.1.0' },
          body: JSON.stringify(body),
        });
      const byText = (await (await send({ query }, 'statistics-app')).json()) as { data?: { metricCatalog: unknown[] } };
      expect(byText.data?.metricCatalog.length).toBeGreaterThan(10);
      const byHash = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }, 'statistics-app');
      expect(byHash.status).toBe(200);
      expect((await send({ query: '{ metricCatalog { unit } }' }, 'statistics-app')).status).toBe(403);
      await send({ query }, 'someone-else');
      const metrics = await (await fetch(`http://127.0.0.1:${await server.listenMetrics()}/metrics`)).text();
      expect(metrics).toMatch(/graphql_requests_total\{operation="CatalogNames",outcome="ok",client="statistics-app",client_version="2\.1\.0"\} 2/);
      expect(metrics).toMatch(/graphql_requests_total\{operation="CatalogNames",outcome="ok",client="other",client_version="other"\} 1/);
      expect(metrics).not.toContain('someone-else');
    } finally {
      await server.close();
    }
  });
});

describe('client labels and deprecated fields', () => {
  it('bound the label values: unregistered names and unusual or too many versions become "other"', () => {
    const identify = clientIdentifier(new Set(['app']));
    expect(identify('app', '1.2.3')).toEqual({ name: 'app', version: '1.2.3' });
    expect(identify('intruder', '1.2.3')).toEqual({ name: 'other', version: 'other' });
    expect(identify(undefined, undefined)).toEqual({ name: 'other', version: 'other' });
    expect(identify('app', 'x'.repeat(100))).toEqual({ name: 'app', version: 'other' });
    for (let i = 0; i < 30; i++) identify('app', `1.0.${i}`);
    expect(identify('app', '1.0.29').version).toBe('other');
    expect(identify('app', '1.2.3').version).toBe('1.2.3');
  });

  it('lists the deprecated fields, arguments and enum values an operation reads', () => {
    const schema = buildSchema(`
      enum Unit { SEK TKR @deprecated(reason: "Use SEK.") }
      type Query {
        amount(unit: Unit, rounded: Boolean @deprecated(reason: "Always rounded.")): Int
        total: Int @deprecated(reason: "Use amount.")
      }
    `);
    const usage = deprecatedUsage(schema);
    const document = parse('{ amount(unit: TKR, rounded: true) total }');
    expect(usage(document)).toEqual(['Query.amount(rounded:)', 'Query.total', 'Unit.TKR']);
    expect(usage(document)).toBe(usage(document));
    expect(usage(parse('{ amount(unit: SEK) }'))).toEqual([]);
  });
});
