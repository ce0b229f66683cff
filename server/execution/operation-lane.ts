import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { RequestContext } from '../../resolvers/context.js';
import type { GraphQLRequestMessage, HttpAnswer } from '../graphql-http-handler.js';
import type { ListCost } from '../list-cost-limit.js';
import { CLIENT_NAME_HEADER, CLIENT_VERSION_HEADER } from '../observability/client-identity.js';
import type { IdentifyClient } from '../observability/request-log-plugin.js';
import type { RequestRecorder } from '../observability/request-record.js';
import { tracingRegistered } from '../observability/tracing-registered.js';
import type { ContentTypeChoice } from '../response-content-type.plugin.js';
import type { JitExecution } from './jit-gateway.js';

/** A query Apollo Server has answered in full, ready to run again without its pipeline. */
interface LaneDocument {
  compiled: CompiledQuery;
  /** Apollo's parse of the text: the list cost is computed (and remembered) on it, as the cost limit computes it. */
  document: DocumentNode;
  /** The operation as logs and metrics name it. */
  operation: string;
  /** The deprecated fields it reads, counted per request as Apollo's pipeline counts them. */
  deprecated: readonly string[];
}

/** A POST body the lane can take: a query, at most an operation name and variables; nothing else (no extensions). */
interface PlainBody {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

const PLAIN_KEYS = new Set(['query', 'operationName', 'variables']);

export interface OperationLaneOptions {
  jit: JitExecution;
  costOf: ListCost;
  maxCost: number;
  contentType: ContentTypeChoice;
  record: RequestRecorder;
  identify: IdentifyClient;
  deprecatedIn: (document: DocumentNode) => readonly string[];
  /** Documents kept (least recently used dropped first); default 1 000, as graphql-jit's. */
  maxDocuments?: number;
}

/**
 * The operation lane: a query Apollo Server has already answered without errors (parsed, validated against every rule
 * and limit, executed through graphql-jit) runs again on graphql-jit's code without Apollo's per-request pipeline.
 * That pipeline (a request context, a hash of the text, a dozen plugins' hooks awaited phase by phase, the response's
 * headers and fields put in order) cost as much CPU as the metric engine on a light request: skipping it took
 * `{ __typename }` from 170 to 70 µs of CPU and q4 from 780 to 460 µs (docs/cold-path.md).
 *
 * The lane answers only what it can answer exactly as Apollo would, byte for byte (`test/operation-lane.test.ts`):
 * - a JSON POST of a query, operation name and variables: no extensions (persisted queries), no GET;
 * - of a document this server admitted: a query (not a mutation) whose answer had no errors, no extensions and no
 *   header but its content type and `Cache-Control`, once graphql-jit had compiled it;
 * - whose variables keep the list cost within the limit (the cost depends on them);
 * - whose Accept header takes a JSON type (else Apollo answers 406);
 * - while no tracer is registered (a trace shows Apollo's phases).
 * Everything else, and any answer with errors, is Apollo's: the lane then hands the request on, which executes it
 * again (reads only) so that errors are formatted, coded and logged in one place. The log line and metrics are the
 * same (./observability/request-record.ts).
 */
export class OperationLane {
  private readonly documents: LRUCache<string, LaneDocument>;
  private closed = false;

  constructor(private readonly options: OperationLaneOptions) {
    this.documents = new LRUCache({ max: options.maxDocuments ?? 1000 });
  }

  /** Admits the documents this server answers in full; install it last, after the plugins that set headers. */
  plugin(): ApolloServerPlugin<RequestContext> {
    const { jit, deprecatedIn } = this.options;
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ request, response, operation, operationName, document, queryHash }) => {
          if (this.closed || response.body.kind !== 'single') return;
          const { errors, extensions } = response.body.singleResult;
          if (errors?.length || extensions !== undefined || (response.http.status ?? 200) !== 200) return;
          if (operation?.operation !== 'query' || !document || !queryHash || typeof request.query !== 'string') return;
          if (request.http?.method !== 'POST' || (request.extensions && Object.keys(request.extensions).length > 0)) return;
          for (const [name] of response.http.headers) if (name !== 'content-type' && name !== 'cache-control') return;
          const key = keyOf(request.query, request.operationName);
          if (this.documents.has(key)) return;
          const compiled = jit.compiled(queryHash, operationName ?? null);
          if (!compiled) return;
          this.documents.set(key, { compiled, document, operation: operationName ?? 'anonymous', deprecated: deprecatedIn(document) });
        },
      }),
    };
  }

  /** The request's answer, or undefined when Apollo Server must answer it. */
  async answer(req: GraphQLRequestMessage, contextFor: () => Promise<RequestContext>): Promise<HttpAnswer | undefined> {
    if (this.closed || req.method !== 'POST' || tracingRegistered()) return undefined;
    const body = plainBody(req.body);
    if (!body) return undefined;
    const entry = this.documents.get(keyOf(body.query, body.operationName));
    if (!entry) return undefined;
    const { costOf, maxCost, contentType, identify, record } = this.options;
    const type = contentType(headerOf(req, 'accept'));
    if (!type) return undefined;
    const variables = body.variables ?? {};
    const cost = costOf(entry.document, variables, body.operationName ?? undefined);
    if (cost === null || cost > maxCost) return undefined;
    const started = process.hrtime.bigint();
    const client = identify(headerOf(req, CLIENT_NAME_HEADER), headerOf(req, CLIENT_VERSION_HEADER));
    const context = await contextFor();
    const result = await entry.compiled.query(undefined, context, variables);
    if (result.errors?.length || result.data == null) {
      record.laned('handed_on');
      return undefined;
    }
    record.laned('answered');
    record.deprecated({ client, fields: entry.deprecated });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    record.answered({ client, operation: entry.operation, unresolved: false, seconds, codes: [], context });
    return {
      status: 200,
      // In the order Apollo's plugins set them (server/no-store-plugin.ts, then the content type).
      headers: [
        ['cache-control', 'no-store'],
        ['content-type', type],
      ],
      // As Apollo Server writes a single result (`prettyJSONStringify`): the fields in order, a newline after.
      body: `${JSON.stringify({ data: result.data })}\n`,
    };
  }

  /** From now on Apollo Server answers everything (it refuses requests once stopping). */
  close(): void {
    this.closed = true;
    this.documents.clear();
  }
}

/** One document per text and operation name as sent (Apollo compiles per hash of the text and resolved name). */
function keyOf(query: string, operationName: string | null | undefined): string {
  return `${operationName ?? ''}\0${query}`;
}

function plainBody(body: unknown): PlainBody | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  for (const key in body) if (!PLAIN_KEYS.has(key)) return undefined;
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return body as PlainBody;
}

/** A header as Apollo's HeaderMap gives it (node joins repeated ones with ", " as Apollo's integrations do). */
function headerOf(req: GraphQLRequestMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
