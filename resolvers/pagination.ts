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

export function figureCursor(after: string | null | undefined): FigureCursor | null {
  if (after == null) return null;
  const cursor = decodeFigureCursor(after);
  if (!cursor) throw badUserInput('after is not a cursor this API issued; pass pageInfo.endCursor of the previous page', { argument: 'after' });
  return cursor;
}
