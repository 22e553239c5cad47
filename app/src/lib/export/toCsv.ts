/** A cell as it is written: objects become JSON, null/undefined empty. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  // A leading = + - @ (or tab/CR) makes spreadsheets evaluate the cell: neutralise it (OWASP "CSV injection").
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Rows as RFC 4180 CSV (CRLF line ends, quoted when needed) with a header line. `columns` fixes
 * the order; by default every key met in the rows, in first-seen order.
 */
export function toCsv(rows: Record<string, unknown>[], columns?: string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [cols.map(cell).join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
