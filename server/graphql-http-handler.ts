import { ServerResponse, type IncomingMessage } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import express from 'express';
import type { RequestContext } from '../resolvers/context.js';

/**
 * /graphql on plain `node:http`, without express's router and response helpers: a chain of steps (rate limit, body,
 * request span, trusted documents) and then an answer (Apollo's `executeHTTPGraphQLRequest`, or the result cache in
 * front of it) written as is. bench/http-stack.ts measured `{ __typename }` at 2.5–3× the throughput of the same
 * request through the express app (its router walks every route mounted before /graphql; `res.send` hashes each
 * body for an ETag). No ETag here: every answer is `Cache-Control: no-store`, so no client keeps one to revalidate.
 */

/** A request once its JSON body is read (body-parser's `req.body`). */
export type GraphQLRequestMessage = IncomingMessage & { body?: unknown };

/** A refusal outside GraphQL (a body too large, not JSON, …): `status` and body-parser's `type` say which. */
export type HttpError = Error & { type?: string; status?: number };

/** One step before the answer: calls `next()` to go on, `next(error)` to fail, or answers the request itself. */
export type Step = (req: GraphQLRequestMessage, res: ServerResponse, next: (error?: HttpError) => void) => void;

/** A whole HTTP answer, before it is written. */
export interface HttpAnswer {
  status: number;
  headers: Iterable<[string, string]>;
  /** A string when Apollo answers, a Buffer when it comes from the result cache; an iterator for incremental delivery. */
  body: string | Buffer | AsyncIterable<string>;
}

/** Produces the answer of a request that passed every step. */
export type Answer = (req: GraphQLRequestMessage) => Promise<HttpAnswer>;

/** The request handler: the steps in order, then the answer; `onError` answers a step's error. */
export function graphqlHandler(
  steps: readonly Step[],
  answer: Answer,
  onError: (error: HttpError, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const finish = (req: GraphQLRequestMessage, res: ServerResponse) => {
    answer(req)
      .then((answered) => writeAnswer(res, answered))
      .catch((error: HttpError) => onError(error, res));
  };
  const run = (req: GraphQLRequestMessage, res: ServerResponse, index: number): void => {
    const step = steps[index];
    if (!step) return finish(req, res);
    step(req, res, (error) => (error ? onError(error, res) : run(req, res, index + 1)));
  };
  return (req, res) => run(req, res, 0);
}

/** Reads the JSON body as express.json does (body-parser: the same limit, content types, charsets and errors). */
export function jsonBody(limit: string): Step {
  return express.json({ limit }) as unknown as Step;
}

/** A path that may answer a request before Apollo Server does (server/execution/operation-lane.ts). */
export interface AnswerLane {
  /** The answer, or undefined when Apollo Server must answer. */
  answer(req: GraphQLRequestMessage, context: () => Promise<RequestContext>): Promise<HttpAnswer | undefined>;
}

/** The server that answers a request (by its role), and the lane in front of it. */
export interface RequestServer {
  apollo: ApolloServer<RequestContext>;
  lane: AnswerLane | undefined;
}

/** The answer of the request's lane, else of its Apollo Server (`executeHTTPGraphQLRequest`), with the request's context. */
export function apolloAnswer(serverFor: (req: IncomingMessage) => RequestServer, context: (req: IncomingMessage) => Promise<RequestContext>): Answer {
  return async (req) => {
    const { apollo, lane } = serverFor(req);
    const laned = lane && (await lane.answer(req, () => context(req)));
    if (laned) return laned;
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: toGraphQLRequest(req), context: () => context(req) });
    return {
      status: response.status ?? 200,
      headers: response.headers,
      body: response.body.kind === 'complete' ? response.body.string : response.body.asyncIterator,
    };
  };
}

/** Apollo's view of the request: method, headers (repeated ones joined, as the express integration joins them), query string and body. */
function toGraphQLRequest(req: GraphQLRequestMessage): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return { method: (req.method ?? 'GET').toUpperCase(), headers, search: query < 0 ? '' : url.slice(query), body: req.body };
}

async function writeAnswer(res: ServerResponse, answer: HttpAnswer): Promise<void> {
  res.statusCode = answer.status;
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  if (typeof answer.body === 'string' || Buffer.isBuffer(answer.body)) return sendBody(res, answer.body);
  for await (const chunk of answer.body) res.write(chunk);
  res.end();
}

/** A whole body with its length; a HEAD request gets the headers only. */
export function sendBody(res: ServerResponse, body: string | Buffer): void {
  res.setHeader('content-length', typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  if (res.req?.method === 'HEAD') res.end();
  else res.end(body);
}

/** A JSON body with a status, as express's `res.status(…).json(…)` sends it (without an ETag). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  sendBody(res, JSON.stringify(body));
}

/**
 * The server's response class: node's, with the one express method the rate limiter calls on a /graphql response
 * outside express (`append`, for its draft-8 `RateLimit` headers). Requests the express app serves get express's
 * own response methods as before.
 */
export class LimitableResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  append(name: string, value: string | string[]): this {
    this.appendHeader(name, value);
    return this;
  }
}
