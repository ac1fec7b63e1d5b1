// Tolerant decoding, strict envelopes (docs/decisions.md "Tolerant decoding"): the one mechanism that lets a
// record that does not fit its schema be repaired field by field (or dropped alone) instead of losing the page,
// and tells the operator, by route and field path (names only, never values), what their server does.
import type { z } from 'zod';

/**
 * - `missing`: a key was absent and read as null; `type`: a value of another type was converted (numeric string,
 *   ISO or epoch-seconds time) or, if unreadable, nulled; `enum`: an unknown enum value became OTHER/UNKNOWN;
 * - `masked`: a placeholder (`*****`, `<guid>`) was nulled so it never becomes an id or key; `variant`: the datum
 *   came under another key name (a Neurons `entityName` for `deviceName`); `dropped`: one item could not be
 *   decoded and was left out; `rejected`: the envelope or a paging field did not fit, so the response failed.
 */
export type DecodeWarningKind = 'missing' | 'type' | 'enum' | 'masked' | 'variant' | 'dropped' | 'rejected';

export interface DecodeWarning {
  /** The upstream route, `METHOD /path` as in mdmgraph_upstream_calls_total. */
  route: string;
  /** Field path with array positions as `[]` and map keys as `*`: bounded, and never a value. */
  path: string;
  kind: DecodeWarningKind;
  /** The same path with positions (`searchResults[3]`), for the log of a dropped item. */
  at?: string;
}

export type DecodeWarningSink = (warning: DecodeWarning) => void;
/** A sink bound to one route: what the parse functions call. */
export type DecodeReporter = (path: string, kind: DecodeWarningKind, at?: string) => void;

export const ignoreDecodeWarnings: DecodeReporter = () => {};

export function decodeReporter(sink: DecodeWarningSink | undefined, route: string): DecodeReporter {
  if (!sink) return ignoreDecodeWarnings;
  return (path, kind, at) => sink(at === undefined ? { route, path, kind } : { route, path, kind, at });
}

const MAX_REMEMBERED = 10_000;

/**
 * A sink that calls `each` for every warning (the counter) and `first` once per (route, path, kind) (the log). The
 * set of seen triples is bounded; past it, warnings are still counted but no longer logged.
 */
export function oncePerPath(first: DecodeWarningSink, each?: DecodeWarningSink): DecodeWarningSink {
  const seen = new Set<string>();
  return (warning) => {
    each?.(warning);
    const key = `${warning.route}\u0000${warning.path}\u0000${warning.kind}`;
    if (seen.has(key) || seen.size >= MAX_REMEMBERED) return;
    seen.add(key);
    first(warning);
  };
}

// The body → reporter link: UpstreamHttp.requestJson registers each parsed body so that parseEpmm, parseV1 and
// parseNeurons find their route without every call site passing it.
const reporters = new WeakMap<object, DecodeReporter>();

export function attachDecodeReporter(body: unknown, reporter: DecodeReporter): void {
  if (typeof body === 'object' && body !== null) reporters.set(body, reporter);
}

export function decodeReporterOf(body: unknown): DecodeReporter {
  return (typeof body === 'object' && body !== null ? reporters.get(body) : undefined) ?? ignoreDecodeWarnings;
}

/** Values that stand for a hidden one: never an id or a key. */
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && (/^\*+$/.test(value) || /^<[^<>]*>$/.test(value));
}

/**
 * The smallest epoch-millis value a wire time may have (1973-03-03): anything smaller is read as epoch seconds.
 * Wire schemas put it as the minimum of their time fields, so a seconds value fails the strict parse and is
 * converted by the repair step with a warning.
 */
export const EPOCH_MS_MIN = 100_000_000_000;

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

/** Epoch millis from epoch millis, epoch seconds, a numeric string of either, or ISO-8601; else null. */
export function toEpochMillis(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    return value < EPOCH_MS_MIN ? value * 1000 : value;
  }
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (NUMERIC.test(value)) return toEpochMillis(Number(value));
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : millis;
}

/** A number from a number or a numeric string; else null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' && NUMERIC.test(value) ? Number(value) : null;
}

export interface LenientOptions {
  /** Other names of a field (`deviceName: ['entityName']`): read when the field itself is absent. */
  variants?: Readonly<Record<string, readonly string[]>>;
  /** Keys never repaired outside an array item: the envelope and paging fields. */
  strictKeys?: ReadonlySet<string>;
}

export const PAGING_KEYS: ReadonlySet<string> = new Set([
  'totalCount',
  'resultCount',
  'offset',
  'limit',
  'hasMore',
  'results',
  'searchResults',
  'messages',
  'errors',
  'result',
]);

type Path = readonly PropertyKey[];
type Outcome<T> = { success: true; data: T } | { success: false; path: string };

/**
 * Parses strictly; only when that fails, repairs the body in place, issue by issue, and parses again (at most a
 * few rounds). The happy path costs one safeParse. `body` must be the caller's own copy (a freshly parsed JSON).
 */
