// The cross-request cache: bounded by entries and bytes, a TTL per resource class, de-duplication of
// identical in-flight reads, errors never stored. Keys are built only by `cacheKey`, which always carries
// the upstream, the caller's credential scope and the device space, so one admin never reads another's data.
import { LRUCache } from 'lru-cache';

export type ResourceClass = 'device' | 'alerts' | 'spaces' | 'reference';
export const RESOURCE_CLASSES: readonly ResourceClass[] = ['device', 'alerts', 'spaces', 'reference'];

export interface CacheScope {
  upstream: string;
  credentialScope: string;
  deviceSpaceId: number | 'none';
}

export interface SharedCacheOptions {
  maxEntries: number;
  maxBytes: number;
  ttlMs: Record<ResourceClass, number>;
}

export interface CacheStats {
  hits: number;
  misses: number;
  deduped: number;
  /** Set when the operation read something this cache does not hold: its response is never cached. */
  uncached?: boolean;
}

/** `SharedCache.version` at one moment: what a whole response read from this cache was computed under. */
export type CacheSnapshot = number;

declare const valueType: unique symbol;

/**
 * The text of an entry's key, branded with the type of the value stored under it, so that `get` and `getOrLoad`
 * answer that type without a cast at the call site. At runtime it is the plain string (the Redis tier stores by
 * it). The brand is invariant: a key of one type cannot stand for a key of a wider or narrower one.
 */
export type CacheKey<T> = string & { readonly [valueType]: (value: T) => T };

/**
 * The only way to build a key: name the entry's type once here, e.g. `cacheKey<DeviceModel>(scope, 'device',
 * uuid)`. Without it the key is a `CacheKey<never>`, which no load fits.
 */
export function cacheKey<T = never>(scope: CacheScope, resource: ResourceClass, id: string): CacheKey<T> {
  return JSON.stringify([scope.upstream, scope.credentialScope, scope.deviceSpaceId, resource, id]) as CacheKey<T>;
}

/**
 * Proof that a read started before any later invalidation of its (upstream, class): the only way to store what an
 * awaited read returned. Taken with `SharedCache.ticket` before the upstream call; `set` drops the value when an
 * invalidation (or a clear) happened since, so a read racing a mutation cannot put the pre-mutation state back.
 * Not exported as a value: only the cache issues tickets.
 */
class Ticket {
  /** Makes the type nominal: an object literal of the same shape is not a ticket. */
  readonly #issued = true;

  constructor(
    readonly scope: CacheScope,
    readonly resource: ResourceClass,
    /** The (upstream, class) generation and the cache's epoch when the ticket was taken. */
    readonly generation: number,
    readonly epoch: number,
  ) {}
}
export type CacheTicket = Ticket;

/** What a mutation changed: every entry of these classes from this upstream, whoever cached it. */
export interface Invalidation {
  upstream: string;
  resources: readonly ResourceClass[];
}

/**
 * A shared tier behind this in-process one (src/cache/redis-l2.ts). It never throws: when it is unreachable a
 * lookup is a miss and a store does nothing.
 */
export interface SecondTier {
  /** On a miss, `store` keeps a value read after the lookup, unless the class was invalidated in between. */
  lookup(
    key: string,
    resource: ResourceClass,
  ): Promise<{ hit: true; value: unknown } | { hit: false; store(value: unknown, ttlMs: number): void }>;
}

export class SharedCache {
  private readonly lru: LRUCache<string, { value: unknown }> | undefined;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /**
   * Bumped by every invalidation of (upstream, class). A read that started before the bump does not store its
   * result, so a read racing a mutation cannot put the pre-mutation state back into the cache.
   */
  private readonly generations = new Map<string, number>();
  /** Bumped by `clearLocal`: every read in flight, of any class, then stores nothing. */
  private epoch = 0;
  /**
   * Bumped by every invalidation and clear, whatever its classes: a whole response (the response cache) may hold
   * any class, so any change ends it. Coarse on purpose: knowing which classes a response read would need every
   * read to carry its operation (docs/data-loading.md, "Response cache").
   */
  private version = 0;
  private readonly listeners = new Set<(invalidation: Invalidation) => void>();
  private secondTier: SecondTier | undefined;

