// The shared cache's byte bound: entries are measured by an estimate close to their JSON length (a walk, not
// JSON.stringify, which cost a tenth of the gateway's CPU), so the bound holds whether a value is stored alone
// or shared with other entries (a device row inside its page and by uuid).
import { describe, expect, it } from 'vitest';
import { SharedCache, cacheKey } from '../../src/cache/shared-cache.js';

const scope = { upstream: 'http://epmm', credentialScope: 'admin', deviceSpaceId: 1 as const };
const ttlMs = { device: 60_000, alerts: 60_000, spaces: 60_000, reference: 60_000 };
const row = (n: number) => ({
  uuid: `uuid-${n}`,
  model: 'x'.repeat(400),
  tags: ['a', 'b'],
  compliant: true,
  battery: 55,
  user: null,
});

describe('shared cache byte bound', () => {
  it('evicts the least recently used entries once the estimated bytes exceed maxBytes', () => {
    const cache = new SharedCache({ maxEntries: 1000, maxBytes: 1700, ttlMs });
    const ticket = cache.ticket(scope, 'device');
    for (let n = 0; n < 4; n++) cache.set(ticket, String(n), row(n));
    // Each entry is about 540 bytes (JSON and key): three fit, the oldest went.
    expect(cache.size).toBe(3);
    expect(cache.get(cacheKey(scope, 'device', '0'))).toBeUndefined();
    expect(cache.get(cacheKey(scope, 'device', '3'))).toEqual(row(3));
  });

  it('measures a row shared by a page entry and its own entry at its size in each', () => {
    const cache = new SharedCache({ maxEntries: 1000, maxBytes: 1700, ttlMs });
    const rows = [row(1), row(2)];
    const ticket = cache.ticket(scope, 'device');
    cache.set(ticket, 'page', { devices: rows, totalCount: 2 });
    cache.set(ticket, '1', rows[0]);
    // The page (~1,080 bytes) and one row (~540) fit; the second row's own entry pushes the page out.
    expect(cache.size).toBe(2);
    cache.set(ticket, '2', rows[1]);
    expect(cache.get(cacheKey(scope, 'device', 'page'))).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
