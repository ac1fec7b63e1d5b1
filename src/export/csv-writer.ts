// Writes CSV for clients: RFC 4180 quoting and CRLF line ends, and cells neutralised against CSV (formula)
// injection as OWASP advises, because an exported device name or user field is text an end user controls and a
// spreadsheet would otherwise run `=HYPERLINK(…)` or `@SUM(…)` from it.

/** A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as a spreadsheet will show it: formula starters prefixed with `'`, quoted when it needs quoting. */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
