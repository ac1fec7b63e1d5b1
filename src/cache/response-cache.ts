// The per-caller response cache (docs/data-loading.md, "Response cache"): whole query responses, so that a
// repeated screen is answered without executing GraphQL. An entry is keyed by the caller's cache scope and scopes
// and by the operation; it lives for the shortest TTL of the resource classes, and only while no invalidation (of
// any class) nor a clear happened in the shared cache since its operation started, so every invalidation the
// shared cache learns of (a mutation here, another replica through Redis, another worker through the primary)
// drops it too. Never shared between callers (docs/security.md).
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { CacheSnapshot, ResourceClass, SharedCache } from './shared-cache.js';

export interface ResponseCacheOptions {
  /** The bound: the serialized responses and their keys, in UTF-16 code units. */
  maxBytes: number;
  ttlMs: Readonly<Record<ResourceClass, number>>;
  /** A monotonic clock in milliseconds (tests); `performance.now` by default. */
  now?: () => number;
}

/** What identifies one operation of one caller: anything in it that can change the answer. */
export interface ResponseKeyParts {
  /** `Caller.cacheScope`: the credentials, or the service identity, never shared between callers. */
  cacheScope: string;
  /** The caller's scopes: one identity may hold different ones (two tokens of one subject). */
  scopes: Iterable<string>;
  /** The document's text, after a persisted operation's id was resolved to it. */
  query: string;
  operationName: string | null | undefined;
  variables: unknown;
  extensions: unknown;
}

export interface StoredResponse {
  /** The response as sent: `{"data":…}`. */
  json: string;
  /** The operation's name, for metrics and logs of a hit. */
  operation: string | undefined;
}

interface Entry extends StoredResponse {
  snapshot: CacheSnapshot;
}

/** The response cache's key of an operation. */
export function responseKey(parts: ResponseKeyParts): string {
  const operation = JSON.stringify([
    parts.query,
    parts.operationName ?? null,
    parts.variables ?? null,
    parts.extensions ?? null,
  ]);
  const digest = createHash('sha256').update(operation).digest('base64url');
  return JSON.stringify([parts.cacheScope, [...parts.scopes].sort(), digest]);
}

export class ResponseCache {
  private readonly lru: LRUCache<string, Entry>;

  constructor(
    private readonly shared: SharedCache,
    private readonly options: ResponseCacheOptions,
  ) {
    const { now } = options;
    this.lru = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry, key) => Math.max(1, key.length + entry.json.length),
      ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    });
  }

  /** The response stored under `key`, if it has not expired and nothing it was read from was invalidated since. */
  get(key: string): StoredResponse | undefined {
    const entry = this.lru.get(key);
    if (!entry) return undefined;
    if (this.shared.isSnapshotCurrent(entry.snapshot)) return entry;
    this.lru.delete(key);
    return undefined;
  }

  /**
   * Stores the response of an operation that began at `snapshot`, for the shortest TTL of the resource classes.
   * Nothing is stored (false) when a class has no TTL (one the response may hold is not cached at all), or the
   * shared cache changed while it ran (it may hold the state before the change).
   */
  set(key: string, response: StoredResponse, snapshot: CacheSnapshot): boolean {
    const ttl = Math.min(...Object.values(this.options.ttlMs));
    if (!(ttl > 0) || !this.shared.isSnapshotCurrent(snapshot)) return false;
    if (key.length + response.json.length > this.options.maxBytes) return false;
    this.lru.set(key, { ...response, snapshot }, { ttl });
    return true;
  }

  /** The bytes held (keys and serialized responses). */
  get size(): number {
    return this.lru.calculatedSize;
  }
}
