// Turns a parsed query into a predicate over simulator items, and spots the
// uuid-only queries that an index can answer without a scan.

import type { ComparisonOp, QueryNode } from './ast.js';

export type FieldValue = string | number | boolean | null | readonly string[];
type Scalar = string | number | boolean;

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;
// ISO-8601 date, optionally with time and zone; a space may stand in for `T`.
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function compilePredicate<T>(
  node: QueryNode | null,
  getValue: (item: T, canonicalField: string) => FieldValue,
): (item: T) => boolean {
  if (node === null) return () => true;
  switch (node.kind) {
    case 'and': {
      const left = compilePredicate(node.left, getValue);
      const right = compilePredicate(node.right, getValue);
      return (item) => left(item) && right(item);
    }
    case 'or': {
      const left = compilePredicate(node.left, getValue);
      const right = compilePredicate(node.right, getValue);
      return (item) => left(item) || right(item);
    }
    case 'cmp': {
      const { field, op, value } = node;
      return (item) => matches(getValue(item, field), op, value);
    }
  }
}

/**
 * The lowercased uuids when the query is `uuidField = "v"` or an OR of only such
 * comparisons; otherwise null. Lowercased because `=` is case-insensitive, so the
 * caller's index must be keyed by lowercased uuid to agree with compilePredicate.
 */
export function exactUuidLookup(node: QueryNode | null, uuidField: string): string[] | null {
  if (node === null) return null;
  const found = collectUuids(node, uuidField);
  return found === null ? null : [...new Set(found)];
}

function collectUuids(node: QueryNode, uuidField: string): string[] | null {
  if (node.kind === 'cmp') {
    return node.field === uuidField && node.op === '=' ? [String(node.value).toLowerCase()] : null;
  }
  if (node.kind === 'and') return null;
  const left = collectUuids(node.left, uuidField);
  const right = left && collectUuids(node.right, uuidField);
  return left && right ? [...left, ...right] : null;
}

function matches(actual: FieldValue | undefined, op: ComparisonOp, value: string | number): boolean {
  // A device without the field matches nothing, except "is not X".
  if (actual === null || actual === undefined) return op === '!=';
  if (typeof actual === 'object') {
    return op === '!='
      ? !actual.some((element) => matchScalar(element, '=', value))
      : actual.some((element) => matchScalar(element, op, value));
  }
  return matchScalar(actual, op, value);
}

function matchScalar(actual: Scalar, op: ComparisonOp, value: string | number): boolean {
  switch (op) {
    case '=':
      return equals(actual, value);
    case '!=':
      return !equals(actual, value);
    case 'contains':
      return fold(actual).includes(fold(value));
    case 'starts with':
      return fold(actual).startsWith(fold(value));
    case '<':
      return compare(actual, value) < 0;
    case '>':
      return compare(actual, value) > 0;
    case '<=':
      return compare(actual, value) <= 0;
    case '>=':
      return compare(actual, value) >= 0;
  }
}

function equals(actual: Scalar, value: string | number): boolean {
  const wanted = asNumber(value);
  if (typeof actual === 'number' && wanted !== undefined) return actual === wanted;
  // Strings and booleans compare as text, so `"true"` and bare `true` both match true.
  return fold(actual) === fold(value);
}

/** Numbers before instants before text: the most specific reading both sides share wins. */
function compare(actual: Scalar, value: string | number): number {
  const a = asNumber(actual);
  const b = asNumber(value);
  if (a !== undefined && b !== undefined) return a - b;
  const ta = asInstant(actual);
  const tb = asInstant(value);
  if (ta !== undefined && tb !== undefined) return ta - tb;
  const sa = fold(actual);
  const sb = fold(value);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function fold(value: Scalar): string {
  return String(value).toLowerCase();
}

function asNumber(value: Scalar): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && NUMERIC.test(value) ? Number(value) : undefined;
}

/** Epoch ms of an ISO-8601 string; a zone-less time is read as UTC so results don't depend on the host. */
function asInstant(value: Scalar): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_INSTANT.exec(value);
  if (!m) return undefined;
  const [, date, time, zone] = m;
  const offset =
    zone === undefined ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone.toUpperCase();
  const ms = Date.parse(time === undefined ? date : `${date}T${time}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}
