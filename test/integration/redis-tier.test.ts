// The optional Redis tier against a real redis-server: replicas share warm entries without sharing callers'
// data, invalidations reach every replica, N replicas together keep the upstream rate limit, and a dead Redis
// only costs the shared tier.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
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
async function startReplica(env: Record<string, string>): Promise<Replica> {
  const logs: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  // Replicas share the gateway secret (required with REDIS_URL): their credential digests must agree.
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', AUDIT_LOG_FILE: auditLogFile, GATEWAY_SECRET, ...env });
  const gateway = createGateway(config, simulator.url, {
    logger,
    passThroughScopes: adminScopes(simulator.world.admins),
  });
  await gateway.ready;
  const served = await serveGateway(gateway);
  const replica: Replica = {
    gateway,
    logs,
    gql: (query, as = 'miadmin') => served.gql(query, undefined, as),
    close: served.close,
  };
  replicas.push(replica);
  return replica;
}

/** Two replicas on one Redis, with a key prefix of their own so tests do not share L2 entries. */
async function twoReplicas(env: Record<string, string> = {}): Promise<[Replica, Replica]> {
  const shared = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `test${++prefixes}:`, ...env };
  return [await startReplica(shared), await startReplica(shared)];
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
    expect((await upstreamStats()).total).toBeGreaterThan(50);

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
    expect(calls.byRoute['GET /api/v2/devices']).toBe(1);
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
      // B re-read the page upstream (the old L2 entry is unreachable under the new generation) ...
      expect((await upstreamStats()).byRoute['GET /api/v2/devices']).toBe(1);
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
  // A low rate keeps the limiter, not the CPU of a busy CI machine, the bottleneck (the control depends on it).
  const RATE = 8;
  const BURST = 2;
  const PER_REPLICA = 12;
  // With the cache off every query makes its own device search (each asks for a different page size, so no two
  // are joined in flight), plus the caller's spaces where no identical read is in flight.
  const query = (i: number) => `{ devices(first: ${i + 1}) { totalCount } }`;
  const limited = { CACHE_MAX_ENTRIES: '0', UPSTREAM_RATE_LIMIT: String(RATE), UPSTREAM_RATE_BURST: String(BURST) };

  /**
   * Overloads both replicas at once; returns the calls the simulator saw towards each upstream (EPMM and the
   * embedded Neurons: one bucket each, as in process) and what the limit allows one upstream in that window.
   */
  async function overload(replicaPair: Replica[]): Promise<{ epmm: number; neurons: number; allowed: number }> {
    await resetUpstreamStats();
    const started = Date.now();
    const responses = await Promise.all(
      replicaPair.flatMap((replica, r) =>
        Array.from({ length: PER_REPLICA }, (_, i) => replica.gql(query(r * PER_REPLICA + i))),
      ),
    );
    const elapsedMs = Date.now() - started;
    for (const response of responses) expect(response.errors).toBeUndefined();
    const { byRoute } = await upstreamStats();
    // At least one page search per query (the merged list's twin join adds key-page searches, the cache being off).
    expect(byRoute['GET /api/v2/devices']).toBeGreaterThanOrEqual(2 * PER_REPLICA);
    const count = (neurons: boolean) =>
      Object.entries(byRoute)
        .filter(([route]) => route.includes(' /neurons/') === neurons)
        .reduce((sum, [, calls]) => sum + calls, 0);
    return { epmm: count(false), neurons: count(true), allowed: BURST + (RATE * elapsedMs) / 1000 };
  }

  it('two replicas together stay within UPSTREAM_RATE_LIMIT towards each upstream', async () => {
    const pair = await twoReplicas(limited);
    const { epmm, neurons, allowed } = await overload(pair);
    expect(epmm).toBeLessThanOrEqual(allowed * 1.2);
    expect(neurons).toBeLessThanOrEqual(allowed * 1.2);
  });

  it('(control) without Redis each replica has its own bucket and the pair exceeds the limit', async () => {
    const pair = [await startReplica(limited), await startReplica(limited)];
    const { epmm, allowed } = await overload(pair);
    expect(epmm).toBeGreaterThan(allowed * 1.2);
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
