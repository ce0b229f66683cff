import type { RequestHandler, Response } from 'express';
import { resolveRole, type AccessConfig } from '../api-keys.js';
import { cacheKey, normaliseOperation, stableJson } from './cache-key.js';
import type { CachedResponse, ResultCache } from './result-cache.js';
import { inSpanSync } from '../../warehouse/tracing/request-spans.js';

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/** A complete answer without errors: graphql-js puts `errors` first, so a body that opens with data has none. */
const COMPLETE_ANSWER = Buffer.from('{"data":');

/** Sends a cached response exactly as it first went out (res.send: the same ETag and freshness handling). */
export function sendCached(res: Response, cached: CachedResponse): void {
  res.status(cached.status);
  for (const [name, value] of cached.headers) res.setHeader(name, value);
  res.send(cached.body);
}

/**
 * Answers a repeated GraphQL POST from the result cache, before parsing, validation and execution; on a miss lets
 * the request through and keeps its serialised answer when it is complete (status 200, data and no errors).
 * Keyed by the normalised operation (or persisted-query hash), operation name, variables, role and the Accept header
 * (which picks the response's media type). Requests it cannot key (no JSON body, a bad key, text that does not lex)
 * pass through untouched, and GraphQL refuses them as before.
 */
export function graphqlCacheMiddleware(cache: ResultCache, access: AccessConfig): RequestHandler {
  return (req, res, next) => {
    const body = req.body as GraphQLBody | undefined;
    if (req.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body)) return next();
    const resolved = resolveRole(req, access);
    if ('error' in resolved) return next();
    let operation: string | null;
    if (typeof body.query === 'string') operation = normaliseOperation(body.query);
    else if (body.query === undefined && typeof body.extensions?.persistedQuery?.sha256Hash === 'string')
      operation = `sha256:${body.extensions.persistedQuery.sha256Hash}`;
    else operation = null;
    if (operation === null) return next();
    const key = cacheKey(
      'graphql',
      resolved.role,
      operation,
      typeof body.operationName === 'string' ? body.operationName : '',
      stableJson(body.variables ?? null),
      req.header('accept') ?? '',
    );
    const found = inSpanSync('result-cache lookup', undefined, (span) => {
      const looked = cache.lookup(key);
      span.setAttribute('cache.outcome', looked === null ? 'bypassed' : 'hit' in looked ? 'hit' : 'miss');
      return looked;
    });
    if (found === null) return next();
    if ('hit' in found) return sendCached(res, found.hit);

    // A miss: keep what GraphQL sends, with the headers it set (not those set before it, such as rate-limit counts).
    const before = new Set(res.getHeaderNames());
    const send = res.send.bind(res);
    res.send = (sent: unknown) => {
      res.send = send;
      const bytes = typeof sent === 'string' ? Buffer.from(sent) : Buffer.isBuffer(sent) ? sent : null;
      if (bytes && res.statusCode === 200 && bytes.subarray(0, COMPLETE_ANSWER.length).equals(COMPLETE_ANSWER)) {
        const headers: [string, string][] = [];
        for (const name of res.getHeaderNames()) {
          const value = res.getHeader(name);
          if (!before.has(name) && value !== undefined) headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
        }
        cache.store(key, found.ticket, { status: 200, headers, body: bytes });
        return send(bytes);
      }
      return send(sent);
    };
    next();
  };
}
