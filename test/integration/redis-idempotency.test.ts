// Idempotency keys shared by replicas through a real redis-server: a retry that lands on another replica
// replays the first result instead of acting twice, concurrent retries act once, a reused key with another input
// is refused, callers never share keys, a failed attempt can be retried, and without Redis keyed mutations are
// refused rather than risk a second wipe.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { RedisConnection } from '../../src/cache/redis-connection.js';
import { RedisIdempotencyStore } from '../../src/cache/redis-idempotency.js';
import { loadConfig } from '../../src/config.js';
import { GatewayError } from '../../src/errors.js';
import { createGateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { startRedis, unusedPort, type RunningRedis } from '../helpers/redis-server.js';
import type { GraphQLResponse } from '../helpers/stack.js';

interface ActionPayload {
  results: Array<{
    id: string;
    status: string;
    messageKey: string | null;
    message: string;
    device: { status: string } | null;
  }>;
  userErrors: Array<{ code: string }>;
  auditId: string | null;
  dryRun: boolean;
  replayed: boolean;
}

const PAYLOAD =
  'results { id status messageKey message device { status } } userErrors { code } auditId dryRun replayed';
const WIPE = `mutation($input: WipeDevicesInput!) { wipeDevices(input: $input) { ${PAYLOAD} } }`;
const LOCK = `mutation($input: DeviceActionInput!) { lockDevices(input: $input) { ${PAYLOAD} } }`;
const WIPE_ROUTE = 'PUT /api/v2/devices/wipe';
const LOCK_ROUTE = 'PUT /api/v2/devices/lock';

interface Replica {
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

const GATEWAY_SECRET = 'test-replicas-gateway-secret-0123456789';
let redis: RunningRedis;
let simulator: RunningSimulator;
const closers: Array<() => Promise<void>> = [];
let prefixes = 0;
const silent = pino({ level: 'silent' });

async function startReplica(env: Record<string, string>): Promise<Replica> {
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  // Replicas share the gateway secret (required with REDIS_URL): their credential digests must agree.
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', AUDIT_LOG_FILE: auditLogFile, GATEWAY_SECRET, ...env });
  const gateway = createGateway(config, simulator.url, {
    logger: silent,
    passThroughScopes: adminScopes(simulator.world.admins),
  });
  await gateway.ready;
  const server: Server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.close();
  };
  closers.push(close);
  return {
    async gql(query, variables = {}, as = 'miadmin') {
      const headers = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: basicAuthorization(as, as),
      };
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: response.status, ...((await response.json()) as object) };
    },
    close,
  };
}

/** Two replicas (each its own in-process state) on one Redis, under a key prefix of their own. */
async function twoReplicas(envB: Record<string, string> = {}): Promise<[Replica, Replica]> {
  const shared = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `idem${++prefixes}:` };
  return [await startReplica(shared), await startReplica({ ...shared, ...envB })];
}

