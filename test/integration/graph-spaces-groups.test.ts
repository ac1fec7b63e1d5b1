// Device spaces (EPMM DS01/DS08) and Neurons groups end to end: GraphQL over HTTP -> gateway -> simulator,
// asserting data against the simulator's world and the exact upstream calls, cold and warm.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { neuronsDeviceId, neuronsWorld, partitionOf } from '../../src/simulator/neurons/world.js';
import { deviceGroupTest, deviceView } from '../../src/simulator/neurons/devices.js';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { startStack, type Stack } from '../helpers/stack.js';

const DS01 = 'GET /api/v2/device_spaces';
const DS08 = 'GET /msa/v2/policy/restrictions';
const SEARCH = 'GET /api/v2/devices';
const PARTITIONS = 'GET /neurons/api/v1/tenant/partition/device';
const USER_GROUPS = 'GET /neurons/api/v1/group';
const DEVICE_GROUPS = 'GET /neurons/api/v1/rule_group';
const DEVICE_GROUP = 'GET /neurons/api/v1/rule_group/:id';
const NG13 = 'GET /neurons/api/v1/device';
const NEURONS_DEVICE = 'GET /neurons/api/v1/device/:id';

interface SpaceNode {
  id: string;
  legacyId: number;
  name: string;
  criteria: string | null;
  priority: number | null;
  status: string | null;
  deviceCount: number | null;
  admins: string[] | null;
}

