// A read racing a mutation must not put the pre-mutation state back into the shared cache. The race is made
// deterministic by a proxy between gateway and simulator: the read's device search is answered by the simulator
// (the device still ACTIVE) and held there; lockDevices runs to the end (and invalidates the device class); then
// the read goes on and writes what it read. The next query must see LOCKED, not the row the late read stored.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { startUpstreamProxy, type UpstreamProxy } from '../helpers/upstream-proxy.js';
import type { GraphQLResponse } from '../helpers/stack.js';

// Without `device { status }`: re-reading the device would cache a complete fresh row, which a late projected
// row never replaces; the race matters exactly when nothing read after the mutation is cached yet.
const LOCK = 'mutation($input: DeviceActionInput!) { lockDevices(input: $input) { results { id status } } }';
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { id uuid status } } }';
const ACTIVE_PAGE = '{ devices(first: 100, filter: { status: [ACTIVE] }, source: EPMM) { nodes { id uuid status } } }';

interface DeviceRow {
  id: string;
  uuid: string;
  status: string;
}

let simulator: RunningSimulator;
let proxy: UpstreamProxy;
let gateway: Gateway;
let server: Server;
let gatewayUrl: string;

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json',
    authorization: basicAuthorization('miadmin', 'miadmin'),
  };
  const body = JSON.stringify({ query, variables });
  const response = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers, body });
  return { status: response.status, ...((await response.json()) as object) };
}

async function statusOf(id: string): Promise<string> {
  const response = await gql<{ nodes: Array<DeviceRow | null> }>(NODES, { ids: [id] });
  expect(response.errors).toBeUndefined();
  return response.data!.nodes[0]!.status;
}

async function lock(id: string): Promise<void> {
  const response = await gql<{ lockDevices: { results: Array<{ status: string }> } }>(LOCK, { input: { ids: [id] } });
  expect(response.errors).toBeUndefined();
  expect(response.data!.lockDevices.results[0].status).toBe('SUCCEEDED');
}

/** Active devices, handed out once each so that the tests never lock the same one. */
const taken = new Set<string>();
async function activeDevice(): Promise<DeviceRow> {
  const response = await gql<{ devices: { nodes: DeviceRow[] } }>(ACTIVE_PAGE);
  expect(response.errors).toBeUndefined();
  const device = response.data!.devices.nodes.find((node) => !taken.has(node.id))!;
  taken.add(device.id);
  return device;
}

/** Holds the first device search answer that lists `uuid` (still ACTIVE upstream when it is answered). */
function holdSearchListing(uuid: string) {
  return proxy.holdAnswer((url, body) => url.pathname === '/api/v2/devices' && body.includes(uuid));
}

beforeAll(async () => {
  simulator = await startSimulator({ devices: 200, seed: 23 });
  proxy = await startUpstreamProxy(simulator.url);
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  // A device TTL far longer than the test: a stale row would be served by every later query.
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    AUDIT_LOG_FILE: auditLogFile,
    CACHE_DEVICE_TTL_MS: '600000',
  });
  gateway = createGateway(config, proxy.url, { passThroughScopes: adminScopes(simulator.world.admins) });
  await gateway.ready;
  server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await gateway?.close();
  await proxy?.close();
  await simulator?.close();
});

beforeEach(() => {
  // Every test starts cold, so that its read goes upstream (through the gate) instead of hitting the cache.
  gateway.deps.cache.clearLocal();
});

describe('a read that started before a mutation', () => {
  it('does not store its pre-mutation device row (device by uuid)', async () => {
    const device = await activeDevice();
    gateway.deps.cache.clearLocal();
    const held = holdSearchListing(device.uuid);
    const read = statusOf(device.id);
    await held.reached;

    await lock(device.id);
    held.release();
    // The read itself answers what it read before the lock: that is correct for a read that started first.
    expect(await read).toBe('ACTIVE');

    expect(await statusOf(device.id)).toBe('LOCKED');
  });

  it('does not store the rows of its pre-mutation device page', async () => {
    const device = await activeDevice();
    gateway.deps.cache.clearLocal();
    const held = holdSearchListing(device.uuid);
    const page = gql<{ devices: { nodes: DeviceRow[] } }>(ACTIVE_PAGE);
    await held.reached;

    await lock(device.id);
    held.release();
    expect((await page).data!.devices.nodes.find((node) => node.id === device.id)?.status).toBe('ACTIVE');

    // Neither the row by uuid nor the page may come back with the device ACTIVE.
    expect(await statusOf(device.id)).toBe('LOCKED');
    const again = await gql<{ devices: { nodes: DeviceRow[] } }>(ACTIVE_PAGE);
    expect(again.data!.devices.nodes.map((node) => node.id)).not.toContain(device.id);
  });
});
