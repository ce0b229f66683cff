import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../../resolvers/context.js';
import { CLIENT_NAME_HEADER, CLIENT_VERSION_HEADER, type ClientIdentity } from './client-identity.js';
import { deprecatedUsage } from './deprecated-fields.js';
import type { Logger } from './logger.js';
import type { ApiMetrics } from './metrics.js';
import { requestRecorder } from './request-record.js';

/** Names a request's client from its headers, bounded (./client-identity.ts). */
export type IdentifyClient = (name: string | undefined, version: string | undefined) => ClientIdentity;

/**
 * One log line and one set of metric observations per GraphQL request (./request-record.ts), with its client (name and
 * version, as registered) and the deprecated fields it read.
 */
export function requestLogPlugin(
  logger: Logger,
  metrics: ApiMetrics,
  schema: GraphQLSchema,
  identify: IdentifyClient,
): ApolloServerPlugin<RequestContext> {
  const deprecatedIn = deprecatedUsage(schema);
  const record = requestRecorder(logger, metrics);
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      const headers = request.http?.headers;
      const client = identify(headers?.get(CLIENT_NAME_HEADER), headers?.get(CLIENT_VERSION_HEADER));
      return {
        async didResolveOperation({ document }) {
          record.deprecated({ client, fields: deprecatedIn(document) });
        },
        async willSendResponse({ operationName, errors, contextValue: context, operation, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          // The codes clients saw (after formatting), not graphql-js's own.
          const sent = response.body.kind === 'single' ? response.body.singleResult.errors : errors;
          const codes = [...new Set((sent ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL')))];
          record.answered({
            client,
            operation: operationName ?? (operation ? 'anonymous' : 'unparsed'),
            unresolved: !operation,
            seconds,
            codes,
            context,
            message: errors?.[0]?.message,
          });
        },
      };
    },
  };
}
