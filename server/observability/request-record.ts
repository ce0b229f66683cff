import type { RequestContext } from '../../resolvers/context.js';
import type { ClientIdentity } from './client-identity.js';
import type { Logger } from './logger.js';
import type { ApiMetrics } from './metrics.js';

/** Codes of refusals that happen before execution (parse, validation, limits, access). */
const REFUSALS = new Set(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX', 'FORBIDDEN']);

/** One answered GraphQL request, however it was answered (Apollo Server's pipeline or the operation lane). */
export interface AnsweredRequest {
  client: ClientIdentity;
  /** The operation's name, `anonymous`, or `unparsed` when no operation was resolved. */
  operation: string;
  /** No operation was resolved (the request never reached execution). */
  unresolved: boolean;
  seconds: number;
  /** The error codes the client saw, distinct, in order; empty for an answer without errors. */
  codes: readonly string[];
  context: RequestContext;
  /** The first error's message, logged for an INTERNAL error. */
  message?: string;
}

/** The deprecated fields an operation read, counted for its client. */
export interface DeprecatedRead {
  client: ClientIdentity;
  fields: readonly string[];
}

/** What each GraphQL request leaves behind: one log line and its metric observations, written in one place. */
export interface RequestRecorder {
  answered(request: AnsweredRequest): void;
  deprecated(read: DeprecatedRead): void;
  /** A request for a query the operation lane holds: answered there, or handed on to Apollo Server. */
  laned(outcome: 'answered' | 'handed_on'): void;
}

export function requestRecorder(logger: Logger, metrics: ApiMetrics): RequestRecorder {
  return {
    laned: (outcome) => metrics.operationLane.inc({ outcome }),
    deprecated({ client, fields }) {
      for (const field of fields) metrics.deprecatedFields.inc({ client: client.name, field });
    },
    answered({ client, operation, unresolved, seconds, codes, context, message }) {
      const outcome = codes[0] ?? 'ok';
      const labels = { operation, outcome, client: client.name, client_version: client.version };
      metrics.requests.inc(labels);
      metrics.duration.observe(labels, seconds);
      metrics.statements.observe(context.queries.count);
      if (unresolved && codes.some((c) => REFUSALS.has(c))) metrics.rejected.inc({ reason: outcome });
      const entry = {
        requestId: context.requestId,
        operation,
        role: context.role,
        client: client.name,
        clientVersion: client.version,
        durationMs: Math.round(seconds * 1000),
        sqlStatements: context.queries.count,
        errorCodes: codes.length ? codes : undefined,
      };
      if (codes.includes('INTERNAL')) logger.error({ ...entry, message }, 'graphql request failed');
      else logger.info(entry, 'graphql request');
    },
  };
}
