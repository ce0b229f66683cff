import type { RequestHandler } from 'express';

/**
 * Cross-origin access for browser apps, from the PXWEB_CORS_ORIGINS setting: closed when unset. Only the public face
 * opens: no API-key header is allowed across origins, so a browser app elsewhere can never send a key.
 */
export interface CorsPolicy {
  /** Allowed origins; `*` allows any. Empty: closed. */
  origins: string[];
}

export function corsPolicy(setting: string | undefined): CorsPolicy {
  return {
    origins: (setting ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
  };
}

export function corsMiddleware(policy: CorsPolicy): RequestHandler {
  return (req, res, next) => {
    const origin = req.header('origin');
    const allowed = origin !== undefined && (policy.origins.includes('*') || policy.origins.includes(origin));
    if (allowed) {
      res.setHeader('access-control-allow-origin', policy.origins.includes('*') ? '*' : origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'retry-after, ratelimit, ratelimit-policy');
    }
    if (req.method === 'OPTIONS' && req.header('access-control-request-method')) {
      if (!allowed) return res.status(403).end();
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-allow-headers', 'content-type');
      res.setHeader('access-control-max-age', '600');
      return res.status(204).end();
    }
    return next();
  };
}
