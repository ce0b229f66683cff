import { readConfig, SETTINGS } from '../config/settings.js';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import express from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { GraphQLError } from 'graphql';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { ErrorCode } from '../resolvers/api-errors.js';
import { createRequestContext, type RequestContext } from '../resolvers/context.js';
import { audienceOf } from './build-schema.js';
import type { ClusterSupervisor } from '../warehouse/database/cluster-supervisor.js';
import type { Database } from '../warehouse/database/tables.js';
import { readAccessConfig, resolveRole, type AccessConfig } from './api-keys.js';
import { adminOnly } from './admin-only.js';
import { healthRouter } from './health-route.js';
import { DEFAULT_MAX_QUERY_COST } from './list-cost-limit.js';
import { metricExportRouter } from './metric-export-route.js';
import { noStorePlugin } from './no-store-plugin.js';
import { clientIdentifier } from './observability/client-identity.js';
import { createLogger, type Logger } from './observability/logger.js';
import { requestSpan } from './observability/request-span.js';
import { createApiMetrics, registerAdmissionMetrics, type ApiMetrics } from './observability/metrics.js';
import { AdmissionQueue, type NotComputed } from './admission-queue.js';
import { admittedAnswer } from './admitted-answer.js';
import { LoopTurns, TurnTakingPlugin } from './loop-turns.js';
import { shareGenerationMemo } from '../warehouse/database/generation-memo.js';
import { groupingLane } from './grouping-lane.js';
import { faviconRouter } from './playground/favicon.js';
import { playgroundRouter } from './playground/playground-route.js';
import { createRoleApollo } from './role-apollo.js';
import { cachedGraphQLAnswers } from './result-cache/graphql-cache-middleware.js';
import { startResultCache, type ResultCacheOptions } from './result-cache/start-result-cache.js';
import { loadTrustedDocuments } from './trusted-documents.js';
import { clientsDirectory, readClientRegistry } from '../contract/client-registry.js';
import { corsPolicy } from './pxweb/cors-policy.js';
import { PXWEB_BASE, pxwebRouter } from './pxweb/pxweb-router.js';
import { PROBLEM_MEDIA_TYPE, PxProblem } from './pxweb/pxweb-problem.js';
import {
  apolloAnswer,
  graphqlHandler,
  jsonBody,
  LimitableResponse,
  sendJson,
  type HttpError,
  type RequestServer,
  type Step,
} from './graphql-http-handler.js';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface AppOptions {
  db: Kysely<Database>;
  production: boolean;
  bodyLimit: string;
  /** The pool behind `db`, for pool metrics. */
  pool?: pg.Pool;
  access?: AccessConfig;
  rateLimitPerMinute?: number;
  maxQueryCost?: number;
  trustedDocuments?: string;
  exportRowCap?: number;
  logger?: Logger;
  /** Serve /metrics on this port (metricsServer) instead of on the API's port for admin keys. */
  metricsPort?: number;
  /** The embedded cluster's supervisor, when this process runs one: health and /metrics report it. */
  supervisor?: ClusterSupervisor;
  /** Answers repeated requests from memory until the warehouse changes (server/result-cache/); off when absent or 0 bytes. */
  resultCache?: ResultCacheOptions;
  /** Serve each role's schema as a Federation 2 subgraph (SUBGRAPH=true). */
  subgraph?: boolean;
  /** The registry of apps whose names label logs and metrics; by default clients/ (or TRUSTED_DOCUMENTS when it is one). */
  clientsDirectory?: string;
  /** Origins allowed to call the PxWeb face from a browser (PXWEB_CORS_ORIGINS); unset: closed. */
  pxwebCorsOrigins?: string;
  /** Execute repeated documents with graphql-jit (default) or always with graphql-js (false). */
  jit?: boolean;
  /** Answer queries already answered in full without Apollo's per-request pipeline (default true; needs jit). */
  operationLane?: boolean;
  /** GraphQL operations executing at once (server/admission-queue.ts); absent or 0: no limit. */
  concurrency?: number;
  /** PxWeb data requests computing at once; absent or 0: no limit. */
  pxwebConcurrency?: number;
  /** Large metric groupings computing at once (server/grouping-lane.ts); absent or 0: no limit. */
  groupingConcurrency?: number;
  /** Estimated rows from which a metric grouping is large (default 5 000). */
  largeGroupingRows?: number;
  /** Requests waiting for a turn at most, per queue; more are refused with 503 (default 1000). */
  queueMax?: number;
  /** Hand each statement's result on in an event-loop turn of its own (server/loop-turns.ts); default true. */
  loopTurns?: boolean;
}

