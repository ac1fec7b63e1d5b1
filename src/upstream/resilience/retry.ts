// Retries for idempotent reads only: on connection failures, 429, 502, 503 and 504; full-jitter exponential
// backoff that honours Retry-After, and never past the operation's deadline. State-changing calls are
// never retried (the caller passes `idempotent: false`).
import { GatewayError } from '../../errors.js';

export interface RetryOptions {
  idempotent: boolean;
  /** Epoch ms after which no attempt may start. */
  deadline: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set(['UPSTREAM_UNAVAILABLE', 'RATE_LIMITED']);

export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (
        !options.idempotent ||
        tries >= options.maxAttempts ||
        !(error instanceof GatewayError) ||
        !RETRYABLE.has(error.code)
      )
        throw error;
      if (error.details.circuitOpen === true) throw error; // failing fast is the point of an open breaker
      const backoff = random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (tries - 1));
      const retryAfterMs = retryAfterMillis(error.details.retryAfter, now());
      const wait = Math.max(backoff, retryAfterMs ?? 0);
      if (now() + wait >= options.deadline) throw error;
      await sleep(wait);
    }
  }
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMillis(value: unknown, now: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
