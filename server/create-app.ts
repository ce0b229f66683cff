import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Kysely } from 'kysely';
import { buildApiSchema } from '../schema/build-schema.js';
import { createRequestContext, type RequestContext } from '../resolvers/context.js';
import type { Database } from '../warehouse/database/tables.js';
import { formatApiError } from './format-error.js';
import { healthRouter } from './health-route.js';
import { metricExportRouter } from './metric-export-route.js';
import { playgroundRouter } from './playground/playground-route.js';
import { queryLimits } from './query-limits.js';

export interface AppOptions {
  db: Kysely<Database>;
  production: boolean;
  bodyLimit: string;
  /** Most rows one CSV export streams. */
  exportRowCap?: number;
}

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /** Stops accepting connections and waits for in-flight requests (Apollo's drain plugin). */
  stop(): Promise<void>;
}

/** Builds the HTTP server: GraphQL at /graphql, the playground, and health checks. Not yet listening. */
export async function createApp(options: AppOptions): Promise<App> {
  const schema = await buildApiSchema();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const limits = queryLimits();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: limits.validationRules,
    formatError: (formatted, error) => formatApiError(formatted, error, !options.production),
    plugins: [
      // graphql-armor ships CommonJS typings of the same plugin interface.
      ...(limits.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.use(healthRouter(options.db));
  app.use(metricExportRouter(apollo, options.db, options.exportRowCap ?? 100_000));
  if (!options.production) app.use('/playground', playgroundRouter('/graphql'));
  app.get('/', (_req, res) => {
    res.redirect(options.production ? '/health' : '/playground');
  });
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit }),
    expressMiddleware(apollo, { context: async () => createRequestContext(options.db) }),
  );
  return {
    httpServer,
    apollo,
    stop: () => apollo.stop(),
  };
}
