import { Writable } from 'node:stream';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../resolvers/context.js';
import { clientIdentifier } from '../server/observability/client-identity.js';
import { createLogger } from '../server/observability/logger.js';
import { createApiMetrics } from '../server/observability/metrics.js';
import { requestLogPlugin } from '../server/observability/request-log-plugin.js';
import { QueryCounter } from '../warehouse/database/query-counter.js';

// The API's schema has no deprecated field yet: a small one with a field on its way out, behind the API's own plugin.
const schema = buildSchema(`
  type Query {
    total: Int @deprecated(reason: "Use amount.")
    amount: Int
  }
`);

describe('the deprecated-fields counter', () => {
  it('counts, per registered client, the requests that read a deprecated field: who would break if it were removed', async () => {
    const metrics = createApiMetrics();
    const lines: { client?: string; clientVersion?: string }[] = [];
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const server = new ApolloServer<RequestContext>({
      schema,
      plugins: [requestLogPlugin(createLogger('info', output), metrics, schema, clientIdentifier(new Set(['reporting-app'])))],
    });
    await server.start();
    try {
      const send = (query: string, client: string) => {
        const headers = new HeaderMap([
          ['apollographql-client-name', client],
          ['apollographql-client-version', '3.1.0'],
        ]);
        const contextValue = { queries: new QueryCounter(), requestId: 'test', role: 'public' } as unknown as RequestContext;
        return server.executeOperation({ query, http: { method: 'POST', headers, search: '', body: {} } }, { contextValue });
      };
      await send('query Old { total }', 'reporting-app');
      await send('query Old { total }', 'reporting-app');
      await send('query Old { total amount }', 'unknown-app');
      await send('query New { amount }', 'reporting-app');
      const text = await metrics.registry.metrics();
      expect(text).toContain('graphql_deprecated_fields_total{client="reporting-app",field="Query.total"} 2');
      expect(text).toContain('graphql_deprecated_fields_total{client="other",field="Query.total"} 1');
      expect(text).not.toMatch(/graphql_deprecated_fields_total\{[^}]*field="Query\.amount"/);
      expect(lines.map((l) => `${l.client} ${l.clientVersion}`)).toEqual([
        'reporting-app 3.1.0',
        'reporting-app 3.1.0',
        'other other',
        'reporting-app 3.1.0',
      ]);
    } finally {
      await server.stop();
    }
  });
});
