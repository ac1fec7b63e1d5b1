// The Device graph end to end: GraphQL over HTTP -> gateway -> simulator over HTTP, asserting the data
// against the simulator's own world and the number of upstream calls from its counters.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

const SEARCH = 'GET /api/v2/devices';
const MINE = 'GET /api/v2/device_spaces/mine';

interface DeviceNode {
  id: string;
  uuid: string;
  platform: string;
  status: string;
  lastCheckInAt: string | null;
  user: { principal: string; displayName: string | null; email: string | null } | null;
}
interface DevicesData {
  devices: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: DeviceNode[] };
}

const PAGE = `query Page($first: Int, $after: String, $filter: DeviceFilter, $orderBy: DeviceOrder) {
  devices(first: $first, after: $after, filter: $filter, orderBy: $orderBy, source: EPMM) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id uuid platform status lastCheckInAt user { principal displayName email } }
  }
}`;

let stack: Stack;
let world: Stack['simulator']['world'];

beforeAll(async () => {
  stack = await startStack({ devices: 300 });
  world = stack.simulator.world;
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

function spaceName(device: SimDevice): string {
  return world.spaces.find((space) => space.id === device.spaceId)!.name;
}

describe('devices connection', () => {
  it('pages through every device exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response: Awaited<ReturnType<typeof stack.gql<DevicesData>>> = await stack.gql<DevicesData>(PAGE, {
        first: 70,
        after,
      });
      expect(response.errors).toBeUndefined();
      const { devices } = response.data!;
      expect(devices.totalCount).toBe(world.devices.length);
      seen.push(...devices.nodes.map((node) => node.uuid));
      after = devices.pageInfo.hasNextPage ? devices.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(Math.ceil(world.devices.length / 70));
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(world.devices.map((device) => device.uuid)));
  });

  it('costs exactly one search call for a 50-device page with user fields', async () => {
    const response = await stack.gql<DevicesData>(
      PAGE,
      { first: 50, orderBy: { field: 'REGISTERED', direction: 'DESC' } },
      'helpdesk',
    );
    expect(response.data!.devices.nodes).toHaveLength(50);
    const first = response.data!.devices.nodes[0];
    const simDevice = world.devicesByUuid.get(first.uuid)!;
    const simUser = world.usersByUuid.get(simDevice.userUuid)!;
    expect(first.user).toEqual({ principal: simUser.userId, displayName: simUser.displayName, email: simUser.email });
    const stats = await stack.upstreamStats();
    expect(stats.byRoute[SEARCH]).toBe(1);
    // helpdesk's first request also proves the credentials and finds the device space, once.
    expect(stats.byRoute[MINE]).toBe(1);
    expect(stats.total).toBe(2);
  });

  it('serves a repeated page from the shared cache', async () => {
    await stack.gql(PAGE, { first: 25 });
    await stack.resetUpstreamStats();
    const again = await stack.gql<DevicesData>(PAGE, { first: 25 });
    expect(again.data!.devices.nodes).toHaveLength(25);
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('orders by last check-in, newest first', async () => {
    const response = await stack.gql<DevicesData>(PAGE, {
      first: 100,
      orderBy: { field: 'LAST_CHECK_IN', direction: 'DESC' },
    });
    const times = response.data!.devices.nodes.map((node) => node.lastCheckInAt!);
    expect(times).toEqual([...times].sort().reverse());
    const newest = [...world.devices].sort((a, b) => b.lastCheckinAt.localeCompare(a.lastCheckinAt))[0];
    expect(response.data!.devices.nodes[0].lastCheckInAt).toBe(new Date(newest.lastCheckinAt).toISOString());
  });
});

