import { readFileSync } from 'node:fs';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readConfig } from '../config/settings.js';
import { isRole, type Role } from '../resolvers/roles.js';

/**
 * API keys and their roles, configured without code changes: API_KEYS="key1:analyst,key2:admin" or API_KEYS_FILE
 * pointing at a JSON object {"key": "role"}. Requests without a key get ANONYMOUS_ROLE (default public; "none"
 * refuses them).
 */
export interface AccessConfig {
  keys: Map<string, Role>;
  anonymousRole: Role | null;
}

export function readAccessConfig(env: Readonly<Record<string, string | undefined>> = process.env): AccessConfig {
  const { apiKeys, apiKeysFile, anonymousRole } = readConfig(env);
  const entries: [string, string][] = [];
  if (apiKeys) {
    for (const pair of apiKeys
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const at = pair.lastIndexOf(':');
      if (at <= 0) throw new Error(`API_KEYS entry "${pair}" is not key:role`);
      entries.push([pair.slice(0, at), pair.slice(at + 1)]);
    }
  }
  if (apiKeysFile) {
    const parsed: unknown = JSON.parse(readFileSync(apiKeysFile, 'utf8'));
    if (!parsed || typeof parsed !== 'object') throw new Error('API_KEYS_FILE must hold a JSON object {"key": "role"}');
    for (const [key, role] of Object.entries(parsed)) entries.push([key, String(role)]);
  }
  const keys = new Map<string, Role>();
  for (const [key, role] of entries) {
    if (!isRole(role)) throw new Error(`API key role "${role}" is not public, analyst or admin`);
    if (key.length < 16) throw new Error('API keys must be at least 16 characters');
    keys.set(digest(key), role);
  }
  return { keys, anonymousRole: anonymousRole === 'none' ? null : anonymousRole };
}

/** Keys are held and compared as digests, in constant time, so neither memory nor timing reveals them. */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export type KeyResolution = { role: Role; key: string | null } | { error: 'missing' | 'unknown' };

/** Resolutions already made for a request: the rate limiter, the result cache and the context all ask. */
const resolved = new WeakMap<IncomingMessage, { config: AccessConfig; resolution: KeyResolution }>();

/** The role of a request: from `x-api-key` or `Authorization: Bearer <key>` (digested once per request). */
export function resolveRole(request: IncomingMessage, config: AccessConfig): KeyResolution {
  const known = resolved.get(request);
  if (known?.config === config) return known.resolution;
  const resolution = resolveKey(request, config);
  resolved.set(request, { config, resolution });
  return resolution;
}

function resolveKey(request: IncomingMessage, config: AccessConfig): KeyResolution {
  const header = headerOf(request, 'x-api-key') ?? /^Bearer\s+(.+)$/i.exec(headerOf(request, 'authorization') ?? '')?.[1];
  if (!header) return config.anonymousRole ? { role: config.anonymousRole, key: null } : { error: 'missing' };
  const wanted = Buffer.from(digest(header.trim()));
  for (const [known, role] of config.keys) {
    if (timingSafeEqual(Buffer.from(known), wanted)) return { role, key: known.slice(0, 12) };
  }
  return { error: 'unknown' };
}

/** A header's value as express's `req.header` gives it (the first of repeated ones). */
function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
