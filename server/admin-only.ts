import type { RequestHandler } from 'express';
import { ErrorCode } from '../resolvers/api-errors.js';
import { resolveRole, type AccessConfig } from './api-keys.js';

/**
 * Lets through only requests with an API key of the admin role (operational endpoints such as /metrics): a keyless
 * request is refused even where ANONYMOUS_ROLE grants more than public.
 */
export function adminOnly(access: AccessConfig): RequestHandler {
  return (req, res, next) => {
    const resolved = resolveRole(req, access);
    if ('role' in resolved && resolved.key !== null && resolved.role === 'admin') return next();
    const missing = !('role' in resolved) ? resolved.error === 'missing' : resolved.key === null;
    res.status(missing ? 401 : 403).json({
      errors: [
        {
          message: missing ? 'An admin API key is required (x-api-key header)' : 'This needs an admin API key',
          extensions: { code: ErrorCode.FORBIDDEN },
        },
      ],
    });
  };
}
