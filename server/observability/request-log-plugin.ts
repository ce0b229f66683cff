import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../resolvers/context.js';
import type { Logger } from './logger.js';
import type { ApiMetrics } from './metrics.js';

/** Codes of refusals that happen before execution (parse, validation, limits, access). */
const REFUSALS = new Set(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX', 'FORBIDDEN']);

/** One log line and one set of metric observations per GraphQL request. */
export function requestLogPlugin(logger: Logger, metrics: ApiMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors, contextValue: context, operation, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          // The codes clients saw (after formatting), not graphql-js's own.
          const sent = response.body.kind === 'single' ? response.body.singleResult.errors : errors;
          const codes = [...new Set((sent ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL')))];
          const outcome = codes[0] ?? 'ok';
          const operationLabel = operationName ?? (operation ? 'anonymous' : 'unparsed');
          metrics.requests.inc({ operation: operationLabel, outcome });
          metrics.duration.observe({ operation: operationLabel, outcome }, seconds);
          metrics.statements.observe(context.queries.count);
          if (!operation && codes.some((c) => REFUSALS.has(c))) metrics.rejected.inc({ reason: outcome });
          const entry = {
            requestId: context.requestId,
            operation: operationLabel,
            role: context.role,
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
