// A token bucket towards one upstream: at most `ratePerSecond` calls on average, bursts up to `burst`.
// A call that would have to wait past its deadline fails at once with RATE_LIMITED instead of queueing.
import { GatewayError } from '../../errors.js';

export interface RateLimiterOptions {
  ratePerSecond: number;
  burst: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What acquires a token before each upstream call: this process's bucket, or one shared by all replicas. */
export interface UpstreamLimiter {
  acquire(deadline: number): Promise<void>;
}

/** The refusal when a token would come only after the operation's deadline. */
export function rateExhausted(upstream: string, waitMs: number): GatewayError {
  return new GatewayError(
    'RATE_LIMITED',
    `The gateway's request rate towards ${upstream} is exhausted; try again shortly.`,
    { retryAfter: String(Math.ceil(waitMs / 1000)) },
  );
}

/** A bucket's size: calls per second on average, and at most `burst` at once. */
export type RateLimit = Pick<RateLimiterOptions, 'ratePerSecond' | 'burst'>;

/**
 * The bucket of one of `workers` cluster workers without a bucket shared through Redis: 1/N of the rate and of
 * the burst, so that N workers together never exceed the configured rate and burst (docs/decisions.md "Cache,
 * rate limit and audit file across workers"). The burst stays at least 1 (a bucket under one token makes every
 * call wait, even on an idle gateway), so a burst below N becomes N for the cluster. A worker cannot borrow
 * another's unused share.
 */
export function workerShareOfRate(rate: RateLimit, workers: number): RateLimit {
  const n = Math.max(1, Math.floor(workers));
  return { ratePerSecond: rate.ratePerSecond / n, burst: Math.max(1, Math.floor(rate.burst / n)) };
}

export class RateLimiter implements UpstreamLimiter {
  private tokens: number;
  private updatedAt: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly upstream: string,
    private readonly options: RateLimiterOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    this.tokens = options.burst;
    this.updatedAt = this.now();
  }

  /** Takes a token, waiting for one if needed; reserving it first keeps concurrent callers in order. */
  async acquire(deadline: number): Promise<void> {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = (-this.tokens / this.options.ratePerSecond) * 1000;
    if (this.now() + waitMs > deadline) {
      this.tokens += 1;
      throw rateExhausted(this.upstream, waitMs);
    }
    await this.sleep(waitMs);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.options.burst,
      this.tokens + ((now - this.updatedAt) / 1000) * this.options.ratePerSecond,
    );
    this.updatedAt = now;
  }
}
