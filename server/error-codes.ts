import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The error codes clients can rely on (extensions.code). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  TIMEOUT: 'TIMEOUT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A bad argument or filter: the message says what was wrong and what is accepted. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
}

/** Marker the query-limit rules put on the errors they raise, so formatting can give them one code. */
export const LIMIT_MARKER = 'queryLimit';

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
  const original = error instanceof GraphQLError ? error.originalError ?? error : error;
  const extensions = { ...(formatted.extensions ?? {}) };
  const existing = extensions.code as string | undefined;

  if (extensions[LIMIT_MARKER] || (error instanceof GraphQLError && error.extensions[LIMIT_MARKER])) {
    delete extensions[LIMIT_MARKER];
    return { ...formatted, extensions: { ...extensions, code: ErrorCode.QUERY_TOO_COMPLEX } };
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
      return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, reason: existing } };
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
