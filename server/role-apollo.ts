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
import { OperationLane } from './execution/operation-lane.js';
import { deprecatedUsage } from './observability/deprecated-fields.js';
import { requestRecorder } from './observability/request-record.js';
import { listCostLimit, listCostOf } from './list-cost-limit.js';
import type { Logger } from './observability/logger.js';
import type { ApiMetrics } from './observability/metrics.js';
import { requestLogPlugin, type IdentifyClient } from './observability/request-log-plugin.js';
import { tracingPlugin } from './observability/tracing-plugin.js';
import { MAX_TOKENS, queryLimits } from './query-limits.js';
import { contentTypeChoice, responseContentTypePlugin } from './response-content-type.plugin.js';
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
  /** The audience's operation lane (server/execution/operation-lane.ts); undefined when it is off. */
  laneFor(audience: SchemaAudience): OperationLane | undefined;
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
  /** Answer queries already answered in full without Apollo's pipeline (server/execution/operation-lane.ts); needs jit. */
  operationLane?: boolean;
}

interface AudienceServer {
  apollo: ApolloServer<RequestContext>;
  lane: OperationLane | undefined;
}

async function createServer(audience: SchemaAudience, options: RoleApolloOptions): Promise<AudienceServer> {
  const schema = options.subgraph ? await buildSubgraphApiSchema(audience) : await buildApiSchema(audience);
  const limits = queryLimits();
  const jit = options.jit ? jitGateway(schema) : undefined;
  const costOf = listCostOf(schema);
  const contentType = contentTypeChoice();
  const lane =
    jit && options.operationLane
      ? new OperationLane({
          jit,
          costOf,
          maxCost: options.maxQueryCost,
          contentType,
          record: requestRecorder(options.logger, options.metrics),
          identify: options.identifyClient,
          deprecatedIn: deprecatedUsage(schema),
        })
      : undefined;
  const server = new ApolloServer<RequestContext>({
    // The schema directly, or through the execution hook that runs repeated documents with graphql-jit.
    ...(jit ? { gateway: jit.gateway } : { schema }),
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
      listCostLimit(costOf, options.maxQueryCost) as ApolloServerPlugin<RequestContext>,
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
      responseContentTypePlugin<RequestContext>(contentType),
      // Last: it admits an answer as the plugins above have left it.
      ...(lane ? [lane.plugin()] : []),
    ],
  });
  await server.start();
  return { apollo: server, lane };
}

export async function createRoleApollo(options: RoleApolloOptions): Promise<RoleApollo> {
  const [publicServer, fullServer] = await Promise.all([createServer('public', options), createServer('full', options)]);
  const serverOf = (audience: SchemaAudience) => (audience === 'public' ? publicServer : fullServer);
  return {
    forAudience: (audience) => serverOf(audience).apollo,
    forRole: (role) => serverOf(audienceOf(role)).apollo,
    laneFor: (audience) => serverOf(audience).lane,
    stop: async () => {
      publicServer.lane?.close();
      fullServer.lane?.close();
      await fullServer.apollo.stop();
      await publicServer.apollo.stop();
    },
  };
}
