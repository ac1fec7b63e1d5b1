// Query parameters the v1 way: the document spells many names two ways (`Reason`/`reason`,
// `countryCode`/`countrycode`, `Comments`/`comments`), writes booleans `True`/`False`, and repeats a parameter to
// pass a list. These readers accept every spelling the document uses.
import { ParamError } from '../http/params.js';

/** Every value of `name`, matched case-insensitively (a repeated parameter is a list). */
export function v1All(query: URLSearchParams, name: string): string[] {
  const lower = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of query) if (key.toLowerCase() === lower) values.push(value);
  return values;
}

/** The first value of `name` (case-insensitive), or undefined. */
export function v1Text(query: URLSearchParams, name: string): string | undefined {
  return v1All(query, name)[0];
}

/** A required text, with a maximum length; errors name the parameter as the document spells it. */
export function v1RequiredText(query: URLSearchParams, name: string, maxLength?: number): string {
  const value = v1Text(query, name);
  if (value === undefined || value.trim() === '') throw new ParamError(name, `${name}: Required parameter is missing.`);
  return checkLength(name, value, maxLength);
}

export function v1OptionalText(query: URLSearchParams, name: string, maxLength?: number): string | undefined {
  const value = v1Text(query, name);
  return value === undefined ? undefined : checkLength(name, value, maxLength);
}

/** `true`/`True`/`TRUE` and `false`/…; anything else is a 400. */
export function v1Boolean(query: URLSearchParams, name: string): boolean | undefined {
  const value = v1Text(query, name);
  if (value === undefined) return undefined;
  const lower = value.trim().toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw new ParamError(name, `${name}: must be true or false.`);
  return lower === 'true';
}

export function v1RequiredBoolean(query: URLSearchParams, name: string): boolean {
  const value = v1Boolean(query, name);
  if (value === undefined) throw new ParamError(name, `${name}: Required parameter is missing.`);
  return value;
}

function checkLength(name: string, value: string, maxLength: number | undefined): string {
  if (maxLength !== undefined && value.length > maxLength)
    throw new ParamError(name, `${name}: Must be no more than ${maxLength} characters.`);
  return value;
}