export interface App {
  httpServer: http.Server;
  /** The analyst and admin schema's server (the public role has its own: server/role-apollo.ts). */
  apollo: ApolloServer<RequestContext>;
  /** With metricsPort: the server of /metrics, not yet listening. */
  metricsServer?: http.Server;
  /** Stops accepting connections and waits for in-flight requests (Apollo's drain plugin). */
  stop(): Promise<void>;
}

/** The product's version, for the PxWeb /config answer. */
const APP_VERSION = '0.1.0';

/** A GraphQL-shaped error body for refusals made outside GraphQL (keys, rate limits, bodies). */
const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/** Builds the HTTP server: GraphQL at /graphql, CSV export, playground, health and metrics. Not yet listening. */
export async function createApp(options: AppOptions): Promise<App> {
  const logger = options.logger ?? createLogger(readConfig(process.env).logLevel);
  const metrics = createApiMetrics(options.pool, options.supervisor);
  // Computed answers take turns (cached ones do not wait): GraphQL operations, and PxWeb's large data requests apart.
  // Each queue counts the requests it refuses or drops.
  const notComputed = (reason: NotComputed) => metrics.rejected.inc({ reason });
  const admission = new AdmissionQueue(options.concurrency ?? 0, options.queueMax ?? 1000, notComputed);
  const pxwebAdmission = new AdmissionQueue(options.pxwebConcurrency ?? 0, options.queueMax ?? 1000, notComputed);
  const groupingAdmission = new AdmissionQueue(options.groupingConcurrency ?? 0, options.queueMax ?? 1000, notComputed);
  registerAdmissionMetrics(metrics.registry, { graphql: admission, pxweb: pxwebAdmission, grouping: groupingAdmission });
  const lane = groupingLane(groupingAdmission, options.largeGroupingRows ?? SETTINGS.largeGroupingRows.parse(undefined));
  const access = options.access ?? readAccessConfig();
  const app = express();
  app.disable('x-powered-by');
  // Requests reach /graphql's handler or the express app (below); Apollo's drain plugin closes this server.
  const httpServer = http.createServer({ ServerResponse: LimitableResponse });
  const trusted = options.trustedDocuments ? loadTrustedDocuments(options.trustedDocuments) : undefined;
  const registryFolder =
    options.clientsDirectory ??
    (options.trustedDocuments && statSync(options.trustedDocuments).isDirectory() ? options.trustedDocuments : clientsDirectory());
  const registeredClients = new Set(readClientRegistry(registryFolder).map((c) => c.name));
  // One schema per role: the public role's has no case-level field or type (server/role-apollo.ts).
  const servers = await createRoleApollo({
    production: options.production,
    httpServer,
    trusted,
    maxQueryCost: options.maxQueryCost ?? DEFAULT_MAX_QUERY_COST,
    logger,
    metrics,
    identifyClient: clientIdentifier(registeredClients),
    subgraph: options.subgraph,
    jit: options.jit ?? true,
    operationLane: options.operationLane ?? true,
  });
  const apollo = servers.forAudience('full');
  // The result cache (when RESULT_CACHE_MB > 0) and the generation memo follow the warehouse generation.
  const following = options.resultCache ? startResultCache(options.resultCache, options.db, metrics, logger) : null;
  await following?.ready;
  const resultCache = following?.cache ?? undefined;
  // Requests read through a handle whose results take turns in the event loop (server/loop-turns.ts), with the
  // process's generation memo all the same.
  const requestDb = options.loopTurns === false ? options.db : options.db.withPlugin(new TurnTakingPlugin(new LoopTurns()));
  shareGenerationMemo(options.db, requestDb);

  /** The request's context: its role from the API key (or a refusal), and a request id for the logs. */
  const contextFor = async (req: IncomingMessage): Promise<RequestContext> => {
    const resolved = resolveRole(req, access);
    if ('error' in resolved) {
      metrics.rejected.inc({ reason: ErrorCode.FORBIDDEN });
      throw new GraphQLError(resolved.error === 'missing' ? 'An API key is required (x-api-key header)' : 'Unknown API key', {
        extensions: { code: ErrorCode.FORBIDDEN, http: { status: 401 } },
      });
    }
    const id = req.headers['x-request-id'];
    const requestId = (typeof id === 'string' ? id.slice(0, 64) : undefined) ?? randomUUID();
    return createRequestContext(requestDb, resolved.role, requestId, lane);
  };

  app.use(healthRouter(options.db, options.supervisor));
  // Prometheus metrics: on a port of their own (METRICS_PORT), else here for an admin key only.
  const serveMetrics: express.RequestHandler = async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
  const metricsApp = express();
  metricsApp.disable('x-powered-by');
  metricsApp.get('/metrics', serveMetrics);
  if (options.metricsPort === undefined) app.get('/metrics', adminOnly(access), serveMetrics);
  // One limit per key (or address) across /graphql, /export and the PxWeb face: one limiter, one store.
  const rateLimited = (options.rateLimitPerMinute ?? 0) > 0 ? rateLimiter(options.rateLimitPerMinute ?? 0, access, metrics) : undefined;
  if (rateLimited) app.use(['/graphql', '/export', PXWEB_BASE], rateLimited);
  // A CSV export runs a GraphQL operation too: one trace each, like /graphql's.
  app.use('/export', requestSpan('/export'));
  app.use(
    PXWEB_BASE,
    pxwebRouter({
      db: requestDb,
      access,
      logger,
      metrics,
      cache: resultCache,
      cors: corsPolicy(options.pxwebCorsOrigins),
      rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
      bodyLimit: options.bodyLimit,
      appVersion: APP_VERSION,
      admission: pxwebAdmission,
    }),
  );
  app.use(metricExportRouter((role) => servers.forRole(role), contextFor, options.exportRowCap ?? 100_000, trusted, resultCache, admission));
  if (!options.production) {
    app.use('/playground', playgroundRouter('/graphql'));
    // A browser opening the endpoint itself (Accept: text/html first) gets the playground, not a JSON error.
    app.get('/graphql', (req, res, next) => {
      const wanted = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']);
      if (wanted === 'text/html' && req.query.query === undefined) return res.redirect(303, '/playground');
      return next();
    });
  }
  app.use(faviconRouter());
  app.get('/', (_req, res) => {
    res.redirect(options.production ? '/health' : '/playground');
  });
  // The caller's schema: by its role; a bad or missing key goes to the public server, whose context refuses it.
  const serverFor = (req: IncomingMessage): RequestServer => {
    const resolved = resolveRole(req, access);
    if ('error' in resolved) return { apollo: servers.forAudience('public'), lane: undefined };
    const audience = audienceOf(resolved.role);
    return { apollo: servers.forAudience(audience), lane: servers.laneFor(audience) };
  };
  const answer = admittedAnswer(admission, apolloAnswer(serverFor, contextFor));
  // Bodies that are too large or not JSON never reach GraphQL: they are answered in the same error shape.
  const refuse = (error: HttpError, res: ServerResponse) => {
    if (res.headersSent) {
      logger.error({ err: error.message }, 'HTTP error after the response started');
      res.destroy();
      return;
    }
    if (error.type === 'entity.too.large')
      return sendJson(res, 413, errorBody(ErrorCode.BAD_USER_INPUT, `Request body larger than ${options.bodyLimit}`));
    if (error.type === 'entity.parse.failed') return sendJson(res, 400, errorBody(ErrorCode.BAD_USER_INPUT, 'Request body is not valid JSON'));
    logger.error({ err: error.message }, 'unhandled HTTP error');
    return sendJson(res, error.status ?? 500, errorBody(ErrorCode.INTERNAL, 'Internal error.'));
  };
  const graphql = graphqlHandler(
    [
      ...(rateLimited ? [rateLimited as unknown as Step] : []),
      jsonBody(options.bodyLimit),
      requestSpan('/graphql'),
      ...(trusted ? [trusted.guard] : []),
    ],
    resultCache ? cachedGraphQLAnswers(resultCache, access, answer) : answer,
    refuse,
  );
  // Other spellings of the path (/graphql/, /GraphQL) and, outside production, GETs (a browser's goes to the
  // playground) come through the express app, which has run its own rate limit by then.
  const viaExpress = graphqlHandler(
    [jsonBody(options.bodyLimit), requestSpan('/graphql'), ...(trusted ? [trusted.guard] : [])],
    resultCache ? cachedGraphQLAnswers(resultCache, access, answer) : answer,
    refuse,
  );
  app.use('/graphql', (req, res) => viaExpress(req, res));
  app.use((error: HttpError, _req: express.Request, res: express.Response, _next: express.NextFunction) => refuse(error, res));
  // POST /graphql (and GET in production) goes straight to its handler; every other request to the express app.
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    const path = url.length > 8 && url.charCodeAt(8) === 63 /* ? */ ? url.slice(0, 8) : url;
    if (path === '/graphql' && (req.method === 'POST' || (options.production && req.method === 'GET'))) return graphql(req, res);
    return app(req, res);
  });
  const metricsServer = options.metricsPort === undefined ? undefined : http.createServer(metricsApp);
  return {
    httpServer,
    apollo,
    metricsServer,
    stop: async () => {
      if (metricsServer?.listening) await new Promise((resolve) => metricsServer.close(resolve));
      await servers.stop();
      await following?.stop();
    },
  };
}

