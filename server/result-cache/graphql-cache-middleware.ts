import type { Response } from 'express';
import { resolveRole, type AccessConfig } from '../api-keys.js';
import { cacheKey, normaliseOperation, stableJson } from './cache-key.js';
import type { CachedResponse, ResultCache } from './result-cache.js';
import { inSpanSync } from '../../warehouse/tracing/request-spans.js';
import type { Answer } from '../graphql-http-handler.js';

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/** A complete answer without errors: graphql-js puts `errors` first, so a body that opens with data has none. */
const COMPLETE_ANSWER = '{"data":';

/** Sends a cached response exactly as it first went out (res.send: the same ETag and freshness handling). */
export function sendCached(res: Response, cached: CachedResponse): void {
  res.status(cached.status);
  for (const [name, value] of cached.headers) res.setHeader(name, value);
  res.send(cached.body);
}

/**
 * Answers a repeated GraphQL POST from the result cache, before parsing, validation and execution; on a miss computes
 * the answer and keeps it when it is complete (status 200, data and no errors), with the headers GraphQL set (not
 * those of earlier steps, such as rate-limit counts or the trace's traceparent).
 * Keyed by the normalised operation (or persisted-query hash), operation name, variables, role and the Accept header
 * (which picks the response's media type). Requests it cannot key (no JSON body, a bad key, text that does not lex)
 * are computed untouched, and GraphQL refuses them as before.
 */
export function cachedGraphQLAnswers(cache: ResultCache, access: AccessConfig, answer: Answer): Answer {
  return async (req) => {
    const body = req.body as GraphQLBody | undefined;
    if (req.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body)) return answer(req);
    const resolved = resolveRole(req, access);
    if ('error' in resolved) return answer(req);
    let operation: string | null;
    if (typeof body.query === 'string') operation = normaliseOperation(body.query);
    else if (body.query === undefined && typeof body.extensions?.persistedQuery?.sha256Hash === 'string')
      operation = `sha256:${body.extensions.persistedQuery.sha256Hash}`;
    else operation = null;
    if (operation === null) return answer(req);
    const key = cacheKey(
      'graphql',
      resolved.role,
      operation,
      typeof body.operationName === 'string' ? body.operationName : '',
      stableJson(body.variables ?? null),
      req.headers.accept ?? '',
    );
    const found = inSpanSync('result-cache lookup', undefined, (span) => {
      const looked = cache.lookup(key);
      span.setAttribute('cache.outcome', looked === null ? 'bypassed' : 'hit' in looked ? 'hit' : 'miss');
      return looked;
    });
    if (found === null) return answer(req);
    if ('hit' in found) return found.hit;

    const computed = await answer(req);
    if (computed.status === 200 && typeof computed.body === 'string' && computed.body.startsWith(COMPLETE_ANSWER)) {
      const bytes = Buffer.from(computed.body);
      const headers = [...computed.headers];
      cache.store(key, found.ticket, { status: 200, headers, body: bytes });
      return { status: 200, headers, body: bytes };
    }
    return computed;
  };
}
