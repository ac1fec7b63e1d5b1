// The shared L2 behind the in-process cache (REDIS_URL): what one replica read upstream, the others serve.
// Keys are the L1 keys (upstream, credential scope, device space, class, id) under the configured prefix, so
// caller isolation holds in Redis exactly as in process. Invalidation is class-wide, as in L1: a per-(upstream,
// class) generation counter in Redis is part of every entry's key, INCR makes the old entries unreachable
// (they expire by their TTL), and a published message makes the other replicas drop their L1 entries.
import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Result } from 'ioredis';
import type { Invalidation, ResourceClass, SecondTier, SharedCache } from './shared-cache.js';
import { RESOURCE_CLASSES } from './shared-cache.js';
import type { RedisConnection } from './redis-connection.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    mdmgraphL2GetBuffer(
      generationKey: string,
      entryPrefix: string,
      entrySuffix: string,
    ): Result<[Buffer, Buffer | null], Context>;
    mdmgraphL2Set(
      generationKey: string,
      readGeneration: string,
      entryPrefix: string,
      entrySuffix: string,
      value: Buffer,
      ttlMs: number,
    ): Result<number, Context>;
  }
}

// The generation is read in the same script as the entry, so a lookup never pairs an old generation with a
// newer invalidation. KEYS[1]: the class's generation counter.
const GET_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
return {generation, redis.call('GET', ARGV[1] .. generation .. ARGV[2])}
`;

// Stores only if no invalidation of the class happened since the lookup: a read racing a mutation on any
// replica cannot put the pre-mutation state into the shared tier.
const SET_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
if generation ~= ARGV[1] then return 0 end
redis.call('SET', ARGV[2] .. generation .. ARGV[3], ARGV[4], 'PX', ARGV[5])
return 1
`;

interface InvalidationMessage {
  from: string;
  upstream: string;
  resources: ResourceClass[];
}

export class RedisL2 implements SecondTier {
  /** Tells this replica's own published invalidations apart from other replicas'. */
  private readonly replicaId = randomUUID();
  private readonly channel: string;
  /** Invalidations Redis did not take (it was down): sent as soon as it is back, before any other command. */
  private readonly pending = new Map<string, Invalidation>();
  private subscribedBefore = false;

  /** Lookups and stores only; server.ts hands it to `SharedCache.useSecondTier`, then calls `shareInvalidations`. */
  constructor(private readonly redis: RedisConnection) {
    this.channel = `${redis.keyPrefix}invalidate`;
    redis.client.defineCommand('mdmgraphL2Get', { numberOfKeys: 1, lua: GET_SCRIPT });
    redis.client.defineCommand('mdmgraphL2Set', { numberOfKeys: 1, lua: SET_SCRIPT });
  }

  /**
   * Publishes `cache`'s invalidations to the other replicas (and bumps the L2 generations), and applies theirs to
   * `cache` in this process; after a reconnect of the subscription, `cache` drops everything local.
   */
  shareInvalidations(cache: SharedCache): void {
    const { redis } = this;
    cache.onInvalidate((invalidation) => this.publish(invalidation));
    redis.client.on('ready', () => this.flushPending());
    redis.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(cache, message);
    });
    redis.subscriber.on('ready', () => {
      // After a reconnect, invalidations published while this replica was not listening are lost: start over.
      if (this.subscribedBefore) cache.clearLocal();
      this.subscribedBefore = true;
    });
    redis.subscriber.subscribe(this.channel).catch((error: unknown) => redis.degraded('subscribe', error));
  }

  async lookup(key: string, resource: ResourceClass): ReturnType<SecondTier['lookup']> {
    const generationKey = this.generationKey(key, resource);
    const entryPrefix = `${this.redis.keyPrefix}c:`;
    const entrySuffix = `:${key}`;
    let generation: string;
    let stored: Buffer | null;
    try {
      const [generationBuffer, value] = await this.redis.client.mdmgraphL2GetBuffer(
        generationKey,
        entryPrefix,
        entrySuffix,
      );
      generation = generationBuffer.toString();
      stored = value;
      this.redis.recovered();
    } catch (error) {
      this.redis.degraded('cache read', error);
      return { hit: false, store: () => undefined };
    }
    if (stored) {
      try {
        return { hit: true, value: deserialize(stored) };
      } catch {
        // An entry written by an incompatible build: read upstream and overwrite it.
      }
    }
    return {
      hit: false,
      store: (value, ttlMs) => {
        let bytes: Buffer;
        try {
          bytes = serialize(value);
        } catch {
          return; // Not structured-cloneable (never the case for models): it stays in L1 only.
        }
        this.redis.client
          .mdmgraphL2Set(generationKey, generation, entryPrefix, entrySuffix, bytes, ttlMs)
          .catch((error: unknown) => this.redis.degraded('cache write', error));
      },
    };
  }

  /** The generation counter of the key's (upstream, class); the upstream is the key's first element. */
  private generationKey(key: string, resource: ResourceClass): string {
    const upstream = (JSON.parse(key) as [string])[0];
    return this.generationKeyOf(upstream, resource);
  }

  private generationKeyOf(upstream: string, resource: ResourceClass): string {
    return `${this.redis.keyPrefix}gen:${JSON.stringify([upstream, resource])}`;
  }

  /** Runs for every local invalidation: bump the generations (old L2 entries become unreachable), tell the others. */
  private publish(invalidation: Invalidation): void {
    const resources = RESOURCE_CLASSES.filter((resource) => invalidation.resources.includes(resource));
    const message: InvalidationMessage = { from: this.replicaId, upstream: invalidation.upstream, resources };
    const transaction = this.redis.client.multi();
    for (const resource of resources) transaction.incr(this.generationKeyOf(invalidation.upstream, resource));
    transaction.publish(this.channel, JSON.stringify(message));
    transaction.exec().then(
      () => this.redis.recovered(),
      (error: unknown) => {
        this.redis.degraded('invalidation', error);
        const pendingKey = JSON.stringify([invalidation.upstream, resources]);
        this.pending.set(pendingKey, { upstream: invalidation.upstream, resources });
      },
    );
  }

  private flushPending(): void {
    const invalidations = [...this.pending.values()];
    this.pending.clear();
    for (const invalidation of invalidations) this.publish(invalidation);
  }

  private receive(cache: SharedCache, text: string): void {
    let message: InvalidationMessage;
    try {
      message = JSON.parse(text) as InvalidationMessage;
    } catch {
      return;
    }
    if (message.from === this.replicaId || typeof message.upstream !== 'string' || !Array.isArray(message.resources))
      return;
    const resources = RESOURCE_CLASSES.filter((resource) => message.resources.includes(resource));
    cache.invalidateLocal({ upstream: message.upstream, resources });
  }
}
