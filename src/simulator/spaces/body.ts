// Readers for the device-space request bodies. Bodies arrive as parsed JSON or as a form (all strings), and the
// samples mix the two (DS04 sends `parentId` as the string "1"), so numbers are accepted in either spelling.
import { validationError } from './admin-scope.js';

export type Body = Record<string, unknown>;

export function objectBody(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw validationError('The request body must be a JSON object.');
  return body as Body;
}

/** An integer given as a number or a decimal string; undefined when absent. */
export function optionalInteger(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) throw validationError(`${name}: '${String(value)}' is not a number.`, name);
  return number;
}

export function requiredInteger(body: Body, name: string): number {
  const value = optionalInteger(body, name);
  if (value === undefined) throw missing(name);
  return value;
}

export function requiredString(body: Body, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) throw missing(name);
  if (typeof value !== 'string') throw validationError(`${name}: must be a string.`, name);
  if (value.trim() === '') throw missing(name);
  return value;
}

/** An array of 1..max items; undefined when absent. */
export function optionalArray(body: Body, name: string, max: number): unknown[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw validationError(`${name}: must be a list.`, name);
  if (value.length < 1 || value.length > max)
    throw validationError(`${name}: Must be at least 1 and no more than ${max} items.`, name);
  return value;
}

export function missing(name: string) {
  return validationError(`${name}: Required parameter is missing.`, name);
}
