import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { GraphQLError } from 'graphql';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { ErrorCode } from '../resolvers/api-errors.js';
import { createRequestContext, type RequestContext } from '../resolvers/context.js';
import { buildApiSchema } from '../schema/build-schema.js';
import type { Database } from '../warehouse/database/tables.js';
import { readAccessConfig, resolveRole, type AccessConfig } from './api-keys.js';
import { formatApiError } from './format-error.js';
import { healthRouter } from './health-route.js';
import { DEFAULT_MAX_QUERY_COST, listCostLimit } from './list-cost-limit.js';
import { metricExportRouter } from './metric-export-route.js';
import { noStorePlugin } from './no-store-plugin.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createApiMetrics } from './observability/metrics.js';
import { requestLogPlugin } from './observability/request-log-plugin.js';
import { playgroundRouter } from './playground/playground-route.js';
import { queryLimits } from './query-limits.js';
import { graphqlCacheMiddleware } from './result-cache/graphql-cache-middleware.js';
import { startResultCache, type ResultCacheOptions } from './result-cache/start-result-cache.js';
import { loadTrustedDocuments } from './trusted-documents.js';
import { KnownOperationTypesRule } from './validation/known-operation-types.rule.js';

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
  /** Answers repeated requests from memory until the warehouse changes (server/result-cache/); off when absent or 0 bytes. */
  resultCache?: ResultCacheOptions;
}

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /** Stops accepting connections and waits for in-flight requests (Apollo's drain plugin). */
  stop(): Promise<void>;
}

/** A GraphQL-shaped error body for refusals made outside GraphQL (keys, rate limits, bodies). */
const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/** Builds the HTTP server: GraphQL at /graphql, CSV export, playground, health and metrics. Not yet listening. */
export async function createApp(options: AppOptions): Promise<App> {
  const schema = await buildApiSchema();
  const logger = options.logger ?? createLogger(process.env.LOG_LEVEL ?? (options.production ? 'info' : 'warn'));
  const metrics = createApiMetrics(options.pool);
  const access = options.access ?? readAccessConfig();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const limits = queryLimits();
  const trusted = options.trustedDocuments ? loadTrustedDocuments(options.trustedDocuments) : undefined;
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    persistedQueries: trusted ? { cache: trusted.cache } : false,
    validationRules: [...limits.validationRules, KnownOperationTypesRule],
    formatError: (formatted, error) => formatApiError(formatted, error, !options.production),
    plugins: [
      // graphql-armor ships CommonJS typings of the same plugin interface.
      ...(limits.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      listCostLimit(schema, options.maxQueryCost ?? DEFAULT_MAX_QUERY_COST) as ApolloServerPlugin<RequestContext>,
      requestLogPlugin(logger, metrics),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // The same no-store header without Apollo's per-field cache-hint wrapping (server/no-store-plugin.ts).
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin<RequestContext>(),
    ],
  });
  await apollo.start();
  const resultCache = options.resultCache && options.resultCache.maxBytes > 0 ? startResultCache(options.resultCache, options.db, metrics, logger) : null;
  await resultCache?.ready;

  /** The request's context: its role from the API key (or a refusal), and a request id for the logs. */
  const contextFor = async (req: Request): Promise<RequestContext> => {
    const resolved = resolveRole(req, access);
    if ('error' in resolved) {
      metrics.rejected.inc({ reason: ErrorCode.FORBIDDEN });
      throw new GraphQLError(resolved.error === 'missing' ? 'An API key is required (x-api-key header)' : 'Unknown API key', {
        extensions: { code: ErrorCode.FORBIDDEN, http: { status: 401 } },
      });
    }
    const requestId = req.header('x-request-id')?.slice(0, 64) ?? randomUUID();
    return createRequestContext(options.db, resolved.role, requestId);
  };

  app.use(healthRouter(options.db));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  if ((options.rateLimitPerMinute ?? 0) > 0) {
    app.use(['/graphql', '/export'], rateLimit({
      windowMs: 60_000,
      limit: options.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Per API key when there is one (keys are compared as digests; the limiter sees only the digest prefix).
      keyGenerator: (req) => {
        const resolved = resolveRole(req, access);
        return 'key' in resolved && resolved.key ? `key:${resolved.key}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
      },
      handler: (_req, res) => {
        metrics.rejected.inc({ reason: 'RATE_LIMITED' });
        res.status(429).json(errorBody('RATE_LIMITED', 'Too many requests for this API key; slow down and retry after the Retry-After seconds'));
      },
    }));
  }
  app.use(metricExportRouter(apollo, contextFor, options.exportRowCap ?? 100_000, resultCache?.cache));
  if (!options.production) app.use('/playground', playgroundRouter('/graphql'));
  app.get('/', (_req, res) => {
    res.redirect(options.production ? '/health' : '/playground');
  });
  const graphqlHandlers = [express.json({ limit: options.bodyLimit }), ...(trusted ? [trusted.guard] : []), ...(resultCache ? [graphqlCacheMiddleware(resultCache.cache, access)] : []), expressMiddleware(apollo, { context: ({ req }) => contextFor(req) })];
  app.use('/graphql', ...graphqlHandlers);
  // Bodies that are too large or not JSON never reach GraphQL: answer them in the same error shape.
  app.use((error: Error & { type?: string; status?: number }, _req: Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') return res.status(413).json(errorBody(ErrorCode.BAD_USER_INPUT, `Request body larger than ${options.bodyLimit}`));
    if (error.type === 'entity.parse.failed') return res.status(400).json(errorBody(ErrorCode.BAD_USER_INPUT, 'Request body is not valid JSON'));
    logger.error({ err: error.message }, 'unhandled HTTP error');
    return res.status(error.status ?? 500).json(errorBody(ErrorCode.INTERNAL, 'Internal error.'));
  });
  return {
    httpServer, apollo,
    stop: async () => {
      await apollo.stop();
      await resultCache?.stop();
    },
  };
}
