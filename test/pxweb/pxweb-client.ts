import { jsonStatErrors } from './json-stat-validator.js';

/**
 * A small HTTP helper for the PxWeb face: requests as clients send them, answers parsed. Every JSON-stat answer that
 * passes through it is validated against the JSON-stat 2.0 schema, so no test can receive an invalid one unnoticed.
 */
export interface PxAnswer<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  headers: Headers;
  body: T;
  text: string;
}

export async function pxGet<T = Record<string, unknown>>(base: string, path: string, headers: Record<string, string> = {}): Promise<PxAnswer<T>> {
  const response = await fetch(`${base}/api/v2${path}`, { headers });
  return read<T>(response);
}

export async function pxPost<T = Record<string, unknown>>(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<PxAnswer<T>> {
  const response = await fetch(`${base}/api/v2${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return read<T>(response);
}

async function read<T>(response: Response): Promise<PxAnswer<T>> {
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const body = (contentType.includes('json') ? JSON.parse(text) : text) as T;
  if (body && typeof body === 'object' && (body as { class?: unknown }).class === 'dataset') {
    const errors = jsonStatErrors(body);
    if (errors.length > 0) throw new Error(`invalid JSON-stat 2.0 from ${response.url}: ${errors.slice(0, 5).join('; ')}`);
  }
  return { status: response.status, contentType, headers: response.headers, body, text };
}
