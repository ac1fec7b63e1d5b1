// The one HTTP mechanism towards upstreams: an undici Pool per origin, `pool.request` on the hot path,
// timeouts, and the mapping of every transport and status failure to the gateway's error codes.
import { errors as undiciErrors, Pool } from 'undici';
import type { Credential } from '../auth/credentials.js';
import { GatewayError } from '../errors.js';
import { attachDecodeReporter, decodeReporter } from './decode-warnings.js';
import type { DecodeReporter, DecodeWarningSink } from './decode-warnings.js';
import { CircuitBreaker, type BreakerState } from './resilience/circuit-breaker.js';
import { RateLimiter, type UpstreamLimiter } from './resilience/rate-limiter.js';
import { withRetries } from './resilience/retry.js';
import { isValidPathPrefix } from './base-url.js';
import { buildPath, InvalidPathParameter, type UpstreamRoute } from './route.js';
import { holdsStateChangePermit } from './state-change-permit.js';
import type { UpstreamOperation } from './operation.js';

/** An array is sent as a repeated parameter (`id=1&id=2`), as EPMM v1 takes lists. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface UpstreamRequest {
  route: UpstreamRoute;
  pathParams?: Record<string, string>;
  query?: Record<string, QueryValue>;
  credential: Credential;
  body?: unknown;
  /** Sent as `application/x-www-form-urlencoded` instead of a JSON body (EPMM v1 E33/E36 credentials). */
  form?: Record<string, string>;
  /** Told about every call, for per-operation accounting. */
  observer?: CallObserver;
  /** The operation the call belongs to: its deadline and state-change permit (src/upstream/caller.ts). */
  operation?: UpstreamOperation;
}

export interface CallRecord {
  route: string;
  status: number;
  ms: number;
  /** Epoch milliseconds when the call ended (for trace spans). */
  endedAt: number;
  /** Whether the route changes state (never retried; its delivery decides what a failure means). */
  stateChanging: boolean;
  delivery: Delivery;
}

/**
 * What is known of whether the upstream received and acted on a call (docs/security.md, "lost answers"):
 * - `not-sent`: it failed before the request could reach the server (connection refused, DNS, connect timeout);
 * - `refused`: the server answered that it did not act (4xx, 503);
 * - `answered`: the server answered 2xx/3xx and the whole body arrived;
 * - `unknown`: the request may have reached the server and the answer was lost or is a failure that does not
 *   say whether it acted (reset after sending, a body cut off, a timeout, 500/502/504).
 */
export type Delivery = 'not-sent' | 'refused' | 'answered' | 'unknown';

export type CallObserver = (call: CallRecord) => void;

export interface UpstreamHttpOptions {
  connections: number;
  timeoutMs: number;
  /** Told about every call of every operation (metrics). */
  onCall?: CallObserver;
  /** Retries, breaker, rate limit and deadline; absent means single attempts (contract tests). */
  resilience?: ResilienceOptions;
  /** Replaces the per-process limiter of `resilience.rateLimit` (a bucket shared by all replicas through Redis). */
  limiter?: UpstreamLimiter;
  /**
   * Refuse state-changing routes outside an audited send (state-change-permit.ts). The gateway sets it; tests
   * that drive a client directly do not.
   */
  guardStateChanges?: boolean;
  /**
   * Prepended to every route path: where the upstream's API lives under its origin (EPMM_URL or NEURONS_URL with
   * a path, see base-url.ts). Route keys in metrics and observers stay without it.
   */
  pathPrefix?: string;
  /** Told about every leniency of the response decoders (docs/decisions.md "Tolerant decoding"). */
  onDecodeWarning?: DecodeWarningSink;
}

export interface ResilienceOptions {
  operationDeadlineMs: number;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  breaker: { failureThreshold: number; openMs: number };
  /** Calls per second towards this upstream; absent means unlimited (the pool's connections still cap concurrency). */
  rateLimit?: { ratePerSecond: number; burst: number };
}

export class UpstreamHttp {
  private readonly pool: Pool;
  private readonly breaker: CircuitBreaker;
  private readonly limiter: UpstreamLimiter | undefined;
  readonly pathPrefix: string;

