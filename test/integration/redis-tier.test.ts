// The optional Redis tier against a real redis-server: replicas share warm entries without sharing callers'
// data, invalidations reach every replica, N replicas together keep the upstream rate limit, and a dead Redis
// only costs the shared tier.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnection } from '../../src/cache/redis-connection.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { RateLimit } from '../../src/upstream/resilience/rate-limiter.js';
import { SharedRateLimiter } from '../../src/upstream/resilience/redis-rate-limiter.js';
import { startRedis, unusedPort, type RunningRedis } from '../helpers/redis-server.js';
import { serveGateway, type GraphQLResponse } from '../helpers/stack.js';

// EPMM only: the merged list's twin join reads the EPMM keys too, which would blur the one-search expectations.
const FLEET_PAGE = `query FleetPage {
  devices(first: 50, source: EPMM) {
    totalCount
    nodes { uuid model user { displayName email } labels { name } deviceSpace { name } }
  }
}`;

interface FleetPage {
  devices: { totalCount: number; nodes: Array<{ uuid: string; model: string }> };
}

interface Replica {
  gateway: Gateway;
  logs: string[];
  gql<T = Record<string, unknown>>(query: string, as?: string): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

const GATEWAY_SECRET = 'test-replicas-gateway-secret-0123456789';
let redis: RunningRedis;
let simulator: RunningSimulator;
const replicas: Replica[] = [];
let prefixes = 0;

/** One gateway process's worth of state (its own L1, pools and limiter) over the shared simulator. */
async function startReplica(env: Record<string, string>, rate?: RateLimit): Promise<Replica> {
  const logs: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  // Replicas share the gateway secret (required with REDIS_URL): their credential digests must agree.
  const loaded = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', AUDIT_LOG_FILE: auditLogFile, GATEWAY_SECRET, ...env });
  // A rate below UPSTREAM_RATE_LIMIT's whole calls per second (the rate limit tests' trickle).
  const { upstream } = loaded;
  const config = rate
    ? { ...loaded, upstream: { ...upstream, resilience: { ...upstream.resilience, rateLimit: rate } } }
    : loaded;
  const gateway = createGateway(config, simulator.url, {
    logger,
    passThroughScopes: adminScopes(simulator.world.admins),
  });
  await gateway.ready;
  const served = await serveGateway(gateway);
  let closing: Promise<void> | undefined;
  const replica: Replica = {
    gateway,
    logs,
    gql: (query, as = 'miadmin') => served.gql(query, undefined, as),
    // Once: a rate limit test closes its replicas early (to drain their calls), afterAll closes every replica.
    close: () => (closing ??= served.close()),
  };
  replicas.push(replica);
  return replica;
}

/** Two replicas on one Redis, with a key prefix of their own so tests do not share L2 entries. */
async function twoReplicas(env: Record<string, string> = {}, rate?: RateLimit): Promise<[Replica, Replica]> {
  const shared = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `test${++prefixes}:`, ...env };
  return [await startReplica(shared, rate), await startReplica(shared, rate)];
}