  constructor(private readonly options: SharedCacheOptions) {
    this.lru =
      options.maxEntries > 0
        ? new LRUCache<string, { value: unknown }>({
            max: options.maxEntries,
            maxSize: options.maxBytes,
            sizeCalculation: (entry, key) => key.length + approximateBytes(entry.value),
          })
        : undefined;
  }

  get<T>(key: CacheKey<T>): T | undefined {
    // Sound as long as what is stored under a key has the key's type: `getOrLoad` checks it, `set` is trusted.
    return this.lru?.get(key)?.value as T | undefined;
  }

  /**
   * Take this before the upstream read whose result will be stored with `set` (docs/decisions.md, "Cache writes
   * after a read"). One ticket serves every entry of its scope and class that the read yields.
   */
  ticket(scope: CacheScope, resource: ResourceClass): CacheTicket {
    return new Ticket(scope, resource, this.generationOf(scope.upstream, resource), this.epoch);
  }

  /** Whether no invalidation of the ticket's (upstream, class) and no clear happened since it was taken. */
  isCurrent(ticket: CacheTicket): boolean {
    // The types already refuse anything else; this keeps a cast from slipping an unguarded write through.
    if (!(ticket instanceof Ticket)) throw new TypeError('not a cache ticket (take one with SharedCache.ticket)');
    const { scope, resource, generation, epoch } = ticket;
    return epoch === this.epoch && this.generationOf(scope.upstream, resource) === generation;
  }

  /** For a result computed from this cache (the response cache): taken before the computation starts. */
  snapshot(): CacheSnapshot {
    return this.version;
  }

  /** Whether no clear and no invalidation (of any class, from any upstream) happened since `snapshot`. */
  isSnapshotCurrent(snapshot: CacheSnapshot): boolean {
    return snapshot === this.version;
  }

  private generationOf(upstream: string, resource: ResourceClass): number {
    return this.generations.get(generationKey(upstream, resource)) ?? 0;
  }

  /**
   * Stores `value` as entry `id` of the ticket's scope and class, unless the ticket is stale (then nothing is
   * stored and false is answered). In this process only: the shared tier is written by `getOrLoad` alone.
   */
  set(ticket: CacheTicket, id: string, value: unknown): boolean {
    if (!this.isCurrent(ticket)) return false;
    return this.store(cacheKey(ticket.scope, ticket.resource, id), ticket.resource, value);
  }

  private store(key: string, resource: ResourceClass, value: unknown): boolean {
    const ttl = this.options.ttlMs[resource];
    if (ttl <= 0 || !this.lru) return false;
    this.lru.set(key, { value }, { ttl });
    return true;
  }

  /**
   * Drops every entry of the given classes cached from `upstream`, across all callers and device spaces (the
   * state changed for everyone who can see it), and forgets identical reads in flight. Coarse on purpose: a
   * device action changes pages, counts, owners and label membership at once, and a class-wide drop is
   * correct without tracking which list holds which device. See docs/data-loading.md.
   */
  invalidate(invalidation: Invalidation): number {
    const dropped = this.invalidateLocal(invalidation);
    for (const listener of this.listeners) listener(invalidation);
    return dropped;
  }

  /**
   * The same drop in this process only, without telling the listeners: for an invalidation that another
   * replica made and published, or another cluster worker made (src/cluster-cache.ts); telling the listeners
   * would send it back out, to echo between replicas or workers.
   */
  invalidateLocal(invalidation: Invalidation): number {
    let dropped = 0;
    this.version += 1;
    for (const resource of invalidation.resources) {
      const generation = generationKey(invalidation.upstream, resource);
      this.generations.set(generation, (this.generations.get(generation) ?? 0) + 1);
    }
    const matches = (key: string) => {
      const [upstream, , , resource] = JSON.parse(key) as [string, string, unknown, ResourceClass];
      return upstream === invalidation.upstream && invalidation.resources.includes(resource);
    };
    if (this.lru) {
      for (const key of [...this.lru.keys()]) {
        if (matches(key)) {
          this.lru.delete(key);
          dropped += 1;
        }
      }
    }
    for (const key of [...this.inFlight.keys()]) if (matches(key)) this.inFlight.delete(key);
    return dropped;
  }

