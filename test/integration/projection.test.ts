// Projection: the gateway asks EPMM's device search only for the fields the operation selects (plus the uuid),
// and a device read with fewer fields never answers a later selection that needs more. The `fields` sent are
// read from a recording proxy between the gateway and the simulator.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { EPMM_DEVICE_FIELDS } from '../../src/models/epmm-device.js';
import { encodeCursor } from '../../src/pagination.js';
import { createGateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { startUpstreamProxy, type UpstreamProxy } from '../helpers/upstream-proxy.js';

interface Harness {
  proxy: UpstreamProxy;
  gql<T>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: Array<{ message: string }> }>;
  /** The `fields` of every device search since the last clear, each as a list. */
  searchFields(): string[][];
  close(): Promise<void>;
}

async function startHarness(simulator: RunningSimulator, env: Record<string, string> = {}): Promise<Harness> {
  const proxy = await startUpstreamProxy(simulator.url);
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  const gateway = createGateway(
    loadConfig({ PORT: '0', LOG_LEVEL: 'silent', AUDIT_LOG_FILE: auditLogFile, ...env }),
    proxy.url,
    {
      passThroughScopes: adminScopes(simulator.world.admins),
    },
  );
  const server: Server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    proxy,
    async gql(query, variables) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basicAuthorization('miadmin', 'miadmin') },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    searchFields: () =>
      proxy
        .requests()
        .filter((request) => request.url.pathname === '/api/v2/devices')
        .map((request) => request.url.searchParams.get('fields')!.split(',')),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      await proxy.close();
    },
  };
}

let simulator: RunningSimulator;
let harness: Harness;

beforeAll(async () => {
  simulator = await startSimulator({ devices: 120, seed: 11 });
  harness = await startHarness(simulator);
});
afterAll(async () => {
  await harness.close();
  await simulator.close();
});
beforeEach(() => harness.proxy.clear());

interface Row {
  uuid: string;
  model?: string | null;
  status?: string;
  osVersion?: string | null;
  user?: { email: string | null } | null;
}

function simDevice(uuid: string) {
  return simulator.world.devicesByUuid.get(uuid)!;
}

function simEmail(uuid: string): string | null {
  return simulator.world.usersByUuid.get(simDevice(uuid).userUuid)?.email ?? null;
}

