import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import Negotiator from 'negotiator';
import { ErrorCode } from '../resolvers/api-errors.js';

const APPLICATION_JSON = 'application/json';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/** Reasons (as format-error.ts keeps them) of a well-formed HTTP request whose GraphQL document or variables are wrong. */
const DOCUMENT_REASONS = new Set([undefined, 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE']);

/** A request error about the document, its variables or its size: the client's mistake, not a malformed HTTP request. */
function isDocumentError(error: GraphQLFormattedError): boolean {
  const code = error.extensions?.code;
  if (code === ErrorCode.QUERY_TOO_COMPLEX) return true;
  return code === ErrorCode.BAD_USER_INPUT && DOCUMENT_REASONS.has(error.extensions?.reason as string | undefined);
}

/**
 * The media type Apollo answers with: the same negotiation as Apollo's own (negotiator, application/json first), and
 * application/json when the client sends no Accept header, as the GraphQL-over-HTTP spec asks for legacy clients.
 */
export function responseMediaType(accept: string | undefined): string {
  if (!accept) return APPLICATION_JSON;
  return new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]) ?? APPLICATION_JSON;
}

/**
 * Status codes of request errors as the GraphQL-over-HTTP spec words them: when the document does not parse or
 * validate, its variables do not coerce, or it is over a limit, the answer has `errors` and no `data`; it is 200 for
 * `application/json` (the errors are in the body) and 400 for `application/graphql-response+json`. Malformed HTTP
 * requests (no query, bad JSON, a GET mutation), refusals of access and server faults keep their own status.
 */
export function responseStatusPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if ('data' in result || !result.errors?.length || !result.errors.every(isDocumentError)) return;
          const status = response.http.status ?? 200;
          if (status !== 400 && status !== 500 && status !== 200) return;
          response.http.status = responseMediaType(request.http?.headers.get('accept')) === GRAPHQL_RESPONSE_JSON ? 400 : 200;
        },
      };
    },
  };
}
