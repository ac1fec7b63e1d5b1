// Which coordination the subscription pollers use. Without Redis, the in-process one: one gateway polls and
// delivers everything itself. With Redis (REDIS_URL), src/subscriptions/redis-coordination.ts: one replica polls a
// scope under a lease and every replica delivers its events from the scope's stream.
import type { RedisConnection } from '../cache/redis-connection.js';
import type { Logger } from '../observability/logger.js';
import type { SubscriptionCoordination } from './coordination.js';
import { createLocalCoordination } from './local-coordination.js';
import { RedisCoordination } from './redis-coordination.js';

/** Events each scope keeps for resumption when no setting says otherwise (SUBSCRIPTION_RETENTION). */
export const DEFAULT_RETENTION = 1000;

export function createCoordination(
  redis: RedisConnection | undefined,
  logger: Logger,
  retention = DEFAULT_RETENTION,
): SubscriptionCoordination {
  if (redis) return new RedisCoordination(redis, logger, { retention });
  return createLocalCoordination(retention);
}
