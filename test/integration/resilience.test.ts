// Fault injection through the simulator's hooks: what a client sees when EPMM fails in each way.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const SEARCH = 'GET /api/v2/devices';
const PAGE = '{ viewer { name } devices(first: 3, source: EPMM) { totalCount nodes { uuid } } }';

let stack: Stack;
let page = 0;
beforeAll(async () => {
  stack = await startStack({
    devices: 30,
    env: {
      EPMM_TIMEOUT_MS: '1000',
      UPSTREAM_RETRY_BASE_MS: '10',
      UPSTREAM_RETRY_MAX_MS: '50',
      BREAKER_FAILURES: '3',
      BREAKER_OPEN_MS: '400',
      CACHE_MAX_ENTRIES: '0',
    },
  });
});
afterAll(() => stack.close());
beforeEach(async () => {
  await configure({ faults: [] });
  await stack.resetUpstreamStats();
  page += 1;
});

const configure = (body: unknown) =>
  fetch(`${stack.simulator.url}/__sim/config`, { method: 'POST', body: JSON.stringify(body) });
const searches = async () => (await stack.upstreamStats()).byRoute[SEARCH] ?? 0;

describe('resilience', () => {
  it('retries a read through two 503s and answers', async () => {
    await configure({ faults: [{ route: SEARCH, status: 503, times: 2 }] });
    const response = await stack.gql<{ devices: { totalCount: number } }>(PAGE);
    expect(response.errors).toBeUndefined();
    expect(response.data!.devices.totalCount).toBe(30);
    expect(await searches()).toBe(3);
  });

  // How long the retry waits is test/unit/resilience.test.ts's (on an injected clock); here, that Retry-After
  // decides whether the gateway retries at all.
  it('honours Retry-After on a 429: retries within the deadline', async () => {
    await configure({ faults: [{ route: SEARCH, status: 429, retryAfter: 1, times: 1 }] });
    const response = await stack.gql(PAGE);
    expect(response.errors).toBeUndefined();
    expect(await searches()).toBe(2);
  });

  it('honours Retry-After on a 429: gives up at once, relaying it, when it lies past the deadline', async () => {
    // 60 s: past the operation's deadline (OPERATION_DEADLINE_MS, 30 s by default), where no retry may start.
    await configure({ faults: [{ route: SEARCH, status: 429, retryAfter: 60, times: 1 }] });
    const response = await stack.gql(PAGE);
    expect(response.errors?.[0]).toMatchObject({
      path: ['devices'],
      extensions: { code: 'RATE_LIMITED', retryAfter: '60' },
    });
    expect(await searches()).toBe(1);
  });

  it('retries a reset connection', async () => {
    await configure({ faults: [{ route: SEARCH, reset: true, times: 1 }] });
    expect((await stack.gql(PAGE)).errors).toBeUndefined();
    expect(await searches()).toBe(2);
  });

  // undici's timers tick at about one second below 1 s, so the timeout here is 1 s and the delay well past it.
  it('reports a timeout as UPSTREAM_TIMEOUT with partial data, without retrying it', async () => {
    await configure({ faults: [{ route: SEARCH, delayMs: 2500, times: 1 }] });
    const response = await stack.gql<{ viewer: { name: string }; devices: null }>(PAGE);
    expect(response.errors?.[0]).toMatchObject({ path: ['devices'], extensions: { code: 'UPSTREAM_TIMEOUT' } });
    expect(response.data).toEqual({ viewer: { name: 'miadmin' }, devices: null });
    expect(await searches()).toBe(1);
  });

  it('reports a malformed body as UPSTREAM_ERROR, once', async () => {
    await configure({ faults: [{ route: SEARCH, malformed: true, times: 1 }] });
    const response = await stack.gql(PAGE);
    expect(response.errors?.[0].extensions?.code).toBe('UPSTREAM_ERROR');
    expect(await searches()).toBe(1);
  });

  it('opens the breaker on a dead upstream, fails fast and reports not ready, then recovers', async () => {
    await configure({ faults: [{ route: SEARCH, status: 503 }] });
    const first = await stack.gql(PAGE); // 3 attempts: the breaker's threshold
    expect(first.errors?.[0].extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    await stack.resetUpstreamStats();
    const fast = await stack.gql(PAGE);
    expect(fast.errors?.[0].extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await searches()).toBe(0);
    expect((await fetch(`${stack.gatewayUrl}/ready`)).status).toBe(503);
    await configure({ faults: [] });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the breaker's 400 ms and readiness' 1 s cache
    expect((await stack.gql(PAGE)).errors).toBeUndefined();
    expect((await fetch(`${stack.gatewayUrl}/ready`)).status).toBe(200);
  });
});
