// A bounded soak: steady concurrent load with faults injected throughout. Every response must be well-formed
// GraphQL with a known error code, no promise may be left unhandled, and the heap must not grow past a bound.
// SOAK_SECONDS makes it longer (CI runs the short default).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 8);
const CONCURRENCY = 16;
const HEAP_GROWTH_BOUND_MB = 64;
const KNOWN_CODES = new Set([
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_ERROR',
  'UPSTREAM_TIMEOUT',
  'RATE_LIMITED',
  'NOT_FOUND',
  'BAD_USER_INPUT',
]);
const OPERATIONS = [
  '{ devices(first: 20) { totalCount nodes { uuid model user { displayName } } } }',
  '{ devices(first: 5, filter: { platform: [IOS], compliant: false }) { nodes { uuid noncomplianceReasons } } }',
  '{ viewer { name deviceSpaces { name } } deviceSearchFields { name } }',
  '{ device(uuid: "00000000-0000-4000-8000-000000000000") { uuid } }',
];

let stack: Stack;
const gc = (globalThis as { gc?: () => void }).gc;
function settledHeap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // A short page-cache TTL keeps the upstream busy instead of serving everything from memory.
  stack = await startStack({
    devices: 500,
    env: {
      CACHE_DEVICE_TTL_MS: '200',
      EPMM_TIMEOUT_MS: '1000',
      UPSTREAM_RETRY_BASE_MS: '5',
      UPSTREAM_RETRY_MAX_MS: '20',
      BREAKER_OPEN_MS: '200',
    },
  });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await stack.close();
});

async function injectFaults(until: number): Promise<void> {
  const faults = [
    { route: 'GET /api/v2/devices', status: 503, times: 2 },
    { route: 'GET /api/v2/devices', status: 429, retryAfter: 0, times: 1 },
    { route: 'GET /api/v2/devices', malformed: true, times: 1 },
    { route: 'GET /api/v2/devices', reset: true, times: 1 },
    { route: 'GET /api/v2/devices/search_fields', status: 500, times: 1 },
  ];
  let i = 0;
  while (Date.now() < until) {
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 2, jitterMs: 5, faults: [faults[i++ % faults.length]] }),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await fetch(`${stack.simulator.url}/__sim/config`, {
    method: 'POST',
    body: JSON.stringify({ latencyMs: 0, jitterMs: 0, faults: [] }),
  });
}

describe(`soak (${SECONDS}s, ${CONCURRENCY} concurrent clients, faults on)`, () => {
  it(
    'stays well-formed, handles every rejection and keeps its heap bounded',
    async () => {
      const warmUntil = Date.now() + 1000;
      const until = Date.now() + SECONDS * 1000;
      let heapAfterWarmUp = 0;
      let responses = 0;
      const malformed: string[] = [];
      const faults = injectFaults(until);
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, worker) => {
          for (let n = worker; Date.now() < until; n += 1) {
            if (!heapAfterWarmUp && Date.now() > warmUntil) heapAfterWarmUp = settledHeap();
            const response = await stack.gql(OPERATIONS[n % OPERATIONS.length]);
            responses += 1;
            const wellFormed =
              response.status === 200 &&
              (response.data !== undefined || response.errors !== undefined) &&
              (response.errors ?? []).every((error) => KNOWN_CODES.has(String(error.extensions?.code)));
            if (!wellFormed) malformed.push(JSON.stringify(response).slice(0, 300));
          }
        }),
      );
      await faults;
      const growthMb = (settledHeap() - heapAfterWarmUp) / 1024 / 1024;
      expect(gc).toBeDefined(); // without --expose-gc the heap figure would be noise
      console.log(`soak: ${responses} responses in ${SECONDS}s, heap growth ${growthMb.toFixed(1)} MB`);
      expect(malformed).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(responses).toBeGreaterThan(SECONDS * 20);
      expect(growthMb).toBeLessThan(HEAP_GROWTH_BOUND_MB);
    },
    (SECONDS + 60) * 1000,
  );
});
