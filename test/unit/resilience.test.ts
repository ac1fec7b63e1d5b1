import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { CircuitBreaker } from '../../src/upstream/resilience/circuit-breaker.js';
import { RateLimiter } from '../../src/upstream/resilience/rate-limiter.js';
import { retryAfterMillis, withRetries } from '../../src/upstream/resilience/retry.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

const unavailable = (retryAfter?: string) =>
  new GatewayError('UPSTREAM_UNAVAILABLE', 'down', retryAfter ? { retryAfter } : {});

describe('withRetries', () => {
  it('retries an idempotent read on 503 and succeeds', async () => {
    const c = clock();
    let calls = 0;
    const result = await withRetries(async () => (++calls < 3 ? Promise.reject(unavailable()) : 'ok'), {
      idempotent: true,
      deadline: c.now() + 10_000,
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 1,
      ...c,
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(c.now()).toBe(1_000_000 + 100 + 200);
  });

  it('never retries a state-changing call', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => Promise.reject(unavailable(++calls ? undefined : '')), {
        idempotent: false,
        deadline: Date.now() + 10_000,
        maxAttempts: 4,
        baseDelayMs: 1,
        maxDelayMs: 1,
      }),
    ).rejects.toThrow('down');
    expect(calls).toBe(1);
  });

  it('does not retry client errors', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => Promise.reject(new GatewayError('BAD_USER_INPUT', 'no', { position: ++calls })), {
        idempotent: true,
        deadline: Date.now() + 10_000,
        maxAttempts: 4,
        baseDelayMs: 1,
        maxDelayMs: 1,
      }),
    ).rejects.toThrow('no');
    expect(calls).toBe(1);
  });

  it('honours Retry-After, and gives up when it would pass the deadline', async () => {
    const c = clock();
    let calls = 0;
    await withRetries(
      async () =>
        ++calls === 1 ? Promise.reject(new GatewayError('RATE_LIMITED', 'slow', { retryAfter: '2' })) : 'ok',
      {
        idempotent: true,
        deadline: c.now() + 5000,
        maxAttempts: 3,
        baseDelayMs: 10,
        maxDelayMs: 10,
        random: () => 0,
        ...c,
      },
    );
    expect(c.now()).toBe(1_002_000);
    const d = clock();
    calls = 0;
    await expect(
      withRetries(
        async () => Promise.reject(new GatewayError('RATE_LIMITED', 'slow', { retryAfter: String(++calls * 10) })),
        { idempotent: true, deadline: d.now() + 5000, maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, ...d },
      ),
    ).rejects.toThrow('slow');
    expect(calls).toBe(1);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMillis('3', 0)).toBe(3000);
    expect(retryAfterMillis(new Date(5000).toUTCString(), 1000)).toBe(4000);
    expect(retryAfterMillis(undefined, 0)).toBeUndefined();
  });
});

describe('CircuitBreaker', () => {
  it('opens after consecutive failures, fails fast, then closes after a successful trial', async () => {
    const c = clock();
    const breaker = new CircuitBreaker('EPMM', { failureThreshold: 3, openMs: 1000, now: c.now });
    let calls = 0;
    const failing = () => breaker.run(async () => Promise.reject(unavailable(String(++calls))));
    for (let i = 0; i < 3; i++) await expect(failing()).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    await expect(failing()).rejects.toMatchObject({ details: { circuitOpen: true } });
    expect(calls).toBe(3);
    c.advance(1000);
    expect(breaker.state).toBe('half-open');
    await expect(breaker.run(async () => 'ok')).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('re-opens when the trial fails, and ignores client errors', async () => {
    const c = clock();
    const breaker = new CircuitBreaker('EPMM', { failureThreshold: 1, openMs: 1000, now: c.now });
    await expect(breaker.run(async () => Promise.reject(new GatewayError('NOT_FOUND', 'nf')))).rejects.toThrow('nf');
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(async () => Promise.reject(unavailable()))).rejects.toThrow();
    c.advance(1000);
    await expect(breaker.run(async () => Promise.reject(unavailable()))).rejects.toThrow();
    expect(breaker.state).toBe('open');
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then spaces calls at the configured rate', async () => {
    const c = clock();
    const limiter = new RateLimiter('EPMM', { ratePerSecond: 10, burst: 2, ...c });
    await limiter.acquire(c.now() + 10_000);
    await limiter.acquire(c.now() + 10_000);
    expect(c.now()).toBe(1_000_000);
    await limiter.acquire(c.now() + 10_000);
    expect(c.now()).toBe(1_000_100);
  });

  it('refuses at once when the wait would pass the deadline', async () => {
    const c = clock();
    const limiter = new RateLimiter('EPMM', { ratePerSecond: 1, burst: 1, ...c });
    await limiter.acquire(c.now() + 100);
    await expect(limiter.acquire(c.now() + 100)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
