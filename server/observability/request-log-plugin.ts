import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../../resolvers/context.js';
import { CLIENT_NAME_HEADER, CLIENT_VERSION_HEADER, type ClientIdentity } from './client-identity.js';
import { deprecatedUsage } from './deprecated-fields.js';
import type { Logger } from './logger.js';
import type { ApiMetrics } from './metrics.js';

/** Names a request's client from its headers, bounded (./client-identity.ts). */
export type IdentifyClient = (name: string | undefined, version: string | undefined) => ClientIdentity;

/** Codes of refusals that happen before execution (parse, validation, limits, access). */
const REFUSALS = new Set(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX', 'FORBIDDEN']);

/**
 * One log line and one set of metric observations per GraphQL request, with its client (name and version, as
 * registered) and the deprecated fields it read.
 */
export function requestLogPlugin(
  logger: Logger,
  metrics: ApiMetrics,
  schema: GraphQLSchema,
  identify: IdentifyClient,
): ApolloServerPlugin<RequestContext> {
  const deprecatedIn = deprecatedUsage(schema);
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      const headers = request.http?.headers;
      const client = identify(headers?.get(CLIENT_NAME_HEADER), headers?.get(CLIENT_VERSION_HEADER));
      return {
        async didResolveOperation({ document }) {
          for (const field of deprecatedIn(document)) metrics.deprecatedFields.inc({ client: client.name, field });
        },
        async willSendResponse({ operationName, errors, contextValue: context, operation, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          // The codes clients saw (after formatting), not graphql-js's own.
          const sent = response.body.kind === 'single' ? response.body.singleResult.errors : errors;
          const codes = [...new Set((sent ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL')))];
          const outcome = codes[0] ?? 'ok';
          const operationLabel = operationName ?? (operation ? 'anonymous' : 'unparsed');
          const labels = { operation: operationLabel, outcome, client: client.name, client_version: client.version };
          metrics.requests.inc(labels);
          metrics.duration.observe(labels, seconds);
          metrics.statements.observe(context.queries.count);
          if (!operation && codes.some((c) => REFUSALS.has(c))) metrics.rejected.inc({ reason: outcome });
          const entry = {
            requestId: context.requestId,
            operation: operationLabel,
            role: context.role,
            client: client.name,
            clientVersion: client.version,
            durationMs: Math.round(seconds * 1000),
            sqlStatements: context.queries.count,
            errorCodes: codes.length ? codes : undefined,
          };
          if (codes.includes('INTERNAL')) logger.error({ ...entry, message: errors?.[0]?.message }, 'graphql request failed');
          else logger.info(entry, 'graphql request');
        },
      };
    },
  };
}
