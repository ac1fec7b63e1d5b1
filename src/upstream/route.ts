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
