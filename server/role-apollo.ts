import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { noStorePlugin } from './no-store-plugin.js';
import type { RequestContext } from '../resolvers/context.js';
import type { Role } from '../resolvers/roles.js';
import { audienceOf, buildApiSchema, type SchemaAudience } from './build-schema.js';
import { buildSubgraphApiSchema } from './federation/subgraph-schema.js';
import { formatApiError } from './format-error.js';
import { jitGateway } from './execution/jit-gateway.js';
import { listCostLimit } from './list-cost-limit.js';
import type { Logger } from './observability/logger.js';
import type { ApiMetrics } from './observability/metrics.js';
import { requestLogPlugin, type IdentifyClient } from './observability/request-log-plugin.js';
import { tracingPlugin } from './observability/tracing-plugin.js';
import { MAX_TOKENS, queryLimits } from './query-limits.js';
import { responseContentTypePlugin } from './response-content-type.plugin.js';
import { responseStatusPlugin } from './response-status.plugin.js';
import { withoutSuggestions } from './suggestion-free-errors.js';
import type { TrustedDocuments } from './trusted-documents.js';
import { KnownOperationTypesRule } from './validation/known-operation-types.rule.js';

/**
 * One Apollo Server per schema audience (public; analyst and admin): Apollo Server holds one schema, so a role's
 * schema is chosen by choosing its server, before parsing. Each role then validates, introspects and reports errors
 * against its own schema only: the public schema has no case-level field or type, so no message can name them.
 * Both servers are built at start; choosing one costs a request one more key resolution (measured 1.5 µs without a
 * key, 5.5 µs with one: a SHA-256 and constant-time compares) and a property look-up.
 */
export interface RoleApollo {
  forRole(role: Role): ApolloServer<RequestContext>;
  forAudience(audience: SchemaAudience): ApolloServer<RequestContext>;
  /** Drains HTTP (through the full server's drain plugin) and stops both. */
  stop(): Promise<void>;
}

export interface RoleApolloOptions {
  production: boolean;
  httpServer: http.Server;
  trusted: TrustedDocuments | undefined;
  maxQueryCost: number;
  logger: Logger;
  metrics: ApiMetrics;
  /** Names each request's client for logs and metric labels (registered names only). */
  identifyClient: IdentifyClient;
  /** Serve each role's schema as a Federation 2 subgraph (server/federation/). */
  subgraph?: boolean;
  /** Execute repeated documents with graphql-jit (server/execution/jit-gateway.ts); graphql-js otherwise. */
  jit?: boolean;
}

async function createServer(audience: SchemaAudience, options: RoleApolloOptions): Promise<ApolloServer<RequestContext>> {
  const schema = options.subgraph ? await buildSubgraphApiSchema(audience) : await buildApiSchema(audience);
  const limits = queryLimits();
  const server = new ApolloServer<RequestContext>({
    // The schema directly, or through the execution hook that runs repeated documents with graphql-jit.
    ...(options.jit ? { gateway: jitGateway(schema) } : { schema }),
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    persistedQueries: options.trusted ? { cache: options.trusted.cache } : false,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [...limits.validationRules, KnownOperationTypesRule],
    formatError: (formatted, error) => {
      const coded = formatApiError(formatted, error, !options.production);
      // In production no error suggests a name of the schema (introspection is off there too).
      return options.production ? withoutSuggestions(coded) : coded;
    },
    plugins: [
      // graphql-armor ships CommonJS typings of the same plugin interface.
      ...(limits.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      listCostLimit(schema, options.maxQueryCost) as ApolloServerPlugin<RequestContext>,
      responseStatusPlugin<RequestContext>(),
      requestLogPlugin(options.logger, options.metrics, schema, options.identifyClient),
      tracingPlugin<RequestContext>(),
      // One drain for the one HTTP server: on the full server, which stops first.
      ...(audience === 'full' ? [ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer })] : []),
      ApolloServerPluginLandingPageDisabled(),
      // A subgraph would otherwise add Apollo's inline field timings for any caller that asks; traces are OpenTelemetry's.
      ApolloServerPluginInlineTraceDisabled(),
      // The same no-store header without Apollo's per-field cache-hint wrapping (server/no-store-plugin.ts).
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin<RequestContext>(),
      responseContentTypePlugin<RequestContext>(),
    ],
  });
  await server.start();
  return server;
}

export async function createRoleApollo(options: RoleApolloOptions): Promise<RoleApollo> {
  const [publicServer, fullServer] = await Promise.all([createServer('public', options), createServer('full', options)]);
  const forAudience = (audience: SchemaAudience) => (audience === 'public' ? publicServer : fullServer);
  return {
    forAudience,
    forRole: (role) => forAudience(audienceOf(role)),
    stop: async () => {
      await fullServer.stop();
      await publicServer.stop();
    },
  };
}