async function upstreamStats(): Promise<{ total: number; byRoute: Record<string, number> }> {
  return (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as {
    total: number;
    byRoute: Record<string, number>;
  };
}

async function resetUpstreamStats(): Promise<void> {
  await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
}

beforeAll(async () => {
  redis = await startRedis();
  simulator = await startSimulator({ devices: 300, seed: 7 });
});

afterAll(async () => {
  for (const replica of replicas) await replica.close();
  await simulator?.close();
  await redis?.stop();
});

describe('shared L2 cache', () => {
  it('a screen warmed on one replica is served by another with zero upstream calls', async () => {
    const [a, b] = await twoReplicas();
    await resetUpstreamStats();
    const cold = await a.gql<FleetPage>(FLEET_PAGE);
    expect(cold.errors).toBeUndefined();
    expect(cold.data!.devices.nodes).toHaveLength(50);
    // The fleet page's cold budget (test/integration/screens.test.ts): spaces, the page's search, E22, 14 label
    // member searches and the space list.
    expect((await upstreamStats()).total).toBe(18);

    await resetUpstreamStats();
    const warm = await b.gql<FleetPage>(FLEET_PAGE);
    expect(warm.errors).toBeUndefined();
    expect(warm.data).toEqual(cold.data);
    expect((await upstreamStats()).total).toBe(0);
  });

  it('keeps callers apart across replicas: emea never gets what miadmin cached', async () => {
    const [a, b] = await twoReplicas();
    const alone = await startReplica({}); // no Redis: emea's own answer, read cold
    const emeaAlone = await alone.gql<FleetPage>(FLEET_PAGE, 'emea');
    expect(emeaAlone.errors).toBeUndefined();

    const miadmin = await a.gql<FleetPage>(FLEET_PAGE, 'miadmin');
    expect(miadmin.errors).toBeUndefined();
    await resetUpstreamStats();
    const emea = await b.gql<FleetPage>(FLEET_PAGE, 'emea');
    expect(emea.errors).toBeUndefined();
    // emea's first read on replica B went upstream (nothing of miadmin's was reused) and saw emea's devices only.
    const calls = await upstreamStats();
    expect(calls.byRoute['GET /api/v2/device_spaces/mine']).toBe(1);
    // The page's search and emea's own label members (its 107 devices: one search for each of its 12 labels), from
    // emea's own label list (docs/data-loading.md, "Device labels: two plans").
    expect(calls.byRoute['GET /api/v2/devices']).toBe(1 + 12);
    expect(calls.byRoute['GET /api/v1/dm/labels']).toBe(1);
    expect(emea.data).toEqual(emeaAlone.data);
    expect(emea.data!.devices.totalCount).toBeLessThan(miadmin.data!.devices.totalCount);
    const emeaSpaces = new Set(simulator.world.admins.find((admin) => admin.name === 'emea')!.spaceIds);
    for (const node of emea.data!.devices.nodes)
      expect(emeaSpaces.has(simulator.world.devicesByUuid.get(node.uuid)!.spaceId)).toBe(true);

    // And emea's entries, now in Redis, do not reach miadmin on A either.
    await resetUpstreamStats();
    const miadminAgain = await a.gql<FleetPage>(FLEET_PAGE, 'miadmin');
    expect(miadminAgain.data).toEqual(miadmin.data);
    expect((await upstreamStats()).total).toBe(0);
  });

  it('an invalidation on one replica reaches the other (L1 dropped, L2 generation bumped)', async () => {
    const [a, b] = await twoReplicas();
    const first = await a.gql<FleetPage>(FLEET_PAGE);
    await b.gql<FleetPage>(FLEET_PAGE); // B now holds the page in its own L1 too
    const uuid = first.data!.devices.nodes[0].uuid;
    const device = simulator.world.devicesByUuid.get(uuid)!;
    const before = device.model;
    device.model = `${before} (changed)`;
    try {
      // Still cached on B: what a mutation's invalidation is for.
      expect((await b.gql<FleetPage>(FLEET_PAGE)).data!.devices.nodes[0].model).toBe(before);

      a.gateway.deps.cache.invalidate({ upstream: a.gateway.deps.clients.epmm.search.origin, resources: ['device'] });
      // The message reaches B asynchronously: poll (bounded) until B has dropped its L1 entries.
      let seen: string | undefined;
      for (let attempt = 0; attempt < 100 && seen !== device.model; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        await resetUpstreamStats();
        seen = (await b.gql<FleetPage>(FLEET_PAGE)).data!.devices.nodes[0].model;
      }
      expect(seen).toBe(device.model);
      // B re-read the page upstream (the old L2 entry is unreachable under the new generation), and with it the
      // labels' members, in the same device class (14 searches) ...
      expect((await upstreamStats()).byRoute['GET /api/v2/devices']).toBe(1 + 14);
      // ... and stored it in L2 for A, which serves the new state without calling upstream.
      await resetUpstreamStats();
      expect((await a.gql<FleetPage>(FLEET_PAGE)).data!.devices.nodes[0].model).toBe(device.model);
      expect((await upstreamStats()).byRoute['GET /api/v2/devices']).toBeUndefined();
    } finally {
      device.model = before;
    }
  });
});

describe('shared upstream rate limit', () => {
  // A token every 1000 s: none comes back while a test runs, however slow the machine, so what the buckets admit
  // is a count (the burst), not a rate. Nothing sleeps either: through a gateway, a call that would have to wait
  // is refused at once (its turn lies past the operation's deadline: src/upstream/resilience/redis-rate-limiter.ts).
  const TRICKLE: RateLimit = { ratePerSecond: 0.001, burst: 3 };
  const TOKEN_MS = 1000 / TRICKLE.ratePerSecond;
  const PER_REPLICA = 12;
  // With the cache off every query makes its own device search (each asks for a different page size, so no two
  // are joined in flight). The Redis timeout is generous: a command slowed by a busy machine must not send a
  // replica to its own fallback bucket. UPSTREAM_RATE_LIMIT turns the limiter on; TRICKLE replaces its rate.
  const query = (i: number) => `{ devices(first: ${i + 1}) { totalCount } }`;
  const limited = { CACHE_MAX_ENTRIES: '0', UPSTREAM_RATE_LIMIT: '1', REDIS_TIMEOUT_MS: '60000' };

  /**
   * Sends PER_REPLICA queries to each replica at once, then closes both: a call that a query started and no longer
   * awaits (one branch of the merged list failed first) is still counted, and none reaches the next test. Returns
   * the calls the simulator saw towards each upstream (EPMM and the embedded Neurons: one bucket each, as in
   * process) and the responses.
   */
  async function overload(
    replicaPair: Replica[],
  ): Promise<{ epmm: number; neurons: number; responses: GraphQLResponse[] }> {
    await resetUpstreamStats();
    const responses = await Promise.all(
      replicaPair.flatMap((replica, r) =>
        Array.from({ length: PER_REPLICA }, (_, i) => replica.gql(query(r * PER_REPLICA + i))),
      ),
    );
    // Closing waits for the calls in flight (the upstream pools close gracefully).
    for (const replica of replicaPair) await replica.close();
    const { byRoute } = await upstreamStats();
    const count = (neurons: boolean) =>
      Object.entries(byRoute)
        .filter(([route]) => route.includes(' /neurons/') === neurons)
        .reduce((sum, [, calls]) => sum + calls, 0);
    return { epmm: count(false), neurons: count(true), responses };
  }

  /** Every query was answered; what the buckets did not admit is refused as RATE_LIMITED, nothing else fails. */
  function expectAnsweredOrRateLimited(responses: GraphQLResponse[], admitted: number): void {
    expect(responses).toHaveLength(2 * PER_REPLICA);
    for (const response of responses) {
      expect(response.status).toBe(200);
      for (const error of response.errors ?? []) expect(error.extensions?.code).toBe('RATE_LIMITED');
    }
    // A query needs a device search of its own on EPMM: at most `admitted` of them got one.
    expect(responses.filter((response) => response.errors === undefined).length).toBeLessThanOrEqual(admitted);
  }

  it('two replicas together get one burst towards each upstream, and the rest is refused', async () => {
    const pair = await twoReplicas(limited, TRICKLE);
    const prefix = pair[0].gateway.deps.config.redis!.keyPrefix;
    const { epmm, neurons, responses } = await overload(pair);
    expect(epmm).toBeLessThanOrEqual(TRICKLE.burst);
    expect(neurons).toBeLessThanOrEqual(TRICKLE.burst);
    expectAnsweredOrRateLimited(responses, TRICKLE.burst);
    // No replica fell back to a bucket of its own.
    for (const replica of pair) expect(replica.logs.filter((line) => line.includes('redis unavailable'))).toEqual([]);
    // The bucket's own accounting, in Redis: EPMM's (asked far more often than its burst) is spent.
    const client = new Redis(redis.url);
    try {
      const [bucket, ...others] = await client.keys(`${prefix}rate:*EPMM*`);
      expect(others).toEqual([]);
      expect(Number(await client.hget(bucket, 'tokens'))).toBeLessThan(1);
    } finally {
      client.disconnect();
    }
  });

  it('(control) without Redis each replica has its own bucket: twice the burst reaches EPMM', async () => {
    const pair = [await startReplica(limited, TRICKLE), await startReplica(limited, TRICKLE)];
    const { epmm, neurons, responses } = await overload(pair);
    expect(epmm).toBe(2 * TRICKLE.burst);
    expect(neurons).toBeLessThanOrEqual(2 * TRICKLE.burst);
    expectAnsweredOrRateLimited(responses, 2 * TRICKLE.burst);
  });

  it('calls past the burst wait their turn in one queue across replicas; a turn past the deadline is refused', async () => {
    // Two replicas' limiters for one upstream, each on its own connections, as two gateway processes hold them.
    // Their sleep records the wait the bucket gave instead of sleeping it.
    const keyPrefix = `test${++prefixes}:`;
    const silent = pino({ level: 'silent' });
    const connections = [0, 1].map(() => new RedisConnection({ url: redis.url, keyPrefix, timeoutMs: 60_000 }, silent));
    try {
      // Until connected a command fails at once (no offline queue) and the limiter would use its fallback.
      await Promise.all(connections.map((connection) => connection.ready));
      const waits: number[] = [];
      const [a, b] = connections.map(
        (connection) =>
          new SharedRateLimiter(connection, 'EPMM', 'https://epmm.example', {
            ...TRICKLE,
            sleep: async (ms) => void waits.push(ms),
          }),
      );
      const CALLS = 10;
      const turns = CALLS - TRICKLE.burst;
      // A deadline that every turn fits in.
      const deadline = Date.now() + (turns + 0.5) * TOKEN_MS;
      await Promise.all(Array.from({ length: CALLS }, (_, i) => (i % 2 ? a : b).acquire(deadline)));
      // The burst went at once; every other call was given the next turn, one token apart, whichever replica
      // asked (two buckets would hand out each turn twice).
      expect(waits).toHaveLength(turns);
      expect(waits.map((ms) => Math.round(ms / TOKEN_MS)).sort((x, y) => x - y)).toEqual(
        Array.from({ length: turns }, (_, i) => i + 1),
      );

      // The next turn lies past this deadline: refused at once, with a Retry-After, and nothing reserved ...
      await expect(a.acquire(Date.now() + TOKEN_MS)).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        details: { retryAfter: expect.stringMatching(/^\d+$/) },
      });
      expect(waits).toHaveLength(turns);
      // ... so the call after it, on the other replica, still gets that turn.
      await b.acquire(Date.now() + (turns + 1.5) * TOKEN_MS);
      expect(waits).toHaveLength(turns + 1);
      expect(Math.round(waits[turns] / TOKEN_MS)).toBe(turns + 1);
    } finally {
      for (const connection of connections) await connection.close();
    }
  });
});

