// The Redis connections of the optional shared tier (REDIS_URL), set up to fail fast: with Redis down a
// command rejects at once (no offline queue) or after REDIS_TIMEOUT_MS, so every user of the tier falls back
// to in-process behaviour instead of failing or stalling requests. Outages are logged once each, not per call.
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import { maskUrlPassword } from '../config.js';
import type { Logger } from '../observability/logger.js';

/**
 * ioredis, loaded by the first connection: a gateway without REDIS_URL never loads it (docs/decisions.md
 * "Compiled build, start-up and memory"). It is a CommonJS package, so require() loads it synchronously.
 */
const loadRedis = (): typeof Redis => (createRequire(import.meta.url)('ioredis') as typeof import('ioredis')).Redis;

export interface RedisSettings {
  url: string;
  keyPrefix: string;
  timeoutMs: number;
}

/** Reconnection back-off: quick at first, then every 5 s for as long as Redis is away. */
const reconnectDelay = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), 5_000);

export class RedisConnection {
  /** Commands (cache, generations, rate limit, publish). */
  readonly client: Redis;
  /** Pub/sub: a connection in subscriber mode takes no other commands. */
  readonly subscriber: Redis;
  readonly keyPrefix: string;
  /** Settles once the first connection attempt has succeeded or failed; never rejects (Redis is optional). */
  readonly ready: Promise<void>;
  private down = false;
  private closed = false;

  constructor(
    settings: RedisSettings,
    private readonly logger: Logger,
  ) {
    this.keyPrefix = settings.keyPrefix;
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: settings.timeoutMs,
      connectTimeout: Math.max(settings.timeoutMs, 1_000),
      retryStrategy: reconnectDelay,
    };
    const Redis = loadRedis();
    this.client = new Redis(settings.url, { ...options, connectionName: 'mdmgraph' });
    // Subscriptions are queued until connected and restored by ioredis after every reconnect.
    this.subscriber = new Redis(settings.url, {
      ...options,
      enableOfflineQueue: true,
      commandTimeout: undefined,
      connectionName: 'mdmgraph-sub',
    });
    const where = maskUrlPassword(settings.url);
    this.client.on('error', (error: Error) => this.degraded(`connection to ${where}`, error));
    this.subscriber.on('error', (error: Error) => this.degraded(`subscription at ${where}`, error));
    this.client.on('ready', () => this.recovered());
    this.ready = new Promise<void>((resolve) => {
      this.client.once('ready', resolve);
      this.client.once('error', () => resolve());
      this.client.once('end', resolve);
    });
  }

  /** Records a failed Redis command or connection: one warning per outage. */
  degraded(what: string, error: unknown): void {
    if (this.down || this.closed) return;
    this.down = true;
    this.logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      `redis unavailable (${what}): serving from the in-process cache and rate limiter, refusing mutations with an idempotency key, and polling and delivering subscription events within this process, until it is back`,
    );
  }

  /** Records a working Redis after an outage. */
  recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info('redis available again: shared cache and rate limiter resumed');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.client.disconnect();
    this.subscriber.disconnect();
  }
}