/**
 * The rate limit: per API key when there is one (keys are compared as digests; the limiter sees only the digest
 * prefix), else per address. It runs in front of /graphql's own handler as well as in the express app, so it reads
 * only what plain `node:http` requests have (the socket's address: the app trusts no proxy header) and answers
 * with node's own response methods.
 */
function rateLimiter(perMinute: number, access: AccessConfig, metrics: ApiMetrics): express.RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const resolved = resolveRole(req, access);
      return 'key' in resolved && resolved.key ? `key:${resolved.key}` : `ip:${ipKeyGenerator(req.socket.remoteAddress ?? 'unknown')}`;
    },
    handler: (req, res) => {
      metrics.rejected.inc({ reason: 'RATE_LIMITED' });
      const resolved = resolveRole(req, access);
      // The PxWeb face answers in its own problem shape (Retry-After is set by the limiter); it is served by the
      // express app only, so its response has express's methods.
      if (req.baseUrl === PXWEB_BASE) {
        const problem = new PxProblem('tooManyRequests', 'Too many requests; retry after the Retry-After seconds');
        return res.status(429).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(problem.body()));
      }
      const who =
        'key' in resolved && resolved.key ? 'for this API key' : 'from this address (requests without an API key share one limit per address)';
      sendJson(res, 429, errorBody('RATE_LIMITED', `Too many requests ${who}; slow down and retry after the Retry-After seconds`));
    },
  });
}
