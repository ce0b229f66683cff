/**
 * One child of `npm run bench:http`: the product's schemas, plugins and request context served by one HTTP stack,
 * on the given loopback port. Each stack runs in a process of its own, so that a
 * stack's garbage and JIT state never fall on another's measurement.
 *
 *   tsx bench/http-stack-server.ts '{"stack":"node-http","log":true,"metrics":true}' <database url> <port>
 *
 * Stacks: `app` (createApp, every route: what `npm start` serves), `before` (createApp of the checkout named by
 * BENCH_BEFORE_TREE: its own modules, so a change is measured before → after in one run), `express5` (express.json and
 * `@as-integrations/express5` alone, as /graphql was served before the node:http front), `fastify`
 * (`@as-integrations/fastify`) and `node-http` (`executeHTTPGraphQLRequest` from a plain `node:http` handler).
 * `log` writes the request log line (pino, to /dev/null: its serialisation and write, not a terminal's),
 * `metrics` observes the request histograms; both are on in production.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import express from 'express';
import Fastify from 'fastify';
import pino from 'pino';
import { createRequestContext, type RequestContext } from '../resolvers/context.js';
import { readAccessConfig, resolveRole } from '../server/api-keys.js';
import { audienceOf } from '../server/build-schema.js';
import { createApp } from '../server/create-app.js';
import { apolloAnswer, graphqlHandler, jsonBody, sendJson } from '../server/graphql-http-handler.js';
import { DEFAULT_MAX_QUERY_COST } from '../server/list-cost-limit.js';
import { clientIdentifier } from '../server/observability/client-identity.js';
import { createLogger } from '../server/observability/logger.js';
import { createApiMetrics, type ApiMetrics } from '../server/observability/metrics.js';
import { requestSpan } from '../server/observability/request-span.js';
import { createRoleApollo } from '../server/role-apollo.js';
import { connectWarehouse } from '../warehouse/database/connect.js';

export type Stack = 'app' | 'before' | 'express5' | 'fastify' | 'node-http';

export interface StackVariant {
  stack: Stack;
  log: boolean;
  metrics: boolean;
  /** graphql-jit for repeated documents (the product's default) or graphql-js always. */
  jit?: boolean;
}

const variant = JSON.parse(process.argv[2] ?? '{}') as StackVariant;
const databaseUrl = process.argv[3];
const port = Number(process.argv[4]);
if (!databaseUrl || !port) throw new Error('usage: http-stack-server.ts <variant json> <database url> <port>');

const warehouse = connectWarehouse(databaseUrl, { maxConnections: 10 });
const logger = createLogger(variant.log ? 'info' : 'silent', pino.destination({ dest: '/dev/null', sync: false, minLength: 0 }));
const access = readAccessConfig({});

/** The product's metrics, or the same object whose per-request observations do nothing (to price them). */
function metricsOf(on: boolean): ApiMetrics {
  const metrics = createApiMetrics(warehouse.pool);
  if (on) return metrics;
  const idle = { inc: () => undefined, observe: () => undefined } as never;
  return { ...metrics, requests: idle, duration: idle, statements: idle, deprecatedFields: idle };
}

async function roleServers(httpServer: http.Server) {
  return createRoleApollo({
    production: true,
    httpServer,
    trusted: undefined,
    maxQueryCost: DEFAULT_MAX_QUERY_COST,
    logger,
    metrics: metricsOf(variant.metrics),
    identifyClient: clientIdentifier(new Set()),
    jit: variant.jit ?? false,
  });
}

/** The product's context function: the role from the key, a request id, the request's loaders. */
function contextFor(req: IncomingMessage): RequestContext {
  const resolved = resolveRole(req, access);
  if ('error' in resolved) throw new Error('the bench sends no key');
  const id = req.headers['x-request-id'];
  return createRequestContext(warehouse.db, resolved.role, (typeof id === 'string' ? id.slice(0, 64) : undefined) ?? randomUUID());
}

function serverFor(servers: Awaited<ReturnType<typeof roleServers>>, req: IncomingMessage): ApolloServer<RequestContext> {
  const resolved = resolveRole(req, access);
  return servers.forAudience('error' in resolved ? 'public' : audienceOf(resolved.role));
}

async function listen(server: http.Server): Promise<void> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

async function start(): Promise<void> {
  switch (variant.stack) {
    case 'before':
    case 'app': {
      if (!variant.metrics) throw new Error('the app stack always observes its metrics');
      // `before`: createApp of another checkout (BENCH_BEFORE_TREE, e.g. the main branch's), for before → after in one run.
      const tree = process.env.BENCH_BEFORE_TREE;
      if (variant.stack === 'before' && !tree) throw new Error('the before stack needs BENCH_BEFORE_TREE');
      const create: typeof createApp =
        variant.stack === 'before' ? (await import(path.join(tree as string, 'server/create-app.ts'))).createApp : createApp;
      const app = await create({
        db: warehouse.db,
        pool: warehouse.pool,
        production: true,
        bodyLimit: '100kb',
        logger,
        access,
        rateLimitPerMinute: 0,
      });
      return listen(app.httpServer);
    }
    case 'express5': {
      const app = express();
      app.disable('x-powered-by');
      const httpServer = http.createServer(app);
      const servers = await roleServers(httpServer);
      const byAudience = {
        public: expressMiddleware(servers.forAudience('public'), { context: async ({ req }) => contextFor(req) }),
        full: expressMiddleware(servers.forAudience('full'), { context: async ({ req }) => contextFor(req) }),
      };
      app.use('/graphql', express.json({ limit: '100kb' }), requestSpan('/graphql'), (req, res, next) =>
        byAudience[serverFor(servers, req) === servers.forAudience('public') ? 'public' : 'full'](req, res, next),
      );
      return listen(httpServer);
    }
    case 'fastify': {
      const fastify = Fastify({ bodyLimit: 100 * 1024 });
      const servers = await roleServers(fastify.server);
      const byAudience = {
        public: fastifyApolloHandler(servers.forAudience('public'), { context: async (request) => contextFor(request.raw) }),
        full: fastifyApolloHandler(servers.forAudience('full'), { context: async (request) => contextFor(request.raw) }),
      };
      fastify.route({
        url: '/graphql',
        method: ['GET', 'POST'],
        handler(request, reply) {
          const audience = serverFor(servers, request.raw) === servers.forAudience('public') ? 'public' : 'full';
          return byAudience[audience].call(this, request, reply);
        },
      });
      await fastify.listen({ port, host: '127.0.0.1' });
      return;
    }
    case 'node-http': {
      const httpServer = http.createServer();
      const servers = await roleServers(httpServer);
      // The product's /graphql chain without a rate limit, trusted documents or result cache (all off in the bench).
      const graphql = graphqlHandler(
        [jsonBody('100kb'), requestSpan('/graphql')],
        apolloAnswer(
          (req) => ({ apollo: serverFor(servers, req), lane: undefined }),
          async (req) => contextFor(req),
        ),
        (error, res) => sendJson(res, error.status ?? 500, { errors: [{ message: error.message }] }),
      );
      httpServer.on('request', (req, res) => {
        if (req.url?.startsWith('/graphql')) return graphql(req, res);
        res.writeHead(404).end();
      });
      return listen(httpServer);
    }
  }
}

await start();
console.log(`${variant.stack} listening on ${port}`);
