// Reading EPMM v1 JSON. The v1 document shows only XML, and XML-to-JSON mappers disagree on the details, so the
// client accepts every plausible reading (docs/epmm-v1-json.md): any key casing (`blockreason`, `blockReason`), an
// `@id` attribute or an `id` key, a root element or none, a repeated element as an array or (when there is one)
// as a bare object, a list wrapper or none, numbers and booleans as JSON values or as text, and an empty element as
// "" or {}. Schemas are written with the canonical camelCase keys; these helpers bend the input towards them.
import { z } from 'zod';
import { GatewayError } from '../../errors.js';
import { decodeLenient, decodeReporterOf, type DecodeReporter } from '../decode-warnings.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Lower-case, without an attribute marker (`@id`, `-id`, `_id` are the `id` attribute in common mappers). */
function keyOf(name: string): string {
  return name.replace(/^[@_-]/, '').toLowerCase();
}

/** Root elements are recognised by name: one top-level key ending in "response" (or the document's "Reponse"), or `easDevice`. */
function isRootName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('response') || lower.endsWith('reponse') || lower === 'easdevice';
}

/**
 * The content of a v1 body: unwraps the root element when present, and folds a stray top-level `message` into
 * `messages` (the E26 sample has `<messages/>` followed by a sibling `<message>`).
 */
export function v1Content(body: unknown): unknown {
  let content = body;
  if (isObject(body)) {
    const keys = Object.keys(body);
    if (keys.length === 1 && isRootName(keys[0]) && (isObject(body[keys[0]]) || isEmpty(body[keys[0]])))
      content = body[keys[0]] ?? {};
  }
  if (isEmpty(content)) return {};
  if (!isObject(content)) return content;
  const messageKey = Object.keys(content).find((key) => keyOf(key) === 'message');
  if (messageKey === undefined) return content;
  const messagesKey = Object.keys(content).find((key) => keyOf(key) === 'messages');
  const { [messageKey]: stray, ...rest } = content;
  const existing = messagesKey === undefined ? [] : messageTexts(content[messagesKey]);
  if (messagesKey !== undefined) delete rest[messagesKey];
  return { ...rest, messages: { message: [...existing, ...messageTexts(stray)] } };
}

/** A repeated element: absent or empty → [], an array as is, a single value → [value]. */
export function asV1Array(value: unknown): unknown[] {
  if (isEmpty(value)) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The items of a list wrapper such as `devices`: `{ device: [...] }`, `{ device: {...} }` (one item),
 * `[...]` (wrapper and items collapsed), `[{ device: {...} }, …]`, a bare single item, or empty.
 */
export function v1Items(value: unknown, itemKey: string): unknown[] {
  const wanted = itemKey.toLowerCase();
  const unwrapItem = (candidate: unknown): unknown[] => {
    if (isObject(candidate)) {
      const keys = Object.keys(candidate);
      const itemName = keys.find((key) => keyOf(key) === wanted);
      if (itemName !== undefined && keys.length === 1) return asV1Array(candidate[itemName]);
    }
    return [candidate];
  };
  if (isEmpty(value)) return [];
  if (Array.isArray(value)) return value.flatMap(unwrapItem);
  if (isObject(value) && Object.keys(value).length === 0) return [];
  return unwrapItem(value);
}

/** Renames keys that match a canonical key case-insensitively (and aliases, when the canonical key is absent). */
export function withCanonicalKeys(
  value: Json,
  canonical: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): Json {
  const byLower = new Map(canonical.map((key) => [key.toLowerCase(), key]));
  const aliasByLower = new Map(Object.entries(aliases).map(([alias, key]) => [alias.toLowerCase(), key]));
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    const name = byLower.get(keyOf(key)) ?? key;
    if (!(name in out)) out[name] = item;
  }
  for (const [key, item] of Object.entries(value)) {
    const target = aliasByLower.get(keyOf(key));
    if (target !== undefined && !(target in out)) out[target] = item;
  }
  return out;
}

/** An element with children; keys are matched case-insensitively. An empty element ("") reads as {}. */
export function v1Object<S extends z.ZodRawShape>(shape: S, aliases: Readonly<Record<string, string>> = {}) {
  const keys = Object.keys(shape);
  return z.preprocess((value) => {
    if (isEmpty(value)) return {};
    return isObject(value) ? withCanonicalKeys(value, keys, aliases) : value;
  }, z.object(shape));
}

/** A list wrapper whose repeated element is `itemKey` (see `v1Items`). */
export function v1List<T extends z.ZodType>(itemKey: string, item: T) {
  return z.preprocess((value) => v1Items(value, itemKey), z.array(item));
}

/**
 * Text; numbers and booleans (what some mappers make of digits-only text, e.g. phone numbers) become text again,
 * and an empty element (`<mdmProfileUrlId/>` read as {} or null) is "".
 */
export const v1String = z.preprocess((value) => {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || (isObject(value) && Object.keys(value).length === 0)) return '';
  return value;
}, z.string());

/** A decimal number (coordinates), as a JSON number or as text. */
export const v1Number = z.preprocess(
  (value) =>
    typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value,
  z.number(),
);

/** An integer, as a JSON number or as text. */
export const v1Int = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
  z.number().int(),
);

/** A boolean, as a JSON boolean or as `true`/`True`/`false`/…. */
export const v1Bool = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : value;
}, z.boolean());

function messageTexts(value: unknown): string[] {
  return v1Items(value, 'message')
    .map((item) =>
      typeof item === 'string' || typeof item === 'number'
        ? String(item)
        : isObject(item) && Object.keys(item).length === 0
          ? ''
          : undefined,
    )
    .filter((text): text is string => text !== undefined && text.trim() !== '');
}

/** `<messages>` as a list of texts (empty when the element is empty or absent). */
export const v1Messages = z.preprocess((value) => messageTexts(value), z.array(z.string()));

/** `<details>`/`<properties>` (`<entry><key/><value/></entry>` pairs) as a map; values are text. */
export const v1EntryMap = z.preprocess(
  (value) => {
    const map: Record<string, string> = {};
    for (const entry of v1Items(value, 'entry')) {
      if (!isObject(entry)) continue;
      const pair = withCanonicalKeys(entry, ['key', 'value']);
      if (typeof pair.key !== 'string' || pair.key === '') continue;
      map[pair.key] = isEmpty(pair.value) ? '' : isObject(pair.value) ? '' : String(pair.value);
    }
    return map;
  },
  z.record(z.string(), z.string()),
);

/** Validates a v1 body (root element or not) against a schema written with canonical keys. */
export function parseV1<T extends z.ZodType>(
  schema: T,
  body: unknown,
  what: string,
  report: DecodeReporter = decodeReporterOf(body),
): z.output<T> {
  const content = v1Content(body);
  const parsed = schema.safeParse(content);
  if (parsed.success) return parsed.data;
  // Items that do not fit are repaired or dropped alone (docs/decisions.md "Tolerant decoding").
  const lenient = decodeLenient(schema, content, report);
  if (lenient.success) return lenient.data;
  throw new GatewayError('UPSTREAM_ERROR', `EPMM sent an unexpected ${what} response.`);
}

/** The texts of `messages` in any v1 body, e.g. to explain a failure reported with status 200. */
export function v1MessageTexts(body: unknown): string[] {
  const content = v1Content(body);
  if (!isObject(content)) return [];
  const key = Object.keys(content).find((name) => keyOf(name) === 'messages');
  return key === undefined ? [] : messageTexts(content[key]);
}
