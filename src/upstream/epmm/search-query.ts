// Builds EPMM advanced-search text. Every value is quoted and escaped here, so no input can change a
// query's structure: inside quotes, only `\` and `"` are special, and both are backslash-escaped.

export type SearchOperator = '=' | '!=' | 'contains' | 'starts with' | '<' | '>' | '<=' | '>=';

/** EPMM's documented cap on the `query` parameter of `GET /api/v2/devices`. */
export const EPMM_SEARCH_QUERY_MAX = 255;

export function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

export function comparison(field: string, op: SearchOperator, value: string | number | boolean): string {
  return `${quote(field)} ${op} ${quote(String(value))}`;
}

/** Joins terms with AND; terms that are themselves OR-groups come parenthesised from anyOf. */
export function allOf(terms: readonly string[]): string {
  return terms.join(' AND ');
}

export function anyOf(terms: readonly string[]): string {
  return terms.length === 1 ? terms[0] : `(${terms.join(' OR ')})`;
}

/**
 * Splits `field = v1 OR field = v2 ...` into as few queries as fit in `maxLength` characters each, for
 * batched lookups by key.
 */
export function chunkedEqualsQueries(
  field: string,
  values: readonly string[],
  maxLength = EPMM_SEARCH_QUERY_MAX,
): { query: string; values: string[] }[] {
  const chunks: { query: string; values: string[] }[] = [];
  let current: string[] = [];
  let length = 0;
  for (const value of values) {
    const term = comparison(field, '=', value);
    const added = current.length === 0 ? term.length : term.length + ' OR '.length;
    if (current.length > 0 && length + added > maxLength) {
      chunks.push({ query: current.map((v) => comparison(field, '=', v)).join(' OR '), values: current });
      current = [];
      length = 0;
    }
    current.push(value);
    length += current.length === 1 ? term.length : term.length + ' OR '.length;
  }
  if (current.length > 0)
    chunks.push({ query: current.map((v) => comparison(field, '=', v)).join(' OR '), values: current });
  return chunks;
}
