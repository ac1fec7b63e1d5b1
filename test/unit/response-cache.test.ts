// The response cache's store (src/cache/response-cache.ts) with a controlled clock: the shortest class TTL,
// invalidation through the shared cache's version, the byte bound, and what makes two keys differ. Also the per-request authentication the response cache relies on, and its configuration.
import { describe, expect, it } from 'vitest';
import { oncePerRequest } from '../../src/auth/authenticator.js';
import type { Caller } from '../../src/auth/caller.js';
import { loadConfig } from '../../src/config.js';
import { ResponseCache, responseKey, type ResponseKeyParts } from '../../src/cache/response-cache.js';
import { SharedCache, type ResourceClass } from '../../src/cache/shared-cache.js';

const TTL: Record<ResourceClass, number> = { device: 30_000, alerts: 15_000, spaces: 300_000, reference: 3_600_000 };
const EPMM = 'https://epmm.example';
const NEURONS = 'neurons:https://neurons.example';

function setup(options: { maxBytes?: number; ttlMs?: Partial<Record<ResourceClass, number>> } = {}) {
  let now = 1_000;
  const shared = new SharedCache({ maxEntries: 100, maxBytes: 1_000_000, ttlMs: TTL });
  const store = new ResponseCache(shared, {
    maxBytes: options.maxBytes ?? 1_000_000,
    ttlMs: { ...TTL, ...options.ttlMs },
    now: () => now,
  });
  const response = (json = '{"data":{"a":1}}') => ({ json, operation: 'Op' });
  return {
    shared,
    store,
    response,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('response cache store', () => {
  it('keeps a response for the shortest TTL of the resource classes', () => {
    const { shared, store, response, advance } = setup();
    expect(store.set('k', response(), shared.snapshot())).toBe(true);
    advance(14_999);
    expect(store.get('k')?.json).toBe('{"data":{"a":1}}');
    advance(2);
    expect(store.get('k')).toBeUndefined();
  });

  it('stores nothing when a class has no TTL (a response may hold any class)', () => {
    const { shared, store, response } = setup({ ttlMs: { alerts: 0 } });
    expect(store.set('a', response(), shared.snapshot())).toBe(false);
    expect(store.get('a')).toBeUndefined();
  });

  it('drops every response when any class is invalidated, from any upstream, here or on another replica', () => {
    const { shared, store, response } = setup();
    store.set('devices', response(), shared.snapshot());
    shared.invalidate({ upstream: NEURONS, resources: ['device'] });
    expect(store.get('devices')).toBeUndefined();
    store.set('labels', response(), shared.snapshot());
    expect(store.get('labels')).toBeDefined();
    // Another replica's invalidation arrives as invalidateLocal (src/cache/redis-l2.ts): the same drop.
    shared.invalidateLocal({ upstream: EPMM, resources: ['reference'] });
    expect(store.get('labels')).toBeUndefined();
  });

  it('drops every response when the shared cache is cleared', () => {
    const { shared, store, response } = setup();
    store.set('k', response(), shared.snapshot());
    shared.clearLocal();
    expect(store.get('k')).toBeUndefined();
  });

  it('does not store a response when the shared cache changed while its operation ran', () => {
    const { shared, store, response } = setup();
    const snapshot = shared.snapshot();
    shared.invalidate({ upstream: EPMM, resources: ['alerts'] });
    expect(store.set('k', response(), snapshot)).toBe(false);
    expect(store.set('k', response(), shared.snapshot())).toBe(true);
    expect(store.get('k')).toBeDefined();
  });

  it('is bounded by bytes: the least recently used responses go first; one too large is never stored', () => {
    const { shared, store, response } = setup({ maxBytes: 200 });
    const body = (n: number) => `{"data":"${'x'.repeat(n)}"}`;
    store.set('a', response(body(60)), shared.snapshot());
    store.set('b', response(body(60)), shared.snapshot());
    store.get('a');
    store.set('c', response(body(60)), shared.snapshot());
    expect(store.get('a')).toBeDefined();
    expect(store.get('b')).toBeUndefined();
    expect(store.get('c')).toBeDefined();
    expect(store.size).toBeLessThanOrEqual(200);
    expect(store.set('huge', response(body(300)), shared.snapshot())).toBe(false);
  });
});

describe('response cache key', () => {
  const base: ResponseKeyParts = {
    cacheScope: 'scope-a',
    scopes: ['read', 'act'],
    query: '{ devices { totalCount } }',
    operationName: undefined,
    variables: { n: 1 },
    extensions: undefined,
  };

  it('separates callers, scopes, documents, operation names, variables and extensions', () => {
    const key = responseKey(base);
    for (const other of [
      { cacheScope: 'scope-b' },
      { scopes: ['read'] },
      { query: '{ devices { nodes { uuid } } }' },
      { operationName: 'Op' },
      { variables: { n: 2 } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } },
    ])
      expect(responseKey({ ...base, ...other }), JSON.stringify(other)).not.toBe(key);
  });

  it('does not depend on the order of the scopes, nor on absent versus null parts', () => {
    expect(responseKey({ ...base, scopes: ['act', 'read'] })).toBe(responseKey(base));
    expect(responseKey({ ...base, operationName: null, extensions: null })).toBe(responseKey(base));
  });
});

describe('authentication once per request', () => {
  it('asks the authenticator once per request, its answer or its refusal', async () => {
    let calls = 0;
    const caller = { name: 'a' } as Caller;
    const authenticate = oncePerRequest(async (request) => {
      calls += 1;
      if (request.headers.get('authorization') === null) throw new Error('refused');
      return caller;
    });
    const signedIn = new Request('http://gateway/graphql', { headers: { authorization: 'Basic x' } });
    expect(await authenticate(signedIn)).toBe(caller);
    expect(await authenticate(signedIn)).toBe(caller);
    expect(calls).toBe(1);
    const anonymous = new Request('http://gateway/graphql');
    await expect(authenticate(anonymous)).rejects.toThrow('refused');
    await expect(authenticate(anonymous)).rejects.toThrow('refused');
    expect(calls).toBe(2);
    await authenticate(new Request('http://gateway/graphql', { headers: { authorization: 'Basic x' } }));
    expect(calls).toBe(3);
  });
});

describe('configuration', () => {
  it('on by default with 32 MiB; off with RESPONSE_CACHE=off or CACHE_MAX_ENTRIES=0', () => {
    expect(loadConfig({}).responseCache).toEqual({ enabled: true, maxBytes: 32 * 1024 ** 2 });
    expect(loadConfig({ RESPONSE_CACHE: 'off' }).responseCache.enabled).toBe(false);
    expect(loadConfig({ CACHE_MAX_ENTRIES: '0' }).responseCache.enabled).toBe(false);
    expect(loadConfig({ RESPONSE_CACHE_MAX_BYTES: '4096' }).responseCache.maxBytes).toBe(4096);
    expect(() => loadConfig({ RESPONSE_CACHE: 'maybe' })).toThrow(/RESPONSE_CACHE/);
  });
});
