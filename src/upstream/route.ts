/** An upstream endpoint the gateway may call. Only routes declared in a client's route table are ever requested. */
export interface UpstreamRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path pattern with `:name` parameters, e.g. `/api/v2/devices/:uuid/details`. */
  path: string;
  /** Whether retrying is safe (reads only; state-changing calls are never retried). */
  idempotent: boolean;
}

/**
 * What each kind of path parameter may look like; anything else is refused before any call is made. Every value
 * must also be one safe path segment (isSafePathSegment), whatever its pattern allows.
 */
export const PATH_PARAM_PATTERNS: Readonly<Record<string, RegExp>> = {
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  id: /^\d{1,18}$/,
  // EPMM v1 (E30-E47): ActiveSync record ids are not always UUIDs (the samples' `hdgd-e93c-…`); a user is named
  // by login or e-mail; v1 phone numbers are digits only; policy ids are negative for the defaults.
  easUuid: /^[A-Za-z0-9-]{1,64}$/,
  userName: /^[A-Za-z0-9._@+-]{1,128}$/,
  phoneNumber: /^\d{3,20}$/,
  policyId: /^-?\d{1,18}$/,
  // EPMM v1 (E01-E29): Wi-Fi MACs are 12 hex digits; E04 takes a comma list of phone numbers (or PDA); a label is
  // named by its name (any text but a path separator or a dot segment); E25's action is one of five capitals.
  mac: /^[0-9A-Fa-f]{12}$/,
  phoneNumbers: /^(\d{3,20}|PDA)(,(\d{3,20}|PDA)){0,199}$/,
  labelName: /^(?!\.{1,2}$)[^/\\\u0000-\u001f]{1,255}$/,
  actionType: /^(LOCK|UNLOCK|WAKEUP_DEVICE|RETIRE|WIPE)$/,
  // EPMM v2 V16/V17: label names, comma-separated in one path segment (so a name cannot contain a comma).
  labelNames: /^(?!\.{1,2}$)[^,/\\\u0000-\u001f]{1,255}(,[^,/\\\u0000-\u001f]{1,255}){0,99}$/,
};

export class InvalidPathParameter extends Error {}

const SEPARATOR_OR_CONTROL = /[/\\\u0000-\u001f\u007f-\u009f]/;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
/** Nothing but dots and blanks: `.` and `..`, and forms some servers trim to them (`.. `, `...` on Windows). */
const DOTS_ONLY = /^[.\s]*$/;

/**
 * The rule every path parameter obeys after its own pattern: the value stays one path segment that names
 * something, however the upstream or a proxy in front of it decodes or normalises it. Refused: a separator (`/`,
 * `\`) or control character; any percent-escape (`%2e%2e` is sent as `%252e%252e`, which a server or proxy that
 * decodes twice reads as `..`); and a dot segment, including before a `;` parameter (`..;x`, which servlet
 * containers read as `..`). The value's NFKC form is checked too (`．．` normalises to `..`).
 */
export function isSafePathSegment(value: string): boolean {
  for (const form of new Set([value, value.normalize('NFKC')])) {
    if (SEPARATOR_OR_CONTROL.test(form) || PERCENT_ESCAPE.test(form)) return false;
    if (DOTS_ONLY.test(form.split(';', 1)[0])) return false;
  }
  return true;
}

export function buildPath(route: UpstreamRoute, params: Record<string, string> = {}): string {
  return route.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    const pattern = Object.hasOwn(PATH_PARAM_PATTERNS, name) ? PATH_PARAM_PATTERNS[name] : undefined;
    if (value === undefined || !pattern || !pattern.test(value) || !isSafePathSegment(value)) {
      throw new InvalidPathParameter(`invalid value for path parameter ${name}`);
    }
    return encodeURIComponent(value);
  });
}
