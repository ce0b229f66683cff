import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../resolvers/api-errors.js';

/**
 * graphql-armor's refusals (depth, aliases, directives, cost) as its messages state them with exposeLimits; its
 * errors carry no code of their own, and Apollo re-wraps validation errors, so the message is what survives. Armor
 * prefixes them "Syntax Error: ", which they are not: the prefix is dropped.
 */
const QUERY_LIMIT_MESSAGE = /^(?:Syntax Error: )?((?:Query depth|Aliases|Token|Directives|Query Cost) limit of \d+ exceeded.*)$/is;

/** graphql-js's parser over its maxTokens (server/query-limits.ts); graphql 16 spells it "more that". */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/** PostgreSQL error codes that mean the database is unreachable or restarting, not that the query is wrong. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

function classify(original: unknown): ErrorCode | undefined {
  if (!original || typeof original !== 'object') return undefined;
  const code = (original as { code?: unknown }).code;
  if (code === '57014') return ErrorCode.TIMEOUT; // query_canceled: statement_timeout
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) {
    return ErrorCode.SERVICE_UNAVAILABLE;
  }
  const message = (original as { message?: unknown }).message;
  if (typeof message === 'string' && /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED/i.test(message)) {
    return ErrorCode.SERVICE_UNAVAILABLE;
  }
  return undefined;
}

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  TIMEOUT: 'The query took too long and was cancelled; narrow the filter or ask for fewer rows.',
  SERVICE_UNAVAILABLE: 'The warehouse database is not reachable right now; try again shortly.',
  INTERNAL: 'Internal error.',
};

/**
 * Every error leaves with a code from the list above. Errors we did not raise deliberately are not shown as they are
 * (they may hold SQL or stack traces) unless in development.
 */
export function formatApiError(formatted: GraphQLFormattedError, error: unknown, development: boolean): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const extensions = { ...(formatted.extensions ?? {}) };
  const existing = extensions.code as string | undefined;

  const limit = QUERY_LIMIT_MESSAGE.exec(formatted.message);
  if (limit) {
    return { ...formatted, message: limit[1] as string, extensions: { ...extensions, code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  const tokens = TOKEN_LIMIT_MESSAGE.exec(formatted.message);
  if (tokens) {
    return {
      message: `Token limit of ${tokens[1]} exceeded: the document is longer than the server parses; send a shorter query`,
      extensions: { ...extensions, code: ErrorCode.QUERY_TOO_COMPLEX },
    };
  }
  const infrastructure = classify(original);
  if (infrastructure) {
    return { message: MESSAGES[infrastructure] ?? formatted.message, path: formatted.path, extensions: { code: infrastructure } };
  }
  switch (existing) {
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'BAD_USER_INPUT':
    case 'BAD_REQUEST':
    case 'PERSISTED_QUERY_NOT_FOUND':
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
    case 'OPERATION_RESOLUTION_FAILURE':
      // A client mistake in any of its forms: one code, with the reason kept in `reason`.
      return {
        ...formatted,
        extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, ...(existing === 'BAD_USER_INPUT' ? {} : { reason: existing }) },
      };
    case ErrorCode.FORBIDDEN:
    case ErrorCode.QUERY_TOO_COMPLEX:
    case ErrorCode.TIMEOUT:
    case ErrorCode.SERVICE_UNAVAILABLE:
      return formatted;
    default:
      if (development) return { ...formatted, extensions: { ...extensions, code: ErrorCode.INTERNAL } };
      return { message: MESSAGES.INTERNAL as string, path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
  }
}
