import { GraphQLError } from 'graphql';
import { ErrorCode } from './api-errors.js';

/**
 * Who may see what. `public` sees aggregates only, with small cells suppressed; `analyst` also sees case-level rows
 * (pseudonymous ids: the warehouse holds no names); `admin` may also reload the warehouse.
 */
export const ROLES = ['public', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { public: 0, analyst: 1, admin: 2 };

export function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export function requireRole(role: Role, needed: Role, what: string): void {
  if (!hasRole(role, needed)) {
    throw new GraphQLError(`${what} needs the ${needed} role; this request has ${role}`, {
      extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
    });
  }
}