  constructor(
    readonly upstreamName: string,
    readonly origin: string,
    private readonly options: UpstreamHttpOptions,
  ) {
    this.pathPrefix = options.pathPrefix ?? '';
    // A programming error (configuration is validated by config.ts): refuse rather than call the wrong paths.
    if (!isValidPathPrefix(this.pathPrefix)) {
      throw new Error(`invalid ${upstreamName} path prefix '${this.pathPrefix}'`);
    }
    const breaker = options.resilience?.breaker ?? { failureThreshold: Number.MAX_SAFE_INTEGER, openMs: 0 };
    this.breaker = new CircuitBreaker(upstreamName, breaker);
    const rate = options.resilience?.rateLimit;
    this.limiter = rate ? (options.limiter ?? new RateLimiter(upstreamName, rate)) : undefined;
    this.pool = new Pool(origin, {
      connections: options.connections,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      connectTimeout: Math.min(options.timeoutMs, 10_000),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  /** Performs the call and returns the parsed JSON body; every failure becomes a GatewayError. */
  async requestJson(request: UpstreamRequest): Promise<unknown> {
    const text = await this.resilient(request, 'application/json');
    try {
      const body = JSON.parse(text) as unknown;
      // The parse functions find the route of what they decode through the body (decode-warnings.ts).
      if (this.options.onDecodeWarning) attachDecodeReporter(body, this.decodeReporter(request.route));
      return body;
    } catch {
      throw new GatewayError('UPSTREAM_ERROR', `${this.upstreamName} sent a response that is not valid JSON.`);
    }
  }

  /** Where a client reports a leniency of its own decoding of this route's answers. */
  decodeReporter(route: UpstreamRoute): DecodeReporter {
    return decodeReporter(this.options.onDecodeWarning, `${route.method} ${route.path}`);
  }

  /** Performs the call and returns the body as text (EPMM v1 E03's CSV export), with the same error mapping. */
  requestText(request: UpstreamRequest, accept = 'text/csv, text/plain;q=0.9, */*;q=0.1'): Promise<string> {
    return this.resilient(request, accept);
  }

  /**
   * One logical call: through the rate limiter and the circuit breaker, retried (reads only) within the
   * operation's deadline, each attempt's timeouts shrunk to the time left.
   */
  private resilient(request: UpstreamRequest, accept: string): Promise<string> {
    const { resilience } = this.options;
    if (this.options.guardStateChanges && !request.route.idempotent && !holdsStateChangePermit(request.operation)) {
      // A programming error, never a client's: masked as an internal error, and nothing is sent.
      return Promise.reject(
        new Error(`state-changing route ${request.route.method} ${request.route.path} called outside an audited send`),
      );
    }
    if (!resilience) return this.exchange(request, accept);
    const deadline = request.operation?.deadline ?? Date.now() + resilience.operationDeadlineMs;
    return withRetries(
      () =>
        this.breaker.run(async () => {
          await this.limiter?.acquire(deadline);
          if (Date.now() >= deadline)
            throw new GatewayError(
              'UPSTREAM_TIMEOUT',
              `The operation ran out of time before ${this.upstreamName} answered.`,
            );
          return this.exchange(request, accept, deadline);
        }),
      { idempotent: request.route.idempotent, deadline, ...resilience.retry },
    );
  }

  /** Where the API lives: the origin and the path prefix (for reports; the pool connects to `origin`). */
  get baseUrl(): string {
    return this.origin + this.pathPrefix;
  }

  /** Open, closed or half-open: for readiness and metrics. */
  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  private async exchange(request: UpstreamRequest, accept: string, deadline?: number): Promise<string> {
    const { route, credential } = request;
    const routeKey = `${route.method} ${route.path}`;
    const started = performance.now();
    let status = 0;
    let sent = false;
    let delivery: Delivery = 'unknown';
    try {
      const path = this.pathPrefix + buildPath(route, request.pathParams) + queryString(request.query);
      sent = true;
      const timeout =
        deadline === undefined ? undefined : Math.max(1, Math.min(this.options.timeoutMs, deadline - Date.now()));
      const response = await this.pool.request({
        method: route.method,
        path,
        ...(timeout !== undefined ? { headersTimeout: timeout, bodyTimeout: timeout } : {}),
        headers: {
          authorization: credential.authorization,
          accept,
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(request.form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body:
          request.form !== undefined
            ? new URLSearchParams(request.form).toString()
            : request.body === undefined
              ? undefined
              : JSON.stringify(request.body),
      });
      status = response.statusCode;
      // Known from the status alone, even if the body is then lost: a refusal stays a refusal.
      if (refusedStatus(status)) delivery = 'refused';
      const text = await response.body.text();
      if (status >= 400) throw statusError(this.upstreamName, status, text, response.headers['retry-after']);
      delivery = 'answered';
      return text;
    } catch (error) {
      if (status === 0 && beforeSending(error)) delivery = 'not-sent';
      throw transportError(this.upstreamName, error);
    } finally {
      if (sent) {
        const call = {
          route: routeKey,
          status,
          ms: performance.now() - started,
          endedAt: Date.now(),
          stateChanging: !route.idempotent,
          delivery,
        };
        request.observer?.(call);
        this.options.onCall?.(call);
      }
    }
  }

  /**
   * Readiness probe: an unauthenticated request that only asks "is anyone answering?". Any HTTP answer below
   * 500 (a 401 included) means the upstream is up.
   */
  async probe(route: UpstreamRoute, timeoutMs: number): Promise<boolean> {
    try {
      const path = this.pathPrefix + buildPath(route);
      const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
      const response = await this.pool.request({ method: route.method, path, ...timeouts });
      await response.body.dump();
      return response.statusCode < 500;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(name, item);
    else if (value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Reads the failure's message key (a key, never the prose) so clients can tell failures apart: EPMM's
 * `messages[0].messageKey`, or a Neurons `errors[0].messageKey` (Neurons documents no error body; read defensively).
 */
function messageKey(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as {
      messages?: Array<{ messageKey?: unknown }>;
      errors?: Array<{ messageKey?: unknown }> | null;
    };
    const key =
      parsed.messages?.[0]?.messageKey ?? (Array.isArray(parsed.errors) ? parsed.errors[0]?.messageKey : undefined);
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

function statusError(
  upstream: string,
  status: number,
  text: string,
  retryAfter: string | string[] | undefined,
): GatewayError {
  const key = messageKey(text);
  const extra = key ? { upstreamMessageKey: key } : {};
  if (status === 401) return new GatewayError('UNAUTHENTICATED', `${upstream} did not accept the credentials.`);
  if (status === 403)
    return new GatewayError('FORBIDDEN', `${upstream} refused this call for the authenticated administrator.`, extra);
  if (status === 404) return new GatewayError('NOT_FOUND', `${upstream} does not know the requested object.`, extra);
  if (status === 429) {
    return new GatewayError('RATE_LIMITED', `${upstream} is rate limiting requests.`, {
      retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
    });
  }
  if (status >= 400 && status < 500)
    return new GatewayError('BAD_USER_INPUT', `${upstream} rejected the request as invalid.`, extra);
  if (status === 502 || status === 503 || status === 504)
    return new GatewayError('UPSTREAM_UNAVAILABLE', `${upstream} is unavailable (HTTP ${status}).`);
  return new GatewayError('UPSTREAM_ERROR', `${upstream} failed (HTTP ${status}).`);
}

/** Statuses that say the server did not act: any 4xx (429 included) and 503 (not available to handle it). */
function refusedStatus(status: number): boolean {
  return (status >= 400 && status < 500) || status === 503;
}

/**
 * Failures that happen while connecting, so the request cannot have left: the server never saw it. A reset or
 * a close after connecting is not among them, even on a reused keep-alive socket: the bytes may have arrived.
 */
const CONNECT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function beforeSending(error: unknown): boolean {
  if (error instanceof InvalidPathParameter || error instanceof undiciErrors.ConnectTimeoutError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECT_ERROR_CODES.has(code);
}

function transportError(upstream: string, error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new GatewayError('UPSTREAM_TIMEOUT', `${upstream} did not answer in time.`);
  }
  if (error instanceof InvalidPathParameter) return new GatewayError('BAD_USER_INPUT', error.message);
  return new GatewayError('UPSTREAM_UNAVAILABLE', `${upstream} could not be reached.`);
}
