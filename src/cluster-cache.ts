// Cache invalidation across the workers of WORKERS > 1 without Redis. A mutation invalidates the cache of the
// worker that ran it; without this relay every other worker kept serving the pre-mutation entries (a device still
// ACTIVE after lockDevices) until their TTL ran out. Each worker hands its invalidations to the primary over
// cluster IPC (src/cluster-ipc.ts), and the primary hands them to every other worker, which applies them the way
// Redis L2 applies another replica's (src/cache/redis-l2.ts): SharedCache.invalidateLocal, which drops the
// entries, bumps the generations so that reads in flight there do not store, and tells no listener, so a relayed
// invalidation is never relayed again. With REDIS_URL, Redis L2 relays them instead (every worker is a replica).
//
// Ordering (docs/decisions.md "Cache, rate limit and audit file across workers"): the worker sends the
// invalidation while the mutation is still running, before its answer; the primary forwards it as soon as it reads
// it, and hands out connections over the same per-worker channel, which delivers in order. So a request on a new
// connection made after the mutation's answer reaches a worker that has already applied it (a keep-alive
// connection already held by another worker gets it within one IPC hop, as replicas do over Redis pub/sub).
import cluster from 'node:cluster';
import { answerPrimary, answerWorkers, requestPrimary, requestWorker } from './cluster-ipc.js';
import { RESOURCE_CLASSES, type Invalidation, type SharedCache } from './cache/shared-cache.js';
import type { Logger } from './observability/logger.js';

const RELAY_REQUEST = 'cache.invalidate';
const APPLY_REQUEST = 'cache.invalidated';
/** The primary answers at once; only a primary that is gone or stuck takes this long (then a warning). */
const RELAY_TIMEOUT_MS = 5_000;
/** Only bounds the bookkeeping of a forward: its message is delivered in order whether or not the answer comes. */
const APPLY_TIMEOUT_MS = 5_000;

/**
 * In the primary: forwards each worker's invalidation to every other connected worker. It answers the sender
 * once the forwards are sent, not applied: a sent message reaches its worker in order unless that worker exits,
 * and a worker that exits takes its cache with it. A worker still starting, before it listens, drops the message,
 * and has nothing cached yet.
 */
export function relayInvalidationsBetweenWorkers(): void {
  answerWorkers(RELAY_REQUEST, (payload, from) => {
    const invalidation = invalidationOf(payload);
    if (!invalidation) throw new Error('not an invalidation');
    let relayedTo = 0;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker || worker === from || !worker.isConnected()) continue;
      relayedTo += 1;
      requestWorker(worker, APPLY_REQUEST, invalidation, APPLY_TIMEOUT_MS).catch(() => undefined);
    }
    return { relayedTo };
  });
}

/** In a worker: sends this cache's invalidations to the primary, and applies the other workers' ones. */
export function relayInvalidationsThroughPrimary(cache: SharedCache, logger: Logger): void {
  answerPrimary(APPLY_REQUEST, (payload) => {
    const invalidation = invalidationOf(payload);
    if (!invalidation) throw new Error('not an invalidation');
    return cache.invalidateLocal(invalidation);
  });
  cache.onInvalidate((invalidation) => {
    const message = { upstream: invalidation.upstream, resources: [...invalidation.resources] };
    requestPrimary(RELAY_REQUEST, message, RELAY_TIMEOUT_MS).catch((error: unknown) => {
      // Only when the primary is gone (this worker then stops: src/main.ts) or stuck for seconds.
      const err = error instanceof Error ? error.message : String(error);
      logger.warn(
        { err, upstream: invalidation.upstream, resources: message.resources },
        'cache invalidation not relayed to the other workers: they serve their entries until the class TTL',
      );
    });
  });
}

/** The invalidation in an IPC payload, its classes filtered to known ones; undefined when it is not one. */
function invalidationOf(payload: unknown): Invalidation | undefined {
  const { upstream, resources } = (payload ?? {}) as { upstream?: unknown; resources?: unknown };
  if (typeof upstream !== 'string' || !Array.isArray(resources)) return undefined;
  return { upstream, resources: RESOURCE_CLASSES.filter((resource) => resources.includes(resource)) };
}