const SPACES = `query Spaces($first: Int, $after: String) {
  deviceSpaces(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id legacyId name criteria priority status deviceCount admins }
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

/** Calls made since the last reset, without the once-per-credential `/device_spaces/mine`. */
async function calls(): Promise<Record<string, number>> {
  const { byRoute } = await stack.upstreamStats();
  return Object.fromEntries(
    Object.entries(byRoute).filter(([route, count]) => count > 0 && route !== 'GET /api/v2/device_spaces/mine'),
  );
}

function adminsOf(spaceId: number): string[] {
  return world.admins.filter((admin) => admin.spaceIds.includes(spaceId)).map((admin) => admin.name);
}

describe('deviceSpaces', () => {
  it('lists every space by priority with DS01 fields, in one call, then none', async () => {
    const response = await stack.gql<{ deviceSpaces: { totalCount: number; nodes: SpaceNode[] } }>(SPACES, {
      first: 10,
    });
    expect(response.errors).toBeUndefined();
    const expected = [...world.spaces].sort((a, b) => a.priority - b.priority);
    const { deviceSpaces } = response.data!;
    expect(deviceSpaces.totalCount).toBe(expected.length);
    expect(deviceSpaces.nodes.map((node) => node.legacyId)).toEqual(expected.map((space) => space.id));
    for (const node of deviceSpaces.nodes) {
      const space = world.spaces.find((candidate) => candidate.id === node.legacyId)!;
      expect(node).toMatchObject({
        name: space.name,
        criteria: space.criteria,
        priority: space.priority,
        status: space.status,
        admins: adminsOf(space.id),
      });
      // EPMM counts a space's devices with those of the spaces below it (Global holds every device).
      const below = new Set(world.spaces.filter((other) => other.path.startsWith(space.path)).map((other) => other.id));
      expect(node.deviceCount).toBe(world.devices.filter((device) => below.has(device.spaceId)).length);
    }
    expect(await calls()).toEqual({ [DS01]: 1 });
    await stack.resetUpstreamStats();
    await stack.gql(SPACES, { first: 10 });
    expect(await calls()).toEqual({});
  });

  it('pages with cursors cut from the one cached list', async () => {
    const first = await stack.gql<{
      deviceSpaces: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: SpaceNode[] };
    }>(SPACES, { first: 2 });
    const second = await stack.gql<{ deviceSpaces: { pageInfo: { hasNextPage: boolean }; nodes: SpaceNode[] } }>(
      SPACES,
      { first: 2, after: first.data!.deviceSpaces.pageInfo.endCursor },
    );
    const ids = [...first.data!.deviceSpaces.nodes, ...second.data!.deviceSpaces.nodes].map((node) => node.legacyId);
    expect(ids).toEqual(
      [...world.spaces]
        .sort((a, b) => a.priority - b.priority)
        .slice(0, 4)
        .map((space) => space.id),
    );
    expect(first.data!.deviceSpaces.pageInfo.hasNextPage).toBe(world.spaces.length > 2);
  });

  it('reads one space with its policy restrictions and first devices', async () => {
    const emea = world.spaces.find((space) => space.name === 'EMEA')!;
    const list = await stack.gql<{ deviceSpaces: { nodes: SpaceNode[] } }>(SPACES, { first: 10 });
    const id = list.data!.deviceSpaces.nodes.find((node) => node.legacyId === emea.id)!.id;
    await stack.resetUpstreamStats();
    const query = `query One($id: ID!) { deviceSpace(id: $id) {
      name policyRestrictions { profileType creationAllowedInSpace overrideGlobalPolicies }
      devices(first: 5) { totalCount nodes { uuid deviceSpaceName } }
    } }`;
    const response = await stack.gql<{
      deviceSpace: {
        name: string;
        policyRestrictions: unknown[];
        devices: { totalCount: number; nodes: Array<{ uuid: string; deviceSpaceName: string }> };
      };
    }>(query, { id });
    expect(response.errors).toBeUndefined();
    const space = response.data!.deviceSpace;
    expect(space.name).toBe('EMEA');
    expect(space.policyRestrictions).toEqual([
      { profileType: 'PRIVACY', creationAllowedInSpace: false, overrideGlobalPolicies: false },
      { profileType: 'SECURITY', creationAllowedInSpace: false, overrideGlobalPolicies: false },
    ]);
    const inEmea = world.devices.filter((device) => device.spaceId === emea.id).sort((a, b) => a.id - b.id);
    expect(space.devices.totalCount).toBe(inEmea.length);
    expect(space.devices.nodes.map((node) => node.uuid)).toEqual(inEmea.slice(0, 5).map((device) => device.uuid));
    // DS01 is cached from the list above; DS08 once for the space, one device search.
    expect(await calls()).toEqual({ [DS08]: 1, [SEARCH]: 1 });
    await stack.resetUpstreamStats();
    await stack.gql(query, { id });
    expect(await calls()).toEqual({});
  });

  it("resolves node(id) of a space outside the viewer's own spaces from the DS01 list", async () => {
    const list = await stack.gql<{ deviceSpaces: { nodes: SpaceNode[] } }>(SPACES, { first: 10 });
    const americas = list.data!.deviceSpaces.nodes.find((node) => node.name === 'Americas')!;
    await stack.resetUpstreamStats();
    const response = await stack.gql<{ node: { __typename: string; name: string; legacyId: number } }>(
      'query N($id: ID!) { node(id: $id) { __typename ... on DeviceSpace { name legacyId } } }',
      { id: americas.id },
    );
    expect(response.data!.node).toEqual({ __typename: 'DeviceSpace', name: 'Americas', legacyId: americas.legacyId });
    expect(await calls()).toEqual({});
  });

  it("gives the viewer's own spaces the DS01 fields through the cached list", async () => {
    const response = await stack.gql<{
      viewer: { activeDeviceSpace: { name: string; priority: number; criteria: string } };
    }>('{ viewer { activeDeviceSpace { name priority criteria } } }', {}, 'emea');
    expect(response.errors).toBeUndefined();
    const emea = world.spaces.find((space) => space.name === 'EMEA')!;
    expect(response.data!.viewer.activeDeviceSpace).toEqual({
      name: 'EMEA',
      priority: emea.priority,
      criteria: emea.criteria,
    });
    expect(await calls()).toEqual({ [DS01]: 1 });
  });
});

interface GroupNode {
  id: string;
  legacyId: number;
  name: string;
  kind: 'USER_GROUP' | 'DEVICE_GROUP';
  static: boolean;
  definition: string | null;
  partitionName: string | null;
  memberCount: number | null;
}

const GROUPS = `query Groups($type: GroupKind, $search: String, $first: Int) {
  groups(type: $type, search: $search, first: $first) {
    totalCount
    nodes { id legacyId name kind static definition partitionName memberCount }
  }
}`;

describe('groups', () => {
  const neurons = () => neuronsWorld(world);
  const membersOf = (groupId: number): SimDevice[] => {
    const group = neurons().deviceGroups.get(groupId)!;
    return world.devices.filter(deviceGroupTest(deviceView(world, neurons()), group));
  };

  it("lists user groups and every partition's device groups, one NG10 per partition, then none", async () => {
    const response = await stack.gql<{ groups: { totalCount: number; nodes: GroupNode[] } }>(GROUPS, { first: 100 });
    expect(response.errors).toBeUndefined();
    // miadmin holds every partition: each one's device groups are listed.
    const partitions = neurons().partitions;
    const userGroups = [...neurons().userGroups.values()];
    const deviceGroups = [...neurons().deviceGroups.values()];
    const { groups } = response.data!;
    expect(groups.totalCount).toBe(userGroups.length + deviceGroups.length);
    expect(groups.nodes.filter((node) => node.kind === 'USER_GROUP').map((node) => node.name)).toEqual(
      userGroups.map((group) => group.name),
    );
    for (const group of deviceGroups) {
      const node = groups.nodes.find(
        (candidate) => candidate.kind === 'DEVICE_GROUP' && candidate.legacyId === group.id,
      )!;
      const partitionName = partitions.find((partition) => partition.id === group.partitionId)!.name;
      expect(node).toMatchObject({
        name: group.name,
        static: group.membershipStatic,
        definition: group.definition,
        partitionName,
        memberCount: membersOf(group.id).length,
      });
    }
    expect(await calls()).toEqual({ [PARTITIONS]: 1, [USER_GROUPS]: 1, [DEVICE_GROUPS]: partitions.length });
    await stack.resetUpstreamStats();
    await stack.gql(GROUPS, { first: 100 });
    expect(await calls()).toEqual({});
  });

  it('filters by kind and name', async () => {
    const response = await stack.gql<{ groups: { nodes: GroupNode[] } }>(GROUPS, {
      type: 'DEVICE_GROUP',
      search: 'ios',
    });
    // One built-in iOS group per partition, default partition first (the partition list's order).
    expect(response.data!.groups.nodes.map((node) => node.name)).toEqual(neurons().partitions.map(() => 'iOS Devices'));
    const users = await stack.gql<{ groups: { nodes: GroupNode[] } }>(GROUPS, { type: 'USER_GROUP' });
    expect(users.data!.groups.nodes.every((node) => node.kind === 'USER_GROUP' && node.memberCount === null)).toBe(
      true,
    );
  });

  it("pages a rule group's devices through NG13 with the group's rule", async () => {
    const list = await stack.gql<{ groups: { nodes: GroupNode[] } }>(GROUPS, {
      type: 'DEVICE_GROUP',
      search: 'iOS Devices',
    });
    const groupNode = list.data!.groups.nodes[0];
    await stack.resetUpstreamStats();
    const query = `query G($id: ID!) { group(id: $id) { name kind assignedPolicies { name } devices(first: 3) { totalCount nodes { id source uuid legacyId platform } } } }`;
    const response = await stack.gql<{
      group: {
        name: string;
        devices: {
          totalCount: number;
          nodes: Array<{ source: string; uuid: string; legacyId: number; platform: string }>;
        };
      };
    }>(query, { id: groupNode.id });
    expect(response.errors).toBeUndefined();
    const members = membersOf(groupNode.legacyId).sort((a, b) => a.id - b.id);
    expect(response.data!.group.devices.totalCount).toBe(members.length);
    expect(response.data!.group.devices.nodes).toEqual(
      members.slice(0, 3).map((device) =>
        expect.objectContaining({
          source: 'NEURONS',
          uuid: device.uuid,
          legacyId: neuronsDeviceId(device),
          platform: 'IOS',
        }),
      ),
    );
    // Partitions are cached per credential; NG11 for the group, NG13 for its page.
    expect(await calls()).toEqual({ [DEVICE_GROUP]: 1, [NG13]: 1 });
    await stack.resetUpstreamStats();
    await stack.gql(query, { id: groupNode.id });
    expect(await calls()).toEqual({});
  });

  it("reads a static group's members one device at a time", async () => {
    const list = await stack.gql<{ groups: { nodes: GroupNode[] } }>(GROUPS, {
      type: 'DEVICE_GROUP',
      search: 'Loaner',
    });
    const groupNode = list.data!.groups.nodes[0];
    expect(groupNode.static).toBe(true);
    await stack.resetUpstreamStats();
    const response = await stack.gql<{ node: { devices: { totalCount: number; nodes: Array<{ uuid: string }> } } }>(
      'query N($id: ID!) { node(id: $id) { ... on Group { devices { totalCount nodes { uuid } } } } }',
      { id: groupNode.id },
    );
    expect(response.errors).toBeUndefined();
    const members = [...neurons().deviceGroups.get(groupNode.legacyId)!.staticMembers].sort((a, b) => a - b);
    expect(response.data!.node.devices.totalCount).toBe(members.length);
    expect(response.data!.node.devices.nodes.map((node) => node.uuid)).toEqual(
      members.map((id) => world.devices.find((device) => neuronsDeviceId(device) === id)!.uuid),
    );
    expect(await calls()).toEqual({ [DEVICE_GROUP]: 1, [NEURONS_DEVICE]: members.length });
  });

  it('refuses the members of a user group as not supported by Neurons, keeping the rest', async () => {
    const users = await stack.gql<{ groups: { nodes: GroupNode[] } }>(GROUPS, {
      type: 'USER_GROUP',
      search: 'Managers',
    });
    const id = users.data!.groups.nodes[0].id;
    const response = await stack.gql<{ group: { name: string; devices: null } }>(
      'query G($id: ID!) { group(id: $id) { name devices { totalCount } } }',
      { id },
    );
    expect(response.data!.group).toEqual({ name: 'Managers', devices: null });
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['group', 'devices'],
        extensions: expect.objectContaining({ code: 'NOT_SUPPORTED_BY_SOURCE' }),
      }),
    ]);
  });
});

describe('Device.groups', () => {
  const DEVICE_GROUPS_QUERY = `query D($uuid: String!) { device(uuid: $uuid) { uuid groups { name kind partitionName } } }`;

  it("finds an EPMM device's Neurons groups by serial number and UUID", async () => {
    const neurons = neuronsWorld(world);
    // The last EMEA device with a serial number: not read by any earlier test, so its EPMM search is cold too.
    const device = world.devices.filter((candidate) => candidate.serialNumber && candidate.spaceId === 2).at(-1)!;
    const partition = partitionOf(neurons, device)!;
    const expected = [...neurons.deviceGroups.values()]
      .filter(
        (group) => group.partitionId === partition.id && deviceGroupTest(deviceView(world, neurons), group)(device),
      )
      .map((group) => ({ name: group.name, kind: 'DEVICE_GROUP', partitionName: partition.name }));
    const response = await stack.gql<{ device: { groups: unknown[] } }>(DEVICE_GROUPS_QUERY, { uuid: device.uuid });
    expect(response.errors).toBeUndefined();
    expect(response.data!.device.groups).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    // One device read, one NG13 search per visible partition, one detail read (the partition list is cached
    // per credential since the groups tests).
    expect(await calls()).toEqual({ [SEARCH]: 1, [NG13]: neurons.partitions.length, [NEURONS_DEVICE]: 1 });
    await stack.resetUpstreamStats();
    await stack.gql(DEVICE_GROUPS_QUERY, { uuid: device.uuid });
    expect(await calls()).toEqual({});
  });

  it('batches the groups of a page of devices into one search per partition', async () => {
    // As emea (one partition, a cold cache of its own): 20 EMEA devices.
    const response = await stack.gql<{
      devices: { nodes: Array<{ uuid: string; serialNumber: string | null; groups: Array<{ name: string }> | null }> };
    }>('{ devices(first: 20, source: EPMM) { nodes { uuid serialNumber groups { name } } } }', {}, 'emea');
    const neurons = neuronsWorld(world);
    const view = deviceView(world, neurons);
    const nodes = response.data!.devices.nodes;
    expect(nodes).toHaveLength(20);
    const linked = nodes.filter((node) => node.serialNumber !== null);
    expect(linked.length).toBeGreaterThan(0);
    for (const node of linked) {
      const device = world.devicesByUuid.get(node.uuid)!;
      const expected = [...neurons.deviceGroups.values()].filter(
        (group) => group.partitionId === partitionOf(neurons, device)!.id && deviceGroupTest(view, group)(device),
      );
      expect(node.groups!.map((group) => group.name)).toEqual(expected.map((group) => group.name));
    }
    // A device without a serial number cannot be found in Neurons: a located error, the rest of the page intact.
    const unlinkable = nodes.filter((node) => node.serialNumber === null);
    expect((response.errors ?? []).map((error) => [error.path, error.extensions?.code])).toEqual(
      unlinkable.map((node) => [['devices', 'nodes', nodes.indexOf(node), 'groups'], 'NOT_SUPPORTED_BY_SOURCE']),
    );
    // One EPMM page, the partition list, one NG13 search for all 20 serials, then one detail read per linked device.
    expect(await calls()).toEqual({ [SEARCH]: 1, [PARTITIONS]: 1, [NG13]: 1, [NEURONS_DEVICE]: linked.length });
  });

  it('answers NOT_SUPPORTED_BY_SOURCE with data for the rest when Neurons is off', async () => {
    const off = await startStack({ devices: 50, env: { NEURONS_URL: 'off' } });
    try {
      const device = off.simulator.world.devices[0];
      const response = await off.gql<{
        device: { uuid: string; groups: null };
        groups: null;
        deviceSpaces: { totalCount: number };
      }>(
        `query Q($uuid: String!) { device(uuid: $uuid) { uuid groups { name } } groups { totalCount } deviceSpaces { totalCount } }`,
        { uuid: device.uuid },
      );
      expect(response.data).toEqual({
        device: { uuid: device.uuid, groups: null },
        groups: null,
        deviceSpaces: { totalCount: off.simulator.world.spaces.length },
      });
      expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual(
        expect.arrayContaining([
          [['device', 'groups'], 'NOT_SUPPORTED_BY_SOURCE'],
          [['groups'], 'NOT_SUPPORTED_BY_SOURCE'],
        ]),
      );
      const { byRoute } = await off.upstreamStats();
      expect(Object.keys(byRoute).filter((route) => route.startsWith('GET /neurons') && byRoute[route] > 0)).toEqual(
        [],
      );
    } finally {
      await off.close();
    }
  });
});
