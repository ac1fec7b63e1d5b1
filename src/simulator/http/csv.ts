// The simulator's one CSV writer, for every CSV it serves (V04 export, V12 ActiveSync report, v1 E03 export).
// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; lines end in CRLF. It is not
// the gateway's src/export/csv-writer.ts, which also neutralises formulas: EPMM does not (docs/decisions.md).

export type CsvCell = string | number | boolean | null | undefined | readonly string[];

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Multi-valued fields (reasons) are joined the way EPMM's grid shows them.
  const text = Array.isArray(value) ? value.join(';') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
