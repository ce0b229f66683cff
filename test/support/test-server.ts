import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { createApp, type AppOptions } from '../../server/create-app.js';
import { createLogger } from '../../server/observability/logger.js';
import type { Database } from '../../warehouse/database/tables.js';

export interface TestServer {
  url: string;
  /** POSTs a GraphQL request as a client would. */
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GraphQLBody<T> }>;
  /** With metricsPort set: starts the /metrics listener on a free port and returns it. */
  listenMetrics(): Promise<number>;
  close(): Promise<void>;
}

export interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** The real HTTP server on a free loopback port, over the given database. */
export async function startTestServer(db: Kysely<Database>, options: Partial<Omit<AppOptions, 'db'>> = {}): Promise<TestServer> {
  const app = await createApp({ production: false, bodyLimit: '100kb', logger: createLogger('silent'), ...options, db });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async graphql<T>(query: string, variables?: Record<string, unknown>) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody<T> };
    },
    async listenMetrics() {
      const server = app.metricsServer;
      if (!server) throw new Error('no metricsPort');
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    },
    close: () => app.stop(),
  };
}
