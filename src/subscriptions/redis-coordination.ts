// The subscription coordination of replicas sharing Redis (REDIS_URL): one replica polls a scope under a lease
// (src/subscriptions/redis-poll-lease.ts) and appends what it finds to the scope's stream
// (src/subscriptions/redis-event-log.ts), which every replica follows with one blocking reader
// (src/subscriptions/redis-stream-reader.ts). Keys are `<prefix>sub:lease:<digest>`, `<prefix>sub:checkpoint:<digest>`
// and `<prefix>sub:log:<digest>`, the digest being a SHA-256 of the scope key, which already carries the caller's
// credential scope and device space: one scope's key never names another's stream, and a key's length does not grow
// with the scope key.
import { createHash, randomBytes } from 'node:crypto';
import type { RedisConnection } from '../cache/redis-connection.js';
import type { Logger } from '../observability/logger.js';
import type { SubscriptionCoordination } from './coordination.js';
import { RedisEventLog } from './redis-event-log.js';
import { RedisPollLease } from './redis-poll-lease.js';
import { RedisStreamReader } from './redis-stream-reader.js';

export interface RedisCoordinationOptions {
  /** Events kept per scope for resumption (SUBSCRIPTION_RETENTION). */
  retention: number;
}

export class RedisCoordination implements SubscriptionCoordination {
  readonly lease: RedisPollLease;
  readonly log: RedisEventLog;
  private readonly reader: RedisStreamReader;

  constructor(redis: RedisConnection, logger: Logger, options: RedisCoordinationOptions) {
    const key = (kind: string) => (scopeKey: string) =>
      `${redis.keyPrefix}sub:${kind}:${createHash('sha256').update(scopeKey).digest('hex')}`;
    this.lease = new RedisPollLease(redis, key('lease'), key('checkpoint'));
    this.reader = new RedisStreamReader(redis, logger, `${redis.keyPrefix}sub:wake:${randomBytes(8).toString('hex')}`);
    this.log = new RedisEventLog(redis, this.reader, key('log'), options.retention);
  }

  /** Stops following and gives up this replica's leases; the Redis connection stays open (the gateway owns it). */
  async close(): Promise<void> {
    await Promise.all([this.lease.releaseAll(), this.reader.close()]);
  }
}
