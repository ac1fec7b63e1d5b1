// WORKERS=N without Redis: each worker keeps 1/N of UPSTREAM_RATE_LIMIT and of its burst, so that the MDM sees
// at most the configured rate from the whole cluster, not N times it (docs/decisions.md "Cache, rate limit and
// audit file across workers"). src/server.ts gives a worker this share when its primary says it is one of N.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { RateLimiter, workerShareOfRate } from '../../src/upstream/resilience/rate-limiter.js';

function configuredRate(env: Record<string, string>) {
  const auditFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-rate-share-')), 'audit.jsonl');
  return loadConfig({ AUDIT_LOG_FILE: auditFile, ...env }).upstream.resilience.rateLimit!;
}

/** Calls granted by N buckets together over `ms` when every worker calls as often as its bucket lets it. */
async function grantedTogether(workers: number, options: { ratePerSecond: number; burst: number }, ms: number) {
  let now = 0;
  const limiters = Array.from({ length: workers }, () => new RateLimiter('EPMM', { ...options, now: () => now }));
  let granted = 0;
  for (; now <= ms; now += 10) {
    for (const limiter of limiters) {
      // A deadline of `now`: a token is granted at once or refused, never waited for.
      while (
        await limiter.acquire(now).then(
          () => true,
          () => false,
        )
      )
        granted += 1;
    }
  }
  return granted;
}

describe('workerShareOfRate', () => {
  it('gives each of N workers 1/N of the configured rate and burst', () => {
    const rate = configuredRate({ UPSTREAM_RATE_LIMIT: '10', UPSTREAM_RATE_BURST: '8', WORKERS: '4' });
    expect(rate).toEqual({ ratePerSecond: 10, burst: 8 });
    expect(workerShareOfRate(rate, 4)).toEqual({ ratePerSecond: 2.5, burst: 2 });
    // The burst defaults to the rate.
    expect(workerShareOfRate(configuredRate({ UPSTREAM_RATE_LIMIT: '9' }), 3)).toEqual({ ratePerSecond: 3, burst: 3 });
    // One worker keeps the whole bucket.
    expect(workerShareOfRate(rate, 1)).toEqual(rate);
  });

  it('keeps a burst of at least one call per worker (below N, the cluster burst is N)', () => {
    expect(workerShareOfRate({ ratePerSecond: 2, burst: 3 }, 8)).toEqual({ ratePerSecond: 0.25, burst: 1 });
  });

  it('N workers calling flat out together stay within the configured rate and burst', async () => {
    const rate = configuredRate({ UPSTREAM_RATE_LIMIT: '10', UPSTREAM_RATE_BURST: '8', WORKERS: '4' });
    const granted = await grantedTogether(4, workerShareOfRate(rate, 4), 10_000);
    // At most the burst plus 10 s at the rate, as one process alone would get; and no share is lost.
    expect(granted).toBeLessThanOrEqual(8 + 10 * 10);
    expect(granted).toBeGreaterThanOrEqual(10 * 10);
  });
});