// One source throughout: the merged list also reads every EPMM device's join keys (uuid, serial), a search of its
// own (docs/data-loading.md, "One device, one row").
describe('projection of the v2 device search', () => {
  it('asks only for the selected fields plus the uuid, and for every field when everything is selected', async () => {
    const small = await harness.gql<{ devices: { nodes: Row[] } }>(
      `{ devices(first: 5, source: EPMM) { nodes { uuid model } } }`,
    );
    expect(small.errors).toBeUndefined();
    expect(harness.searchFields()).toEqual([['common.uuid', 'common.model']]);
    for (const row of small.data!.devices.nodes) expect(row.model).toBe(simDevice(row.uuid).model);

    harness.proxy.clear();
    const everyScalar = `id source uuid legacyId name platform platformName osVersion model manufacturer status compliant noncomplianceReasons
      quarantined compromised ownership phoneNumber imei serialNumber registeredAt lastCheckInAt storageCapacityBytes storageFreeBytes
      memoryCapacityBytes memoryFreeBytes batteryLevel clientVersion deviceSpaceName user { principal displayName email }
      displayName encrypted supervised passcodeCompliant osBuild enrollmentType carrier securityPatchLevel`;
    const large = await harness.gql(
      `{ devices(first: 5, orderBy: { field: MODEL }, source: EPMM) { edges { node { ${everyScalar} } } } }`,
    );
    expect(large.errors).toBeUndefined();
    expect(harness.searchFields()).toEqual([[...EPMM_DEVICE_FIELDS]]);
  });

  it('follows fragments and nested selections: user { email } asks for the user fields', async () => {
    const response = await harness.gql<{ devices: { nodes: Row[] } }>(
      `query { devices(first: 4, orderBy: { field: OS_VERSION }, source: EPMM) { ...Page } }
       fragment Page on DeviceConnection { nodes { ... on Device { uuid } ...Owner } }
       fragment Owner on Device { user { email } }`,
    );
    expect(response.errors).toBeUndefined();
    // The order field's key is asked too: the merged EPMM + Neurons connection compares it.
    expect(harness.searchFields()).toEqual([
      [
        'common.uuid',
        'common.os_version',
        'user.user_id',
        'user.display_name',
        'user.email_address',
        'user.first_name',
        'user.last_name',
      ],
    ]);
    for (const row of response.data!.devices.nodes) expect(row.user?.email ?? null).toBe(simEmail(row.uuid));
  });

  it('a later, wider query of the same page is not answered from the narrower cached page', async () => {
    const narrow = await harness.gql<{ devices: { nodes: Row[] } }>(
      `{ devices(first: 6, after: "${encodeCursor(19)}", source: EPMM) { nodes { uuid model } } }`,
    );
    expect(narrow.errors).toBeUndefined();
    harness.proxy.clear();
    const wide = await harness.gql<{ devices: { nodes: Row[] } }>(
      `{ devices(first: 6, after: "${encodeCursor(19)}", source: EPMM) { nodes { uuid model status user { email } } } }`,
    );
    expect(wide.errors).toBeUndefined();
    expect(harness.searchFields()).toHaveLength(1);
    expect(harness.searchFields()[0]).toEqual(expect.arrayContaining(['common.status', 'user.email_address']));
    for (const row of wide.data!.devices.nodes) {
      expect(row.status).toBe(simDevice(row.uuid).status.replace(/ /g, '_'));
      expect(row.user?.email ?? null).toBe(simEmail(row.uuid));
    }
    // The narrow selection again: answered from the cache, no call.
    harness.proxy.clear();
    await harness.gql(`{ devices(first: 6, after: "${encodeCursor(19)}", source: EPMM) { nodes { uuid model } } }`);
    expect(harness.searchFields()).toEqual([]);
  });

  it('devices read by a projected page refetch by id for free when they carry the fields, and from EPMM when not', async () => {
    const page = await harness.gql<{ devices: { nodes: Array<{ id: string; uuid: string }> } }>(
      `{ devices(first: 8, after: "${encodeCursor(39)}", source: EPMM) { nodes { id uuid model } } }`,
    );
    const ids = page.data!.devices.nodes.map((node) => node.id);
    harness.proxy.clear();
    const same = await harness.gql<{ nodes: Row[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { uuid model } } }`,
      { ids },
    );
    expect(same.data!.nodes.map((row) => row.model)).toEqual(
      page.data!.devices.nodes.map((node) => simDevice(node.uuid).model),
    );
    expect(harness.searchFields()).toEqual([]);

    const wider = await harness.gql<{ nodes: Row[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { uuid osVersion user { email } } } }`,
      { ids },
    );
    expect(wider.errors).toBeUndefined();
    // 8 uuids: two searches of 4 (the 255-character query limit), each asking for the wider fields.
    expect(harness.searchFields()).toHaveLength(2);
    for (const fields of harness.searchFields())
      expect(fields).toEqual(expect.arrayContaining(['common.os_version', 'user.email_address']));
    for (const row of wider.data!.nodes) {
      expect(row.osVersion).toBe(simDevice(row.uuid).osVersion);
      expect(row.user?.email ?? null).toBe(simEmail(row.uuid));
    }
  });

  it('a list row and a device read with other fields are both served warm afterwards (the cached rows merge)', async () => {
    const list = await harness.gql<{ devices: { nodes: Array<{ uuid: string }> } }>(
      `{ devices(first: 3, after: "${encodeCursor(59)}", source: EPMM) { nodes { uuid model user { email } } } }`,
    );
    const uuid = list.data!.devices.nodes[0].uuid;
    const devicePage = `query($uuid: String!) { device(uuid: $uuid) { uuid name status platform } }`;
    harness.proxy.clear();
    await harness.gql(devicePage, { uuid });
    expect(harness.searchFields()).toHaveLength(1);
    harness.proxy.clear();
    // The list page (served from its cached page, which re-caches its rows) and the device page again: no call.
    await harness.gql(
      `{ devices(first: 3, after: "${encodeCursor(59)}", source: EPMM) { nodes { uuid model user { email } } } }`,
    );
    const again = await harness.gql<{ device: Row & { name: string | null } }>(devicePage, { uuid });
    const both = await harness.gql<{ device: Row }>(
      `query($uuid: String!) { device(uuid: $uuid) { uuid model status user { email } } }`,
      { uuid },
    );
    expect(harness.searchFields()).toEqual([]);
    expect(again.data!.device.status).toBe(simDevice(uuid).status.replace(/ /g, '_'));
    expect(both.data!.device).toEqual({
      uuid,
      model: simDevice(uuid).model,
      status: simDevice(uuid).status.replace(/ /g, '_'),
      user: { email: simEmail(uuid) },
    });
  });

  it('PROJECTION=off asks for every field', async () => {
    const off = await startHarness(simulator, { PROJECTION: 'off' });
    try {
      const response = await off.gql(`{ devices(first: 3, source: EPMM) { nodes { uuid } } }`);
      expect(response.errors).toBeUndefined();
      expect(off.searchFields()).toEqual([[...EPMM_DEVICE_FIELDS]]);
    } finally {
      await off.close();
    }
  });
});