describe('device filters match the simulated fleet', () => {
  const cases: Array<[string, Record<string, unknown>, (device: SimDevice) => boolean]> = [
    ['platform', { platform: ['ANDROID', 'IOS'] }, (d) => d.platform === 'Android' || d.platform === 'iOS'],
    ['status', { status: ['RETIRED'] }, (d) => d.status === 'RETIRED'],
    ['compliant', { compliant: false }, (d) => d.noncomplianceReasons.length > 0],
    ['quarantined', { quarantined: true }, (d) => d.quarantined],
    ['compromised', { compromised: true }, (d) => d.compromised],
    ['ownership', { ownership: 'EMPLOYEE' }, (d) => d.ownership === 'EMPLOYEE'],
    ['manufacturer', { manufacturer: 'apple' }, (d) => d.manufacturer.toLowerCase() === 'apple'],
    ['deviceSpaceName', { deviceSpaceName: 'EMEA' }, (d) => spaceName(d) === 'EMEA'],
    [
      'lastCheckInAfter',
      { lastCheckInAfter: '2026-10-25T00:00:00Z' },
      (d) => d.lastCheckinAt > '2026-10-25T00:00:00.000Z',
    ],
    [
      'platform AND compliant',
      { platform: ['WINDOWS'], compliant: true },
      (d) => d.platform === 'Windows' && d.noncomplianceReasons.length === 0,
    ],
    [
      'raw query with OR, beside a condition',
      { compliant: false, query: '"common.platform" = "iOS" or manufacturer starts with "Zeb"' },
      (d) => d.noncomplianceReasons.length > 0 && (d.platform === 'iOS' || d.manufacturer.startsWith('Zeb')),
    ],
  ];

  it.each(cases)('%s', async (_name, filter, expected) => {
    const response = await stack.gql<DevicesData>(PAGE, { first: 200, filter });
    expect(response.errors).toBeUndefined();
    const want = world.devices
      .filter(expected)
      .map((device) => device.uuid)
      .sort();
    expect(want.length).toBeGreaterThan(0);
    expect(response.data!.devices.totalCount).toBe(want.length);
    if (want.length <= 200) expect(response.data!.devices.nodes.map((node) => node.uuid).sort()).toEqual(want);
  });

  it('filters by user principal and e-mail', async () => {
    const device = world.devices[5];
    const user = world.usersByUuid.get(device.userUuid)!;
    const owned = world.devices
      .filter((candidate) => candidate.userUuid === user.uuid)
      .map((candidate) => candidate.uuid)
      .sort();
    for (const filter of [{ userPrincipal: user.userId }, { userEmail: user.email }]) {
      const response = await stack.gql<DevicesData>(PAGE, { first: 50, filter });
      expect(response.data!.devices.nodes.map((node) => node.uuid).sort()).toEqual(owned);
    }
  });

  it('filters by label alone', async () => {
    const label = world.labels.find((candidate) => candidate.name === 'Company-Owned')!;
    const response = await stack.gql<DevicesData>(PAGE, {
      first: 200,
      filter: { labelId: encodeId('Label', 'EPMM', String(label.id)) },
    });
    expect(response.data!.devices.totalCount).toBe(
      world.devices.filter((device) => device.labelIds.has(label.id)).length,
    );
  });

  it('a filter value cannot change the query: quotes and operators in a value match nothing', async () => {
    const response = await stack.gql<DevicesData>(PAGE, {
      first: 10,
      filter: { userPrincipal: 'x" OR "common.uuid" != "' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.devices.totalCount).toBe(0);
  });

  it('refuses a raw query that does not parse, before any search', async () => {
    const response = await stack.gql<DevicesData>(PAGE, { first: 10, filter: { query: '"common.model" = "x" OR 1' } });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.upstreamStats()).byRoute[SEARCH]).toBeUndefined();
  });

  it('rejects labelId with other conditions (EPMM would answer an empty page) before any search', async () => {
    const response = await stack.gql<DevicesData>(PAGE, { first: 10, filter: { labelId: 1, compliant: true } });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.upstreamStats()).byRoute[SEARCH]).toBeUndefined();
  });
});

describe('bad input', () => {
  it.each([
    ['a forged cursor', { first: 5, after: 'bm9wZQ' }],
    ['first above the cap', { first: 5000 }],
    ['negative first', { first: -1 }],
  ])('%s is BAD_USER_INPUT with no search call', async (_name, variables) => {
    const response = await stack.gql(PAGE, variables);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.upstreamStats()).byRoute[SEARCH]).toBeUndefined();
  });

  it('a malformed DateTime is rejected by the schema', async () => {
    const response = await stack.gql(PAGE, { first: 5, filter: { lastCheckInAfter: 'yesterday' } });
    expect(response.errors?.[0].message).toMatch(/DateTime/);
  });
});

