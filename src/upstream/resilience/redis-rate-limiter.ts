// The upstream token bucket shared by every replica (REDIS_URL): one bucket per upstream in Redis, taken from
// by an atomic script on Redis's clock, so N gateways together stay within UPSTREAM_RATE_LIMIT. Like the
// per-process bucket, a token is reserved first and waited for after; a wait past the deadline is refused.
// With Redis unreachable each process falls back to its own bucket (per-process rate, logged as an outage).
import type { Result } from 'ioredis';
import type { RedisConnection } from '../../cache/redis-connection.js';
import { RateLimiter, rateExhausted, type UpstreamLimiter } from './rate-limiter.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    mdmgraphTakeToken(
      bucket: string,
      ratePerSecond: number,
      burst: number,
      maxWaitMs: number,
    ): Result<[number, number], Context>;
  }
}

// KEYS[1]: the bucket {tokens, at}. ARGV: rate per second, burst, longest acceptable wait in ms.
// Returns {1, wait ms} with the token reserved, or {0, wait ms} refused and nothing reserved.
const TAKE_TOKEN_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then tokens = burst; at = now end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000) - 1
local wait = 0
if tokens < 0 then wait = math.ceil(-tokens * 1000 / rate) end
if wait > maxWait then return {0, wait} end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.3f', now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
return {1, wait}
`;

export interface SharedRateLimiterOptions {
  ratePerSecond: number;
  burst: number;
  /** This process's bucket while Redis is unreachable: a cluster worker's share, else the whole rate. */
  fallback?: { ratePerSecond: number; burst: number };
  sleep?: (ms: number) => Promise<void>;
}

export class SharedRateLimiter implements UpstreamLimiter {
  private readonly bucket: string;
  private readonly fallback: RateLimiter;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly redis: RedisConnection,
    readonly upstream: string,
    origin: string,
    private readonly options: SharedRateLimiterOptions,
  ) {
    this.bucket = `${redis.keyPrefix}rate:${JSON.stringify([upstream, origin])}`;
    this.fallback = new RateLimiter(upstream, options.fallback ?? options);
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    redis.client.defineCommand('mdmgraphTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN_SCRIPT });
  }

  async acquire(deadline: number): Promise<void> {
    let granted: number;
    let waitMs: number;
    try {
      [granted, waitMs] = await this.redis.client.mdmgraphTakeToken(
        this.bucket,
        this.options.ratePerSecond,
        this.options.burst,
        Math.max(0, deadline - Date.now()),
      );
      this.redis.recovered();
    } catch (error) {
      this.redis.degraded('rate limit', error);
      return this.fallback.acquire(deadline);
    }
    if (!granted) throw rateExhausted(this.upstream, waitMs);
    if (waitMs > 0) await this.sleep(waitMs);
  }
}
