// The per-caller response cache (docs/data-loading.md, "Response cache"; docs/security.md) against the real
// gateway and simulator over HTTP: a repeated query is answered without execution and without upstream calls;
// callers, wrong passwords and scopes never share an answer; mutations, other replicas' mutations, errors, the
// debug extension, uncached reads and refusals that come before a lookup are all respected.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { startRedis, type RunningRedis } from '../helpers/redis-server.js';
import { FLEET_PAGE } from '../helpers/screens.js';
import { serveGateway, type GraphQLResponse } from '../helpers/stack.js';

interface Served {
  gateway: Gateway;
  url: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** A POST of `body` with the given headers (Basic miadmin unless `authorization` is given). */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: GraphQLResponse }>;
  hits(): Promise<number>;
  misses(): Promise<number>;
}

let simulator: RunningSimulator;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  simulator = await startSimulator({ devices: 300, seed: 7 });
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await simulator?.close();
});

async function counterValue(gateway: Gateway, name: string): Promise<number> {
  const metric = (await gateway.metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values as Array<{ value: number }> | undefined)?.reduce((sum, v) => sum + v.value, 0) ?? 0;
}

/** A gateway of its own (its own shared and response caches) over the shared simulator. */
async function startGateway(env: Record<string, string> = {}): Promise<Served> {
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', AUDIT_LOG_FILE: auditLogFile, ...env });
  const gateway = createGateway(config, simulator.url, { passThroughScopes: adminScopes(simulator.world.admins) });
  await gateway.ready;
  const served = await serveGateway(gateway);
  closers.push(served.close);
  return {
    gateway,
    url: served.url,
    gql: served.gql,
    async post(body, headers = {}) {
      const response = await fetch(`${served.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: basicAuthorization('miadmin', 'miadmin'),
          ...headers,
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse };
    },
    hits: () => counterValue(gateway, 'mdmgraph_response_cache_hits_total'),
    misses: () => counterValue(gateway, 'mdmgraph_response_cache_misses_total'),
  };
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

async function injectFaults(faults: unknown[]): Promise<void> {
  await fetch(`${simulator.url}/__sim/config`, { method: 'POST', body: JSON.stringify({ faults }) });
}

interface FleetPage {
  devices: {
    totalCount: number;
    nodes: Array<{ uuid: string; model: string; labels: Array<{ name: string }> }>;
  };
}

const NODES = 'query Status($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { id uuid status } } }';
const LOCK = 'mutation Lock($input: DeviceActionInput!) { lockDevices(input: $input) { results { id status } } }';
const ACTIVE = '{ devices(first: 50, filter: { status: [ACTIVE] }, source: EPMM) { nodes { id uuid status } } }';

/** Active devices, handed out once each so that no two tests lock the same one. */
const taken = new Set<string>();
async function activeDeviceId(served: Served): Promise<string> {
  const response = await served.gql<{ devices: { nodes: Array<{ id: string }> } }>(ACTIVE);
  expect(response.errors).toBeUndefined();
  const id = response.data!.devices.nodes.find((node) => !taken.has(node.id))!.id;
  taken.add(id);
  return id;
}

async function statusOf(served: Served, id: string): Promise<string> {
  const response = await served.gql<{ nodes: Array<{ status: string } | null> }>(NODES, { ids: [id] });
  expect(response.errors).toBeUndefined();
  return response.data!.nodes[0]!.status;
}

async function lock(served: Served, id: string): Promise<void> {
  const response = await served.gql<{ lockDevices: { results: Array<{ status: string }> } }>(LOCK, {
    input: { ids: [id] },
  });
  expect(response.errors).toBeUndefined();
  expect(response.data!.lockDevices.results[0].status).toBe('SUCCEEDED');
}

describe('a repeated query', () => {
  it('is answered with identical data, zero upstream calls and no execution, also 32 at once', async () => {
    const served = await startGateway();
    const cold = await served.gql<FleetPage>(FLEET_PAGE);
    expect(cold.errors).toBeUndefined();
    expect(cold.data!.devices.nodes).toHaveLength(50);
    expect(await served.hits()).toBe(0);
    expect(await served.misses()).toBe(1);

    await resetUpstreamStats();
    const requestsBefore = await counterValue(served.gateway, 'mdmgraph_graphql_requests_total');
    const cacheReadsBefore = await counterValue(served.gateway, 'mdmgraph_cache_hits_total');
    const warm = await Promise.all(Array.from({ length: 32 }, () => served.gql<FleetPage>(FLEET_PAGE)));
    for (const response of warm) {
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual(cold.data);
    }
    expect((await upstreamStats()).total).toBe(0);
    expect(await served.hits()).toBe(32);
    expect(await served.misses()).toBe(1);
    // No execution: the shared cache was not even read. Every hit is still a counted request.
    expect(await counterValue(served.gateway, 'mdmgraph_cache_hits_total')).toBe(cacheReadsBefore);
    expect(await counterValue(served.gateway, 'mdmgraph_graphql_requests_total')).toBe(requestsBefore + 32);
    const byOperation = (await served.gateway.metrics.requests.get()).values.find(
      (value) => value.labels.operation === 'FleetPage',
    );
    expect(byOperation?.value).toBe(33);
  });

  it('with other variables, another operation name or other extensions is not the same entry', async () => {
    const served = await startGateway();
    const query = 'query Page($n: Int!) { devices(first: $n, source: EPMM) { totalCount nodes { uuid } } }';
    await served.post({ query, variables: { n: 3 }, operationName: 'Page' });
    const other = await served.post({ query, variables: { n: 4 }, operationName: 'Page' });
    expect((other.body.data as { devices: { nodes: unknown[] } }).devices.nodes).toHaveLength(4);
    await served.post({ query, variables: { n: 3 } });
    await served.post({ query, variables: { n: 3 }, operationName: 'Page', extensions: { client: 'x' } });
    expect(await served.hits()).toBe(0);
    await served.post({ query, variables: { n: 3 }, operationName: 'Page' });
    expect(await served.hits()).toBe(1);
  });
});

describe('callers never share an answer', () => {
  it('emea never gets what miadmin cached, and each gets their own on a hit', async () => {
    const served = await startGateway();
    const miadmin = await served.gql<FleetPage>(FLEET_PAGE, {}, 'miadmin');
    expect(miadmin.errors).toBeUndefined();

    await resetUpstreamStats();
    const emea = await served.gql<FleetPage>(FLEET_PAGE, {}, 'emea');
    expect(emea.errors).toBeUndefined();
    // emea's request was executed with emea's credentials: its spaces and its devices were read upstream.
    const calls = await upstreamStats();
    expect(calls.byRoute['GET /api/v2/device_spaces/mine']).toBe(1);
    expect(calls.byRoute['GET /api/v2/devices']).toBeGreaterThan(0);
    expect(await served.hits()).toBe(0);
    expect(emea.data!.devices.totalCount).toBeLessThan(miadmin.data!.devices.totalCount);
    const emeaSpaces = new Set(simulator.world.admins.find((admin) => admin.name === 'emea')!.spaceIds);
    for (const node of emea.data!.devices.nodes)
      expect(emeaSpaces.has(simulator.world.devicesByUuid.get(node.uuid)!.spaceId)).toBe(true);

    await resetUpstreamStats();
    expect((await served.gql<FleetPage>(FLEET_PAGE, {}, 'emea')).data).toEqual(emea.data);
    expect((await served.gql<FleetPage>(FLEET_PAGE, {}, 'miadmin')).data).toEqual(miadmin.data);
    expect(await served.hits()).toBe(2);
    expect((await upstreamStats()).total).toBe(0);
  });

  it('a wrong password, or none, never hits: the MDM refuses it', async () => {
    const served = await startGateway();
    expect((await served.gql(FLEET_PAGE)).errors).toBeUndefined();
    await resetUpstreamStats();
    const wrong = await served.post({ query: FLEET_PAGE }, { authorization: basicAuthorization('miadmin', 'nope') });
    expect(wrong.status).toBe(401);
    expect(wrong.body.data ?? null).toBeNull();
    // The wrong password was tried against EPMM, not answered from miadmin's entry.
    expect((await upstreamStats()).byRoute['GET /api/v2/device_spaces/mine']).toBe(1);
    const none = await served.post({ query: FLEET_PAGE }, { authorization: '' });
    expect(none.status).toBe(401);
    expect(none.body.data ?? null).toBeNull();
    expect(await served.hits()).toBe(0);
  });

  it('the same identity with fewer scopes never receives what a broader token stored', async () => {
    const secret = 'a-test-signing-secret-of-at-least-32-chars';
    const served = await startGateway({
      AUTH_MODE: 'service',
      EPMM_USERNAME: 'miadmin',
      EPMM_PASSWORD: 'miadmin',
      JWT_SECRET: secret,
    });
    const token = (scope: string) =>
      new SignJWT({ scope })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('portal-user')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
    const query = '{ devices(first: 2, source: EPMM) { totalCount } }';
    const reader = { authorization: `Bearer ${await token('read')}` };
    expect((await served.post({ query }, reader)).body.errors).toBeUndefined();
    expect((await served.post({ query }, reader)).body.errors).toBeUndefined();
    expect(await served.hits()).toBe(1);

    const actor = await served.post({ query }, { authorization: `Bearer ${await token('act')}` });
    expect(actor.body.data ?? null).toBeNull();
    expect(actor.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await served.hits()).toBe(1);
  });
});

describe('invalidation', () => {
  it('a mutation invalidates: the next query shows the new state', async () => {
    const served = await startGateway();
    const id = await activeDeviceId(served);
    expect(await statusOf(served, id)).toBe('ACTIVE');
    await resetUpstreamStats();
    expect(await statusOf(served, id)).toBe('ACTIVE');
    expect((await upstreamStats()).total).toBe(0);
    const hits = await served.hits();

    await lock(served, id);
    expect(await statusOf(served, id)).toBe('LOCKED');
    expect(await served.hits()).toBe(hits);
  });

  it('mutations are neither looked up nor stored: the same lock twice is sent twice', async () => {
    const served = await startGateway();
    const id = await activeDeviceId(served);
    const [hits, misses] = [await served.hits(), await served.misses()];
    await resetUpstreamStats();
    await lock(served, id);
    await lock(served, id);
    expect((await upstreamStats()).byRoute['PUT /api/v2/devices/lock']).toBe(2);
    expect([await served.hits(), await served.misses()]).toEqual([hits, misses]);
  });

  it('a mutation on replica A invalidates replica B (Redis)', async () => {
    const redis: RunningRedis = await startRedis();
    closers.push(redis.stop);
    const env = {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'response-cache:',
      GATEWAY_SECRET: 'test-replicas-gateway-secret-0123456789',
    };
    const a = await startGateway(env);
    const b = await startGateway(env);
    const id = await activeDeviceId(b);
    expect(await statusOf(b, id)).toBe('ACTIVE');
    expect(await statusOf(b, id)).toBe('ACTIVE');
    expect(await b.hits()).toBe(1);

    await lock(a, id);
    // The invalidation reaches B asynchronously (Redis pub/sub): poll, bounded, until B answers the new state.
    let seen = 'ACTIVE';
    for (let attempt = 0; attempt < 100 && seen !== 'LOCKED'; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      seen = await statusOf(b, id);
    }
    expect(seen).toBe('LOCKED');
  });

  it('a clear of the shared cache (a missed invalidation) drops every response', async () => {
    const served = await startGateway();
    await served.gql(FLEET_PAGE);
    served.gateway.deps.cache.clearLocal();
    await resetUpstreamStats();
    await served.gql(FLEET_PAGE);
    expect((await upstreamStats()).total).toBeGreaterThan(0);
    expect(await served.hits()).toBe(0);
  });
});

describe('what is never cached', () => {
  it('a response with errors', async () => {
    const served = await startGateway({ UPSTREAM_MAX_ATTEMPTS: '1' });
    const query = 'query Labelled { devices(first: 3, source: EPMM) { nodes { uuid labels { name } } } }';
    await injectFaults([{ route: 'GET /api/v2/devices/:uuid/labels', status: 500, times: 1 }]);
    try {
      const failed = await served.gql(query);
      expect(failed.errors?.length).toBeGreaterThan(0);
      const again = await served.gql(query);
      expect(again.errors).toBeUndefined();
      expect(await served.hits()).toBe(0);
      expect((await served.gql(query)).data).toEqual(again.data);
      expect(await served.hits()).toBe(1);
    } finally {
      await injectFaults([]);
    }
  });

  it('an operation that requests the debug extension, which is always executed', async () => {
    const served = await startGateway();
    const query = '{ devices(first: 2, source: EPMM) { nodes { uuid } } }';
    const debug = { 'x-mdmgraph-debug': '1' };
    for (let i = 0; i < 2; i++) {
      const response = await served.post({ query }, debug);
      expect(response.body.extensions?.upstream).toBeDefined();
    }
    expect([await served.hits(), await served.misses()]).toEqual([0, 0]);
    // Stored by a plain request, still executed for a debug one.
    await served.post({ query });
    await served.post({ query });
    expect(await served.hits()).toBe(1);
    expect((await served.post({ query }, debug)).body.extensions?.upstream).toBeDefined();
    expect(await served.hits()).toBe(1);
  });

  it('a read the loaders do not cache (NG04) and the audit trail', async () => {
    const served = await startGateway();
    const groups = await served.gql<{ groups: { nodes: Array<{ id: string; kind: string }> } }>(
      '{ groups(first: 50) { nodes { id kind } } }',
    );
    const userGroup = groups.data!.groups.nodes.find((group) => group.kind === 'USER_GROUP')!;
    const viability = 'query($ids: [ID!]!) { groupDeleteViability(ids: $ids) { id deletable } }';
    await resetUpstreamStats();
    for (let i = 0; i < 2; i++) {
      expect((await served.gql(viability, { ids: [userGroup.id] })).errors).toBeUndefined();
    }
    // NG04 shares its route with the (cached) user-group list.
    expect((await upstreamStats()).byRoute['GET /neurons/api/v1/group']).toBe(2);

    const trail = '{ auditLog(first: 50) { totalCount } }';
    const before = await served.gql<{ auditLog: { totalCount: number } }>(trail);
    await lock(served, await activeDeviceId(served));
    const after = await served.gql<{ auditLog: { totalCount: number } }>(trail);
    expect(after.data!.auditLog.totalCount).toBe(before.data!.auditLog.totalCount + 1);
    expect(await served.hits()).toBe(0);
  });

  it('a class with a TTL of 0: nothing is stored (a response may hold any class); the simulator changing state shows at once', async () => {
    const served = await startGateway({ CACHE_ALERTS_TTL_MS: '0' });
    const alerts = '{ alerts(first: 3) { nodes { legacyId read } } }';
    const first = await served.gql<{ alerts: { nodes: Array<{ legacyId: number; read: boolean }> } }>(alerts);
    expect(first.errors).toBeUndefined();
    const shown = first.data!.alerts.nodes[0];
    const alert = simulator.world.alertsById.get(Number(shown.legacyId))!;
    const wasActive = alert.isActive;
    alert.isActive = !alert.isActive; // EPMM's inverted flag: true = unread
    try {
      const second = await served.gql<{ alerts: { nodes: Array<{ legacyId: number; read: boolean }> } }>(alerts);
      expect(second.data!.alerts.nodes.find((node) => node.legacyId === shown.legacyId)?.read).toBe(!shown.read);
    } finally {
      alert.isActive = wasActive;
    }
    const labels = '{ labels(first: 3) { nodes { name } } }';
    await served.gql(labels);
    await served.gql(labels);
    expect(await served.hits()).toBe(0);
  });

  it('anything, with RESPONSE_CACHE=off or the shared cache off', async () => {
    for (const env of [{ RESPONSE_CACHE: 'off' }, { CACHE_MAX_ENTRIES: '0' }] as Record<string, string>[]) {
      const served = await startGateway(env);
      await served.gql(FLEET_PAGE);
      await served.gql(FLEET_PAGE);
      expect([await served.hits(), await served.misses()]).toEqual([0, 0]);
    }
  });
});

describe('a hit never bypasses a refusal the same request would get uncached', () => {
  it('strict persisted mode: the stored document sent as text is refused', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mdmgraph-po-')), 'operations.json');
    const document = 'query FleetCount { devices(first: 0, source: EPMM) { totalCount } }';
    writeFileSync(file, JSON.stringify({ fleetCount: document }));
    const served = await startGateway({ PERSISTED_OPERATIONS_FILE: file, PERSISTED_OPERATIONS_STRICT: 'true' });
    const byId = { extensions: { persistedQuery: { version: 1, sha256Hash: 'fleetCount' } } };
    const first = await served.post(byId);
    expect(first.body.data).toEqual({ devices: { totalCount: 300 } });
    await resetUpstreamStats();
    expect((await served.post(byId)).body.data).toEqual(first.body.data);
    expect(await served.hits()).toBe(1);

    for (const body of [{ query: document }, { query: document, ...byId }]) {
      const refused = await served.post(body);
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors?.[0].message).toMatch(/PersistedQueryOnly/);
    }
    expect(await served.hits()).toBe(1);
    expect((await upstreamStats()).total).toBe(0);
  });

  it('CSRF and the body limit refuse a stored query before any lookup', async () => {
    const served = await startGateway({ MAX_BODY_BYTES: '4096' });
    const query = '{ devices(first: 2, source: EPMM) { totalCount } }';
    await served.post({ query });
    await served.post({ query });
    expect(await served.hits()).toBe(1);
    const form = await fetch(`${served.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: basicAuthorization('miadmin', 'miadmin') },
      body: JSON.stringify({ query }),
    });
    expect(form.status).toBe(403);
    const padded = await served.post({ query, extensions: { padding: 'x'.repeat(5000) } });
    expect(padded.status).toBe(413);
    expect(await served.hits()).toBe(1);
  });

  it('graphql limits: the same document over the list cap is refused', async () => {
    const served = await startGateway({ MAX_LIST_ITEMS: '2' });
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const ok = { query, variables: { ids: ['a', 'b'] } };
    await served.post(ok);
    await served.post(ok);
    const over = await served.post({ query, variables: { ids: ['a', 'b', 'c'] } });
    expect(over.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await served.misses()).toBe(3);
  });
});