describe('Redis outage', () => {
  it('a Redis that is down from the start leaves the in-process cache working, with a warning', async () => {
    const replica = await startReplica({
      REDIS_URL: `redis://127.0.0.1:${await unusedPort()}`,
      UPSTREAM_RATE_LIMIT: '1000',
    });
    await resetUpstreamStats();
    const cold = await replica.gql<FleetPage>(FLEET_PAGE);
    expect(cold.errors).toBeUndefined();
    expect(cold.data!.devices.nodes).toHaveLength(50);
    await resetUpstreamStats();
    expect((await replica.gql<FleetPage>(FLEET_PAGE)).data).toEqual(cold.data);
    expect((await upstreamStats()).total).toBe(0);
    const warnings = replica.logs.filter((line) => line.includes('redis unavailable'));
    expect(warnings.length).toBe(1);
  });

  it('a Redis that dies while serving degrades to L1 and the local rate limiter without failing requests', async () => {
    const ownRedis = await startRedis();
    try {
      const replica = await startReplica({ REDIS_URL: ownRedis.url, UPSTREAM_RATE_LIMIT: '1000' });
      expect((await replica.gql<FleetPage>(FLEET_PAGE)).errors).toBeUndefined();
      expect(replica.logs.filter((line) => line.includes('redis unavailable'))).toEqual([]);
      await ownRedis.stop();
      await resetUpstreamStats();
      const other = await replica.gql<FleetPage>(FLEET_PAGE.replace('first: 50', 'first: 20'));
      expect(other.errors).toBeUndefined();
      expect(other.data!.devices.nodes).toHaveLength(20);
      expect((await upstreamStats()).byRoute['GET /api/v2/devices']).toBe(1);
      // L1 still serves what it holds.
      await resetUpstreamStats();
      expect((await replica.gql<FleetPage>(FLEET_PAGE)).errors).toBeUndefined();
      expect((await upstreamStats()).total).toBe(0);
      expect(replica.logs.some((line) => line.includes('redis unavailable'))).toBe(true);
    } finally {
      await ownRedis.stop();
    }
  });
});