  /**
   * Drops every entry of this process, for when it may have missed other replicas' invalidations (its
   * subscription to them was down). Reads in flight, through `getOrLoad` or under a ticket, do not store their
   * results.
   */
  clearLocal(): void {
    this.epoch += 1;
    this.version += 1;
    this.lru?.clear();
    this.inFlight.clear();
  }

  /** Consults `tier` on every L1 miss before reading upstream, and stores what is read there too. */
  useSecondTier(tier: SecondTier): void {
    this.secondTier = tier;
  }

  /** Called after every invalidation (a shared L2 tier forwards them to other replicas). */
  onInvalidate(listener: (invalidation: Invalidation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The ticket of a key built by `cacheKey` (its scope is the key's first three elements). */
  private ticketOfKey(key: string, resource: ResourceClass): CacheTicket {
    const [upstream, credentialScope, deviceSpaceId] = JSON.parse(key) as [string, string, number | 'none'];
    return this.ticket({ upstream, credentialScope, deviceSpaceId }, resource);
  }

  /**
   * Returns the cached value, or joins an identical read already in flight, or performs the read.
   * `stats` is the caller's per-operation accounting.
   */
  async getOrLoad<T>(
    key: CacheKey<T>,
    resource: ResourceClass,
    load: () => Promise<NoInfer<T>>,
    stats?: CacheStats,
  ): Promise<T> {
    const cached = this.lru?.get(key);
    if (cached) {
      if (stats) stats.hits += 1;
      return cached.value as T;
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      if (stats) stats.deduped += 1;
      return pending as Promise<T>;
    }
    const ticket = this.ticketOfKey(key, resource);
    const promise = this.loadThroughSecondTier(key, resource, ticket, load, stats).then((value) => {
      if (this.isCurrent(ticket)) this.store(key, resource, value);
      return value;
    });
    this.inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /**
   * The L1 miss path: the shared tier when there is one (only with L1 on and a TTL for the class, so
   * "cache off" means off everywhere), else the read itself.
   */
  private async loadThroughSecondTier<T>(
    key: string,
    resource: ResourceClass,
    ticket: CacheTicket,
    load: () => Promise<T>,
    stats: CacheStats | undefined,
  ): Promise<T> {
    const ttlMs = this.options.ttlMs[resource];
    if (!this.secondTier || !this.lru || ttlMs <= 0) {
      if (stats) stats.misses += 1;
      return load();
    }
    const found = await this.secondTier.lookup(key, resource);
    if (found.hit) {
      if (stats) stats.hits += 1;
      return found.value as T;
    }
    if (stats) stats.misses += 1;
    const value = await load();
    // The shared tier checks its own generation, bumped when an invalidation reaches Redis; the local ticket also
    // covers one that has not reached it yet (made here while Redis was away, or a clear after a missed message).
    if (this.isCurrent(ticket)) found.store(value, ttlMs);
    return value;
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }
}

function generationKey(upstream: string, resource: ResourceClass): string {
  return `${upstream}\u0000${resource}`;
}

/**
 * A cheap size estimate close to the JSON length, which tracks heap use closely enough for a byte bound: a walk
 * rather than JSON.stringify, which builds the whole string to measure it (a tenth of the gateway's CPU on a
 * list page, whose rows are stored twice, inside the page and by uuid).
 */
function approximateBytes(value: unknown): number {
  return Math.max(1, estimate(value, 0));
}

/** Deeper than any value the gateway caches; also ends a cycle (not JSON, never cached in practice). */
const MAX_DEPTH = 32;

function estimate(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
    case 'bigint':
      return 8;
    case 'boolean':
      return 5;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null) return 4;
  if (depth >= MAX_DEPTH) return 0;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) bytes += estimate(item, depth + 1) + 1;
  } else {
    for (const key in value) {
      if (Object.hasOwn(value, key))
        bytes += key.length + 4 + estimate((value as Record<string, unknown>)[key], depth + 1);
    }
  }
  return bytes;
}
