// Writes after an awaited read: `set` takes a ticket captured before the read and drops the value when the
// (upstream, class) was invalidated, or the cache cleared, since. The same guard covers what `getOrLoad` stores
// in L1 and hands to the shared tier. See docs/decisions.md, "Cache writes after a read".
import { describe, expect, it } from 'vitest';
import { SharedCache, cacheKey, type SecondTier } from '../../src/cache/shared-cache.js';

const scope = { upstream: 'http://epmm', credentialScope: 'admin', deviceSpaceId: 1 as const };
const ttlMs = { device: 60_000, alerts: 60_000, spaces: 60_000, reference: 60_000 };
const newCache = () => new SharedCache({ maxEntries: 1000, maxBytes: 1_000_000, ttlMs });

/** A promise the test settles itself: the "upstream answer" of a read held in flight. */
function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('cache tickets', () => {
  it('stores under a ticket no invalidation has overtaken', () => {
    const cache = newCache();
    const ticket = cache.ticket(scope, 'device');
    expect(cache.set(ticket, 'd1', { status: 'ACTIVE' })).toBe(true);
    expect(cache.get(cacheKey(scope, 'device', 'd1'))).toEqual({ status: 'ACTIVE' });
  });

  it('drops a write whose ticket predates an invalidation of its upstream and class', () => {
    const cache = newCache();
    const before = cache.ticket(scope, 'device');
    cache.invalidate({ upstream: scope.upstream, resources: ['device'] });
    expect(cache.isCurrent(before)).toBe(false);
    expect(cache.set(before, 'd1', { status: 'ACTIVE' })).toBe(false);
    expect(cache.get(cacheKey(scope, 'device', 'd1'))).toBeUndefined();
    // A read that starts after the mutation stores as usual.
    expect(cache.set(cache.ticket(scope, 'device'), 'd1', { status: 'LOCKED' })).toBe(true);
    expect(cache.get(cacheKey(scope, 'device', 'd1'))).toEqual({ status: 'LOCKED' });
  });

  it('is stale after an invalidation made by another replica, whatever the caller or device space', () => {
    const cache = newCache();
    const other = cache.ticket({ ...scope, credentialScope: 'someone-else', deviceSpaceId: 7 }, 'device');
    cache.invalidateLocal({ upstream: scope.upstream, resources: ['device', 'alerts'] });
    expect(cache.set(other, 'd1', {})).toBe(false);
  });

  it('is not affected by invalidations of another class or another upstream', () => {
    const cache = newCache();
    const ticket = cache.ticket(scope, 'device');
    cache.invalidate({ upstream: scope.upstream, resources: ['alerts', 'reference'] });
    cache.invalidate({ upstream: 'neurons:http://epmm', resources: ['device'] });
    expect(cache.set(ticket, 'd1', { status: 'ACTIVE' })).toBe(true);
  });

  it('is stale after a clear (missed invalidations), for every class', () => {
    const cache = newCache();
    const device = cache.ticket(scope, 'device');
    const reference = cache.ticket(scope, 'reference');
    cache.clearLocal();
    expect(cache.set(device, 'd1', {})).toBe(false);
    expect(cache.set(reference, 'labels', [])).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('cannot be forged: only the cache issues tickets', () => {
    const cache = newCache();
    const lookalike = { scope, resource: 'device' as const, generation: 0, epoch: 0 };
    // @ts-expect-error an object of the same shape is not a ticket
    expect(() => cache.set(lookalike, 'd1', {})).toThrow();
    // @ts-expect-error the unguarded form (a key and a class) no longer exists
    expect(() => cache.set(cacheKey(scope, 'device', 'd1'), 'device', {})).toThrow();
    expect(cache.size).toBe(0);
  });
});

describe('getOrLoad under the same guard', () => {
  it('a load in flight across an invalidation stores nothing, in L1 or in the shared tier', async () => {
    const cache = newCache();
    const stored: unknown[] = [];
    const tier: SecondTier = { lookup: async () => ({ hit: false, store: (value) => void stored.push(value) }) };
    cache.useSecondTier(tier);
    const key = cacheKey<string>(scope, 'device', 'page');
    const asked = gate<void>();
    const upstream = gate<string>();
    const read = cache.getOrLoad(key, 'device', () => {
      asked.open();
      return upstream.promise;
    });
    // The shared tier missed and the upstream was asked; the mutation lands before the answer is stored.
    await asked.promise;
    cache.invalidate({ upstream: scope.upstream, resources: ['device'] });
    upstream.open('pre-mutation');
    expect(await read).toBe('pre-mutation');
    expect(cache.get(key)).toBeUndefined();
    expect(stored).toEqual([]);
  });

  it('a load without a race is stored in both tiers', async () => {
    const cache = newCache();
    const stored: unknown[] = [];
    cache.useSecondTier({ lookup: async () => ({ hit: false, store: (value) => void stored.push(value) }) });
    const key = cacheKey<string>(scope, 'device', 'page');
    expect(await cache.getOrLoad(key, 'device', async () => 'fresh')).toBe('fresh');
    expect(cache.get(key)).toBe('fresh');
    expect(stored).toEqual(['fresh']);
  });
});