async function calls(route: string): Promise<number> {
  const stats = (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as { byRoute: Record<string, number> };
  return stats.byRoute[route] ?? 0;
}

async function faults(list: Array<Record<string, unknown>>): Promise<void> {
  await fetch(`${simulator.url}/__sim/config`, { method: 'POST', body: JSON.stringify({ faults: list }) });
}

/** Active devices visible to `as`, handed out once each so that no two tests act on the same device. */
const taken = new Set<string>();
async function activeDevice(replica: Replica, as = 'miadmin'): Promise<string> {
  const response = await replica.gql<{ devices: { nodes: Array<{ id: string }> } }>(
    '{ devices(first: 200, filter: { status: [ACTIVE] }, source: EPMM) { nodes { id } } }',
    {},
    as,
  );
  const id = response.data!.devices.nodes.map((node) => node.id).find((candidate) => !taken.has(candidate))!;
  taken.add(id);
  return id;
}

function payloadOf(response: GraphQLResponse, field: string): ActionPayload {
  expect(response.errors).toBeUndefined();
  return response.data![field] as ActionPayload;
}

beforeAll(async () => {
  redis = await startRedis();
  simulator = await startSimulator({ devices: 300, seed: 13 });
});

afterAll(async () => {
  for (const close of closers) await close();
  await simulator?.close();
  await redis?.stop();
});

beforeEach(async () => {
  await faults([]);
  await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
});

describe('idempotency keys across replicas', () => {
  it('a wipe retried on another replica replays the first result without a second wipe', async () => {
    const [a, b] = await twoReplicas();
    const input = { ids: [await activeDevice(a)], note: 'stolen, ticket 41', idempotencyKey: 'wipe-ticket-41' };
    const first = payloadOf(await a.gql(WIPE, { input }), 'wipeDevices');
    const retry = payloadOf(await b.gql(WIPE, { input }), 'wipeDevices');

    expect(first.replayed).toBe(false);
    expect(first.results.map((result) => result.status)).toEqual(['SUCCEEDED']);
    expect(retry.replayed).toBe(true);
    expect(retry.auditId).toBe(first.auditId);
    expect(retry.results).toEqual(first.results);
    expect(retry.results[0].device).toEqual({ status: 'WIPED' });
    expect(await calls(WIPE_ROUTE)).toBe(1);
  });

  it('concurrent identical requests on two replicas make one upstream call', async () => {
    const [a, b] = await twoReplicas();
    const input = { ids: [await activeDevice(a)], note: 'lost on a train', idempotencyKey: 'lock-concurrent' };
    // The lock answers slowly, so the second request finds the first one's claim still pending.
    await faults([{ route: LOCK_ROUTE, delayMs: 400 }]);
    const [fromA, fromB] = (await Promise.all([a.gql(LOCK, { input }), b.gql(LOCK, { input })])).map((response) =>
      payloadOf(response, 'lockDevices'),
    );

    expect([fromA.replayed, fromB.replayed].sort()).toEqual([false, true]);
    expect(fromB.results).toEqual(fromA.results);
    expect(fromA.auditId).toBe(fromB.auditId);
    expect(fromA.results[0].status).toBe('SUCCEEDED');
    expect(await calls(LOCK_ROUTE)).toBe(1);
  });

  it('refuses the key on another replica with a different input, and sends nothing', async () => {
    const [a, b] = await twoReplicas();
    const first = { ids: [await activeDevice(a)], note: 'lost', idempotencyKey: 'lock-once' };
    expect(payloadOf(await a.gql(LOCK, { input: first }), 'lockDevices').replayed).toBe(false);
    const other = await b.gql(LOCK, { input: { ...first, ids: [await activeDevice(a)] } });
    expect(other.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0].message).toContain('different input');
    const otherNote = await b.gql(LOCK, { input: { ...first, note: 'found again' } });
    expect(otherNote.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await calls(LOCK_ROUTE)).toBe(1);
  });

  it('keeps callers apart: the same key used by two admins acts for each', async () => {
    const [a, b] = await twoReplicas();
    const key = 'lock-shared-name';
    const byMiadmin = payloadOf(
      await a.gql(LOCK, { input: { ids: [await activeDevice(a)], idempotencyKey: key } }),
      'lockDevices',
    );
    const byEmea = payloadOf(
      await b.gql(LOCK, { input: { ids: [await activeDevice(b, 'emea')], idempotencyKey: key } }, 'emea'),
      'lockDevices',
    );
    expect([byMiadmin.replayed, byEmea.replayed]).toEqual([false, false]);
    expect(byEmea.auditId).not.toBe(byMiadmin.auditId);
    expect(byEmea.results[0].status).toBe('SUCCEEDED');
    expect(await calls(LOCK_ROUTE)).toBe(2);
  });

  it('a retry that outwaits its deadline while the first runs is RATE_LIMITED and never acts; a later retry replays', async () => {
    const [a, b] = await twoReplicas({ OPERATION_DEADLINE_MS: '300' });
    const input = { ids: [await activeDevice(a)], note: 'stolen, ticket 42', idempotencyKey: 'wipe-ticket-42' };
    await faults([{ route: WIPE_ROUTE, delayMs: 1500 }]);
    const first = a.gql(WIPE, { input });
    // B must arrive while A runs: A's wipe has reached the simulator (counted on arrival, answered 1.5 s later).
    while ((await calls(WIPE_ROUTE)) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const early = await b.gql(WIPE, { input });
    expect(early.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(early.errors?.[0].message).toContain('still running');

    const done = payloadOf(await first, 'wipeDevices');
    const later = payloadOf(await b.gql(WIPE, { input }), 'wipeDevices');
    expect(later.replayed).toBe(true);
    expect(later.results).toEqual(done.results);
    expect(await calls(WIPE_ROUTE)).toBe(1);
  });

  it('with Redis down, a keyed mutation is refused without acting; an unkeyed one still runs', async () => {
    const down = await startReplica({ REDIS_URL: `redis://127.0.0.1:${await unusedPort()}`, REDIS_TIMEOUT_MS: '200' });
    const [up] = await twoReplicas();
    const device = await activeDevice(up);
    const keyed = await down.gql(LOCK, { input: { ids: [device], idempotencyKey: 'lock-while-down' } });
    expect(keyed.errors?.[0].extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await calls(LOCK_ROUTE)).toBe(0);
    const unkeyed = payloadOf(await down.gql(LOCK, { input: { ids: [device] } }), 'lockDevices');
    expect(unkeyed.results[0].status).toBe('SUCCEEDED');
    expect(await calls(LOCK_ROUTE)).toBe(1);
  });
});

describe('RedisIdempotencyStore', () => {
  async function store(operationDeadlineMs = 30_000): Promise<RedisIdempotencyStore> {
    const connection = new RedisConnection(
      { url: redis.url, keyPrefix: `store${++prefixes}:`, timeoutMs: 500 },
      silent,
    );
    await connection.ready;
    closers.push(() => connection.close());
    return new RedisIdempotencyStore(connection, silent, { ttlMs: 60_000, operationDeadlineMs });
  }
  const scope = { callerScope: 'passthrough:abc', operation: 'wipeDevices', key: 'k1', input: { ids: ['a'] } };

  it('forgets an attempt that threw, so that a retry runs', async () => {
    const idempotency = await store();
    let runs = 0;
    await expect(
      idempotency.once(scope, async () => {
        runs += 1;
        throw new GatewayError('UPSTREAM_UNAVAILABLE', 'down');
      }),
    ).rejects.toThrow('down');
    const retry = await idempotency.once(scope, async () => ++runs);
    expect(retry).toEqual({ value: 2, replayed: false });
    expect(await idempotency.once(scope, async () => ++runs)).toEqual({ value: 2, replayed: true });
    expect(runs).toBe(2);
  });

  it('answers a claim older than any operation may run as unfinished instead of waiting or acting', async () => {
    const connection = new RedisConnection(
      { url: redis.url, keyPrefix: `shared${++prefixes}:`, timeoutMs: 500 },
      silent,
    );
    await connection.ready;
    closers.push(() => connection.close());
    const running = new RedisIdempotencyStore(connection, silent, { ttlMs: 60_000, operationDeadlineMs: 30_000 });
    // Another replica whose operations may last 1 ms: to it, a claim a few ms old can only be a stopped attempt.
    const other = new RedisIdempotencyStore(connection, silent, { ttlMs: 60_000, operationDeadlineMs: 1 });
    let finish!: () => void;
    const first = running.once(scope, () => new Promise<string>((resolve) => (finish = () => resolve('done'))));
    await new Promise((resolve) => setTimeout(resolve, 20));
    let acted = false;
    await expect(other.once(scope, async () => (acted = true))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('never reported a result'),
    });
    expect(acted).toBe(false);
    finish();
    expect(await first).toEqual({ value: 'done', replayed: false });
    expect(await other.once(scope, async () => (acted = true))).toEqual({ value: 'done', replayed: true });
    expect(acted).toBe(false);
  });

  it('keeps keys of two callers and two operations apart', async () => {
    const idempotency = await store();
    expect(await idempotency.once(scope, async () => 'first')).toEqual({ value: 'first', replayed: false });
    expect(await idempotency.once({ ...scope, callerScope: 'passthrough:def' }, async () => 'second caller')).toEqual({
      value: 'second caller',
      replayed: false,
    });
    expect(await idempotency.once({ ...scope, operation: 'retireDevices' }, async () => 'other operation')).toEqual({
      value: 'other operation',
      replayed: false,
    });
    expect(await idempotency.once(scope, async () => 'again')).toEqual({ value: 'first', replayed: true });
  });
});
