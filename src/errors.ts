// The gateway's one error model (docs/decisions.md "One error model"): a plain Error with a code and typed
// details. Nothing here knows GraphQL: src/plugins/graphql-errors.ts maps it for /graphql, and httpStatusOf
// gives the status of the routes that answer with an error alone.

/** The only codes a client ever sees in `extensions.code` (ARCHITECTURE §3). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  | 'NOT_SUPPORTED_BY_SOURCE'
  | 'INTERNAL_SERVER_ERROR';

/** A path into the operation's arguments or a route's parameters, e.g. ['input', 'ids'] or ['filter', 'query']. */
export type FieldPath = readonly (string | number)[];

/** What a GatewayError may tell a client besides its code and message; each is sent as an extension of that name. */
export interface GatewayErrorDetails {
  /** The argument (or parameter) at fault. */
  readonly field?: FieldPath;
  /** EPMM's or Neurons' message key for the refusal: a key, never the upstream's prose. */
  readonly upstreamMessageKey?: string;
  /** Retry-After of a RATE_LIMITED: seconds, or an HTTP date as the upstream sent it. */
  readonly retryAfter?: string;
  /** UPSTREAM_UNAVAILABLE without a call: the circuit breaker is open (retries fail fast). */
  readonly circuitOpen?: boolean;
  /** Where in a search query the syntax error is (0-based). */
  readonly position?: number;
}

/** The details in the order a client sees them; nothing else of a GatewayError reaches a response. */
const DETAIL_KEYS = [
  'field',
  'upstreamMessageKey',
  'retryAfter',
  'circuitOpen',
  'position',
] as const satisfies readonly (keyof GatewayErrorDetails)[];

/**
 * An expected failure with a code. Its message reaches clients as it is (through /graphql and the routes), so it
 * must never contain upstream bodies or credentials; everything else that is thrown is masked.
 */
export class GatewayError extends Error {
  readonly details: GatewayErrorDetails;

  constructor(
    readonly code: ErrorCode,
    message: string,
    details: GatewayErrorDetails = {},
  ) {
    super(message);
    this.name = 'GatewayError';
    this.details = details;
  }

  /** Code and details as a response's extensions (undefined details left out). */
  extensionFields(): { code: ErrorCode } & GatewayErrorDetails {
    const fields: { code: ErrorCode } & Record<string, unknown> = { code: this.code };
    for (const key of DETAIL_KEYS) if (this.details[key] !== undefined) fields[key] = this.details[key];
    return fields;
  }
}

/**
 * The one status table: the status of a response that is only this error (the export route, the CSRF refusal),
 * and whether /graphql answers with it too. /graphql keeps 200 for everything a client can read as a result
 * (GraphQL over HTTP); only a request without proven credentials fails as a whole. No `WWW-Authenticate: Basic`
 * challenge on 401: a browser would prompt, then remember and resend the credentials by itself; clients send
 * Authorization up front (docs/decisions.md).
 */
const HTTP_STATUS: Record<ErrorCode, { status: number; graphql?: true }> = {
  UNAUTHENTICATED: { status: 401, graphql: true },
  FORBIDDEN: { status: 403 },
  NOT_FOUND: { status: 404 },
  BAD_USER_INPUT: { status: 400 },
  RATE_LIMITED: { status: 429 },
  UPSTREAM_TIMEOUT: { status: 504 },
  UPSTREAM_UNAVAILABLE: { status: 503 },
  UPSTREAM_ERROR: { status: 502 },
  NOT_SUPPORTED_BY_SOURCE: { status: 400 },
  INTERNAL_SERVER_ERROR: { status: 500 },
};

/** The HTTP status of a response that carries only an error with this code. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code].status;
}

/** The status /graphql answers with when an error with this code is among the errors, if not 200. */
export function graphqlHttpStatusOf(code: ErrorCode): number | undefined {
  const entry = HTTP_STATUS[code];
  return entry.graphql ? entry.status : undefined;
}

/**
 * The GatewayError behind an error, if any: itself, or the `originalError` of a wrapper (GraphQL execution wraps
 * what a resolver throws, graphql-jit too), at any depth.
 */
export function gatewayErrorOf(error: unknown): GatewayError | undefined {
  for (let current = error, depth = 0; current !== null && current !== undefined && depth < 8; depth += 1) {
    if (current instanceof GatewayError) return current;
    if (typeof current !== 'object') return undefined;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
