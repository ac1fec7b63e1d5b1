// The cross-request cache: bounded by entries and bytes, a TTL per resource class, de-duplication of
// identical in-flight reads, errors never stored. Keys are built only by `cacheKey`, which always carries
// the upstream, the caller's credential scope and the device space, so one admin never reads another's data.
import { LRUCache } from 'lru-cache';

export type ResourceClass = 'device' | 'spaces' | 'reference';

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
}

export function cacheKey(scope: CacheScope, resource: ResourceClass, id: string): string {
  return JSON.stringify([scope.upstream, scope.credentialScope, scope.deviceSpaceId, resource, id]);
}

export class SharedCache {
  private readonly lru: LRUCache<string, { value: unknown }> | undefined;
  private readonly inFlight = new Map<string, Promise<unknown>>();

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

  get<T>(key: string): T | undefined {
    return this.lru?.get(key)?.value as T | undefined;
  }

  set(key: string, resource: ResourceClass, value: unknown): void {
    const ttl = this.options.ttlMs[resource];
    if (ttl > 0) this.lru?.set(key, { value }, { ttl });
  }

  delete(key: string): void {
    this.lru?.delete(key);
  }

  /**
   * Returns the cached value, or joins an identical read already in flight, or performs the read.
   * `stats` is the caller's per-operation accounting.
   */
  async getOrLoad<T>(key: string, resource: ResourceClass, load: () => Promise<T>, stats?: CacheStats): Promise<T> {
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
    if (stats) stats.misses += 1;
    const promise = load().then(
      (value) => {
        this.set(key, resource, value);
        return value;
      },
    );
    this.inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(key);
    }
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }
}

/** A cheap size estimate: the JSON length, which tracks heap use closely enough for a byte bound. */
function approximateBytes(value: unknown): number {
  try {
    return Math.max(1, JSON.stringify(value)?.length ?? 1);
  } catch {
    return 1024;
  }
}
