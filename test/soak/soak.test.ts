// A bounded soak: steady concurrent load with faults injected throughout. Every request must be answered with
// well-formed GraphQL carrying a known error code, no promise may be left unhandled, and nothing may grow with the
// number of requests: the cache stays within its bound, no read is left in flight, no per-request object (a
// request's loaders) and no timer outlives its request. All of it is counted, none of it timed: a slow machine
// runs the same requests and the same checks. SOAK_ROUNDS makes it longer (CI runs the short default).
import { getActiveResourcesInfo } from 'node:process';
import DataLoader from 'dataloader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedCache } from '../../src/cache/shared-cache.js';
import { startStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';

/** Requests per client. */
const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 12);
const CONCURRENCY = 16;
/** Small enough for the load to fill it: the bound is then what keeps it in check. */
const CACHE_MAX_ENTRIES = 200;
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
/** One fault at a time, the next one after every CONCURRENCY responses. */
const FAULTS = [
  { route: 'GET /api/v2/devices', status: 503, times: 2 },
  { route: 'GET /api/v2/devices', status: 429, retryAfter: 0, times: 1 },
  { route: 'GET /api/v2/devices', malformed: true, times: 1 },
  { route: 'GET /api/v2/devices', reset: true, times: 1 },
  { route: 'GET /api/v2/devices/search_fields', status: 500, times: 1 },
];

let stack: Stack;
const gc = (globalThis as { gc?: () => void }).gc;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // A short page-cache TTL keeps the upstream busy instead of serving everything from memory.
  stack = await startStack({
    devices: 500,
    env: {
      CACHE_MAX_ENTRIES: String(CACHE_MAX_ENTRIES),
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

async function simulatorConfig(body?: unknown): Promise<{ faults: unknown[] }> {
  const response = await fetch(`${stack.simulator.url}/__sim/config`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as { faults: unknown[] };
}

/** The shared cache's reads in flight (private, read by name: the test fails, rather than passes, if renamed). */
function inFlightReads(cache: SharedCache): Map<unknown, unknown> {
  const reads: unknown = Reflect.get(cache, 'inFlight');
  expect(reads, 'SharedCache.inFlight').toBeInstanceOf(Map);
  return reads as Map<unknown, unknown>;
}

/**
 * The DataLoaders that served a load during the soak, held weakly: how many there were, and how many are still
 * alive after a full collection. DataLoader's prototype is the one the gateway's loaders use (one package).
 */
function watchLoaders(): { used(): number; alive(): Promise<number>; stop(): void } {
  const seen = new WeakSet<object>();
  const refs: WeakRef<object>[] = [];
  const load = DataLoader.prototype.load;
  DataLoader.prototype.load = function (this: DataLoader<unknown, unknown>, key: unknown) {
    if (!seen.has(this)) {
      seen.add(this);
      refs.push(new WeakRef(this));
    }
    return load.call(this, key);
  };
  return {
    used: () => refs.length,
    async alive() {
      // A WeakRef keeps its target until the job that made or read it ends: collect after a turn of the loop.
      await new Promise((resolve) => setImmediate(resolve));
      gc!();
      gc!();
      return refs.filter((ref) => ref.deref() !== undefined).length;
    },
    stop: () => void (DataLoader.prototype.load = load),
  };
}

const timers = () => getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe(`soak (${CONCURRENCY} concurrent clients × ${ROUNDS} requests, faults on)`, () => {
  // The timeout guards against a hang; nothing here measures time.
  it(
    'answers every request well-formed, handles every rejection and keeps every structure bounded',
    async () => {
      const { cache } = stack.gateway.deps;
      expect(cache).toBeInstanceOf(SharedCache);
      // A first request of each operation, so that what is built once (documents, compiled queries) is there.
      for (const operation of OPERATIONS) await stack.gql(operation);
      expect(gc).toBeDefined(); // vitest.config.ts runs the tests with --expose-gc
      const timersBefore = timers();
      const loaders = watchLoaders();

      const responses: GraphQLResponse[] = [];
      let faultsSet = 0;
      let faultsSpent = 0;
      try {
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, client) => {
            for (let round = 0; round < ROUNDS; round += 1) {
              responses.push(await stack.gql(OPERATIONS[(client + round) % OPERATIONS.length]));
              if (responses.length % CONCURRENCY === 0) {
                // The previous fault was spent if the simulator holds none any more.
                if (faultsSet > 0 && (await simulatorConfig()).faults.length === 0) faultsSpent += 1;
                await simulatorConfig({ latencyMs: 2, jitterMs: 5, faults: [FAULTS[faultsSet++ % FAULTS.length]] });
              }
            }
          }),
        );
      } finally {
        loaders.stop();
        await simulatorConfig({ latencyMs: 0, jitterMs: 0, faults: [] });
      }
      // What the run did, for the log (how many faults were spent depends on what the short TTL left cached).
      const failed = responses.filter((response) => response.errors !== undefined).length;
      console.log(
        `soak: ${responses.length} responses (${failed} with errors), ${faultsSpent} of ${faultsSet} faults spent, ` +
          `${cache.size} cache entries, ${loaders.used()} loaders`,
      );

      // Every request answered, each well-formed, each error with a code a client can act on.
      expect(responses).toHaveLength(CONCURRENCY * ROUNDS);
      const malformed = responses.filter(
        (response) =>
          response.status !== 200 ||
          (response.data === undefined && response.errors === undefined) ||
          !(response.errors ?? []).every((error) => KNOWN_CODES.has(String(error.extensions?.code))),
      );
      expect(malformed.map((response) => JSON.stringify(response).slice(0, 300))).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(faultsSet).toBe(ROUNDS);

      // Bounded by counts: the cache within its bound (and used), no read left in flight.
      expect(cache.size).toBeGreaterThan(0);
      expect(cache.size).toBeLessThanOrEqual(CACHE_MAX_ENTRIES);
      expect(inFlightReads(cache).size).toBe(0);
      // Loaders are made per request and die with it; timers (deadlines, retries, latency) end with their request.
      expect(loaders.used()).toBeGreaterThan(0);
      expect(await loaders.alive()).toBe(0);
      expect(timers()).toBeLessThanOrEqual(timersBefore);
    },
    ROUNDS * 6_000,
  );
});
