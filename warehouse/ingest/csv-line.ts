/** One CSV line of the delivery contract (RFC 4180): a cell is quoted when it holds a comma, a quote or a line break. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')}\n`;
}