export function decodeLenient<T extends z.ZodType>(
  schema: T,
  body: unknown,
  report: DecodeReporter,
  options: LenientOptions = {},
): Outcome<z.output<T>> {
  let parsed = schema.safeParse(body);
  if (parsed.success) return { success: true, data: parsed.data };
  const strictKeys = options.strictKeys ?? PAGING_KEYS;
  // A path may be repaired twice (a numeric string of epoch seconds: to a number, then to millis).
  const touched = new Map<string, number>();
  for (let round = 0; round < 4; round++) {
    const drops = new Map<unknown[], Set<number>>();
    for (const issue of parsed.error.issues) {
      const path = issue.path;
      const at = concretePath(path);
      const item = lastIndex(path);
      const named = describePath(schema, path);
      // The envelope and the paging fields stay strict: they decide what the page is.
      const envelope = item < 0 && (path.length === 0 || strictKeys.has(String(path[path.length - 1])));
      if (envelope) {
        report(named, 'rejected');
        return { success: false, path: named };
      }
      const parent = valueAt(body, path.slice(0, -1));
      const key = path[path.length - 1];
      const fixable = (touched.get(at) ?? 0) < 2 && item !== path.length - 1 && isContainer(parent);
      if (fixable) {
        touched.set(at, (touched.get(at) ?? 0) + 1);
        const [value, kind] = repair(parent as Record<PropertyKey, unknown>, key, issue, options.variants);
        (parent as Record<PropertyKey, unknown>)[key] = value;
        report(named, kind);
        continue;
      }
      if (item < 0) {
        report(named, 'rejected');
        return { success: false, path: named };
      }
      const array = valueAt(body, path.slice(0, item));
      if (!Array.isArray(array)) return { success: false, path: named };
      let set = drops.get(array);
      if (!set) drops.set(array, (set = new Set()));
      const itemPath = path.slice(0, item + 1);
      if (!set.has(path[item] as number)) report(describePath(schema, itemPath), 'dropped', concretePath(itemPath));
      set.add(path[item] as number);
    }
    for (const [array, indexes] of drops) {
      for (const index of [...indexes].sort((a, b) => b - a)) array.splice(index, 1);
    }
    // Positions shift after a drop: forget which were repaired (a repaired value now parses or is dropped).
    if (drops.size > 0) touched.clear();
    parsed = schema.safeParse(body);
    if (parsed.success) return { success: true, data: parsed.data };
  }
  return { success: false, path: describePath(schema, parsed.error.issues[0]?.path ?? []) };
}

function repair(
  parent: Record<PropertyKey, unknown>,
  key: PropertyKey,
  issue: z.core.$ZodIssue,
  variants?: LenientOptions['variants'],
): [unknown, DecodeWarningKind] {
  const value = parent[key];
  if (value === undefined || value === null) {
    for (const other of (typeof key === 'string' ? variants?.[key] : undefined) ?? []) {
      const candidate = parent[other];
      if (candidate !== undefined && candidate !== null && !isMasked(candidate)) return [candidate, 'variant'];
    }
    return [null, 'missing'];
  }
  if (isMasked(value)) return [null, 'masked'];
  if (issue.code === 'invalid_value') {
    const fallback = issue.values.find((option) => option === 'OTHER' || option === 'UNKNOWN');
    return [fallback ?? null, 'enum'];
  }
  if (issue.code === 'too_small' && issue.minimum === EPOCH_MS_MIN) return [toEpochMillis(value), 'type'];
  if (issue.code === 'invalid_type') {
    const numeric = issue.expected === 'number' || issue.expected === 'int';
    if (numeric) return [toNumber(value) ?? toEpochMillis(value), 'type'];
    const scalar = typeof value === 'number' || typeof value === 'boolean';
    if (issue.expected === 'string' && scalar) return [String(value), 'type'];
    if (issue.expected === 'boolean') return [toBoolean(value), 'type'];
  }
  return [null, 'type'];
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'no', 'n', 'off']);

/**
 * A flag from a boolean or the spellings vendors put on the wire (`"true"`, `1`, `"1"`, `"Yes"`, `"on"`: the EPMM
 * samples carry `"false"` and `"no"` strings beside real booleans); anything else, `2` or `"unsupported"`, is null.
 */
export function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim().toLowerCase();
  return TRUE_WORDS.has(text) ? true : FALSE_WORDS.has(text) ? false : null;
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function lastIndex(path: Path): number {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') return i;
  return -1;
}

function valueAt(body: unknown, path: Path): unknown {
  let current = body;
  for (const key of path) {
    if (!isContainer(current)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function concretePath(path: Path): string {
  let out = '';
  for (const key of path) {
    out = typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key);
  }
  return out;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
}

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** Looks through optional, nullable, default, pipes (the output side of a preprocess), lazy and unions. */
function unwrap(schema: unknown, depth = 0): Def | undefined {
  const def = defOf(schema);
  if (!def || depth > 20) return def;
  if (def.innerType) return unwrap(def.innerType, depth + 1);
  if (def.type === 'pipe') return unwrap(defOf(def.in)?.type === 'transform' ? def.out : def.in, depth + 1);
  if (def.type === 'lazy' && def.getter) return unwrap(def.getter(), depth + 1);
  if (def.type === 'union' && def.options) {
    const structured = def.options
      .map((option) => unwrap(option, depth + 1))
      .find((option) => option?.type === 'object' || option?.type === 'array');
    return structured ?? defOf(def.options[0]);
  }
  return def;
}

/**
 * The path as names only: positions become `[]`, and a key is kept only where the schema names it (an object's
 * declared key), else `*` (a map's key, or any key below an unknown value, may be data).
 */
export function describePath(schema: z.ZodType, path: Path): string {
  let current: unknown = schema;
  let out = '';
  for (const key of path) {
    const def = current === undefined ? undefined : unwrap(current);
    if (typeof key === 'number') {
      out += '[]';
      current = def?.type === 'array' ? def.element : undefined;
      continue;
    }
    let name = '*';
    if (def?.type === 'object' && def.shape && Object.hasOwn(def.shape, key)) {
      name = String(key);
      current = def.shape[key as string];
    } else if (def?.type === 'record') {
      current = def.valueType;
    } else {
      current = undefined;
    }
    out = out ? `${out}.${name}` : name;
  }
  return out || '(root)';
}
