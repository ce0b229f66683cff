/**
 * Keyset cursors over published figures. The order (document, line, figure_id) is total and stable across reloads of
 * unchanged files, so a BI tool paging through never sees a row twice or skips one.
 */
export interface FigureCursor {
  document: string;
  line: number;
  figureId: number;
}

export function encodeFigureCursor(cursor: FigureCursor): string {
  return Buffer.from(JSON.stringify([cursor.document, cursor.line, cursor.figureId])).toString('base64url');
}

/** Null when the text is not a cursor this API issued. */
export function decodeFigureCursor(text: string): FigureCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [document, line, figureId] = value as unknown[];
    if (typeof document !== 'string' || !Number.isInteger(line) || !Number.isInteger(figureId)) return null;
    return { document, line: line as number, figureId: figureId as number };
  } catch {
    return null;
  }
}