describe('node refetch and batching', () => {
  it('refetches a device by its global id', async () => {
    const page = await stack.gql<DevicesData>(PAGE, { first: 3 });
    const target = page.data!.devices.nodes[2];
    const response = await stack.gql<{ node: { uuid: string; platform: string } }>(
      `query($id: ID!) { node(id: $id) { ... on Device { uuid platform } } }`,
      { id: target.id },
    );
    expect(response.data!.node).toEqual({ uuid: target.uuid, platform: target.platform });
  });

  it('nodes(20 ids) on a cold cache costs the minimum: ceil(20 / 4) searches, as 4 uuids fill the 255-character query', async () => {
    const page = await stack.gql<DevicesData>(PAGE, { first: 20, after: null, orderBy: { field: 'MODEL' } });
    const ids = page.data!.devices.nodes.map((node) => node.id);
    await stack.resetUpstreamStats();
    // `viewer` has its own cache scope, so miadmin's warm entries do not help it: this is the cold path.
    const response = await stack.gql<{ nodes: Array<{ uuid: string } | null> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { uuid } } }`,
      { ids },
      'viewer',
    );
    expect(response.data!.nodes.map((node) => node?.uuid)).toEqual(page.data!.devices.nodes.map((node) => node.uuid));
    expect((await stack.upstreamStats()).byRoute[SEARCH]).toBe(5);
  });

  it('nodes(20 ids) right after listing them costs no upstream call', async () => {
    const page = await stack.gql<DevicesData>(PAGE, { first: 20, orderBy: { field: 'OS_VERSION' } });
    await stack.resetUpstreamStats();
    const response = await stack.gql<{ nodes: Array<{ uuid: string } | null> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { uuid } } }`,
      {
        ids: page.data!.devices.nodes.map((node) => node.id),
      },
    );
    expect(response.data!.nodes).toHaveLength(20);
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('device(uuid) returns null for an unknown device', async () => {
    const response = await stack.gql<{ device: null }>(
      `{ device(uuid: "00000000-0000-4000-8000-000000000000") { uuid } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.device).toBeNull();
  });

  it('reads details with nulls, and battery statistics for Android on request', async () => {
    const android = world.devices.find((device) => device.platform === 'Android')!;
    const query = `query($uuid: String!) { device(uuid: $uuid) { details(includeBatteryStats: true) { name value } plain: details { name } } }`;
    const response = await stack.gql<{
      device: { details: Array<{ name: string; value: string | null }>; plain: Array<{ name: string }> };
    }>(query, { uuid: android.uuid });
    const { details, plain } = response.data!.device;
    expect(details.find((entry) => entry.name === 'common.uuid')?.value).toBe(android.uuid);
    expect(details.some((entry) => entry.value === null)).toBe(true);
    expect(details.some((entry) => entry.name.startsWith('android.battery_'))).toBe(true);
    expect(plain.some((entry) => entry.name.startsWith('android.battery_'))).toBe(false);
  });
});

describe('authentication, roles and device spaces', () => {
  it('refuses a request without credentials with 401', async () => {
    const response = await stack.gql(`{ viewer { name } }`, undefined, null);
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data).toBeUndefined();
  });

  it('refuses wrong credentials with 401', async () => {
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from('miadmin:wrong').toString('base64')}`,
      },
      body: JSON.stringify({ query: '{ viewer { name } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('maps an upstream 403 to FORBIDDEN', async () => {
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ route: SEARCH, status: 403, times: 1 }] }),
    });
    const response = await stack.gql(PAGE, { first: 7 });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(response.errors?.[0].path).toEqual(['devices']);
  });

  it('the simulator itself answers 403 to a space the admin does not have', async () => {
    const response = await fetch(
      `${stack.simulator.url}/api/v2/devices?adminDeviceSpaceId=1&fields=common.uuid&query=`,
      {
        headers: { authorization: `Basic ${Buffer.from('emea:emea').toString('base64')}` },
      },
    );
    expect(response.status).toBe(403);
  });

  it('emea sees only EMEA devices, also for ids that miadmin has cached', async () => {
    const all = await stack.gql<DevicesData>(PAGE, { first: 200 });
    const emea = await stack.gql<DevicesData>(PAGE, { first: 200 }, 'emea');
    const emeaUuids = world.devices.filter((device) => spaceName(device) === 'EMEA').map((device) => device.uuid);
    expect(emea.data!.devices.totalCount).toBe(emeaUuids.length);
    expect(emea.data!.devices.nodes.every((node) => emeaUuids.includes(node.uuid))).toBe(true);

    const outside = all.data!.devices.nodes.filter((node) => !emeaUuids.includes(node.uuid)).slice(0, 5);
    expect(outside.length).toBe(5);
    const refetch = await stack.gql<{ nodes: Array<{ uuid: string } | null> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { uuid } } }`,
      { ids: outside.map((node) => node.id) },
      'emea',
    );
    expect(refetch.data!.nodes).toEqual([null, null, null, null, null]);
  });

  it('viewer reports the admin and their device spaces', async () => {
    const response = await stack.gql<{
      viewer: {
        name: string;
        deviceSpaces: Array<{ name: string; legacyId: number }>;
        activeDeviceSpace: { name: string };
      };
    }>(`{ viewer { name deviceSpaces { name legacyId } activeDeviceSpace { name } } }`, undefined, 'emea');
    expect(response.data!.viewer).toEqual({
      name: 'emea',
      deviceSpaces: [{ name: 'EMEA', legacyId: 2 }],
      activeDeviceSpace: { name: 'EMEA' },
    });
  });
});

describe('deviceSearchFields', () => {
  it('lists EPMM search fields with query names', async () => {
    const response = await stack.gql<{ deviceSearchFields: Array<{ name: string; queryName: string; type: string }> }>(
      `{ deviceSearchFields { name queryName type } }`,
    );
    const uuid = response.data!.deviceSearchFields.find((field) => field.name === 'uuid');
    expect(uuid).toEqual({ name: 'uuid', queryName: 'common.uuid', type: 'STRING' });
    expect(response.data!.deviceSearchFields.some((field) => field.queryName === 'user.display_name')).toBe(true);
  });
});
