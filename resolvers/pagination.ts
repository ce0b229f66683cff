import { decodeFigureCursor, type FigureCursor } from '../warehouse/queries/figure-cursor.js';
import { badUserInput } from './api-errors.js';

/** Page sizes: a page holds at most MAX_PAGE_SIZE rows, so no request can ask the database for an unbounded list. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, { argument: 'first', max: MAX_PAGE_SIZE });
  }
  return first;
}

function invalidCursor() {
  return badUserInput('after is not a cursor this API issued; pass pageInfo.endCursor of the previous page', { argument: 'after' });
}

export function figureCursor(after: string | null | undefined): FigureCursor | null {
  if (after == null) return null;
  const cursor = decodeFigureCursor(after);
  if (!cursor) throw invalidCursor();
  return cursor;
}

/** An opaque cursor holding one whole number of a kind: a row offset (`offset`), a case id (`case`) or a delivery id (`delivery`). */
const CURSOR_DIGITS = { offset: 9, case: 15, delivery: 15 } as const;

export function encodeNumberCursor(kind: keyof typeof CURSOR_DIGITS, value: number | string): string {
  return Buffer.from(`${kind}:${value}`).toString('base64url');
}

/** The number in a cursor of that kind; null when `after` is absent; BAD_USER_INPUT when it is not one we issued. */
export function decodeNumberCursor(kind: keyof typeof CURSOR_DIGITS, after: string | null | undefined): number | null {
  if (after == null) return null;
  const match = new RegExp(`^${kind}:(\\d{1,${CURSOR_DIGITS[kind]}})$`).exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw invalidCursor();
  return Number(match[1]);
}
