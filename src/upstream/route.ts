/** An upstream endpoint the gateway may call. Only routes declared in a client's route table are ever requested. */
export interface UpstreamRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path pattern with `:name` parameters, e.g. `/api/v2/devices/:uuid/details`. */
  path: string;
  /** Whether retrying is safe (reads only; state-changing calls are never retried). */
  idempotent: boolean;
}

/** What each kind of path parameter may look like; anything else is refused before any call is made. */
const PATH_PARAM_PATTERNS: Record<string, RegExp> = {
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

export function buildPath(route: UpstreamRoute, params: Record<string, string> = {}): string {
  return route.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    const pattern = PATH_PARAM_PATTERNS[name];
    if (value === undefined || !pattern || !pattern.test(value)) {
      throw new InvalidPathParameter(`invalid value for path parameter ${name}`);
    }
    return encodeURIComponent(value);
  });
}
