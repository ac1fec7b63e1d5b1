// Neurons reads span every partition the caller holds: `devices(source: NEURONS)` merges one NG13 search per
// partition per page under cursors that carry each partition's position, groups list every partition's device
// groups, a Neurons device's `deviceSpace` is its partition, and node refetch reads in the partition the id names.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { encodeId } from '../../src/ids.js';
import { neuronsDeviceId, neuronsWorld, partitionOf } from '../../src/simulator/neurons/world.js';
import { startStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';

const SEARCH = 'GET /neurons/api/v1/device';
const DEVICE_READ = 'GET /neurons/api/v1/device/:id';
const PARTITIONS = 'GET /neurons/api/v1/tenant/partition/device';
const DEFAULT_SPACE = 23504;
const EMEA_SPACE = 23505;
const AMERICAS_SPACE = 23506;
const EVERY_SPACE = [DEFAULT_SPACE, EMEA_SPACE, AMERICAS_SPACE];

interface Node {
  id: string;
  legacyId: number;
  name: string;
  deviceSpace: { id: string; legacyId: number; name: string } | null;
}
interface Connection {
  totalCount: number;
  edges: Array<{ cursor: string; node: Node }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface Page {
  devices: Connection;
}
const DEVICES = `query($first: Int, $after: String, $orderBy: DeviceOrder) {
  devices(source: NEURONS, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id legacyId name deviceSpace { id legacyId name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let stack: Stack;

/** The Neurons devices an admin may see in the simulator (in the partitions they hold): Neurons id → partition. */
function visibleFleet(admin: string): Map<number, number> {
  const neurons = neuronsWorld(stack.simulator.world);
  const held = neurons.tenantAdmins.get(admin)!.partitionIds;
  const fleet = new Map<number, number>();
  for (const device of stack.simulator.world.devices) {
    const partition = partitionOf(neurons, device);
    if (partition && held.includes(partition.id)) fleet.set(neuronsDeviceId(device), partition.id);
  }
  return fleet;
}

/** Neurons calls since the last reset, by route. */
async function neuronsCalls(): Promise<Record<string, number>> {
  const { byRoute } = await stack.upstreamStats();
  const made = Object.entries(byRoute).filter(([route, count]) => count > 0 && route.includes(' /neurons/'));
  return Object.fromEntries(made);
}

interface Walk {
  nodes: Node[];
  totals: number[];
  calls: Array<Record<string, number>>;
}

/** Pages `devices(source: NEURONS, first: 100)` to the end, recording each page's Neurons calls. */
async function pageToEnd(as: string, variables: Record<string, unknown> = {}): Promise<Walk> {
  const walk: Walk = { nodes: [], totals: [], calls: [] };
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    await stack.resetUpstreamStats();
    const response: GraphQLResponse<Page> = await stack.gql<Page>(DEVICES, { first: 100, after, ...variables }, as);
    expect(response.errors).toBeUndefined();
    const connection: Connection = response.data!.devices;
    walk.calls.push(await neuronsCalls());
    walk.nodes.push(...connection.edges.map((edge) => edge.node));
    walk.totals.push(connection.totalCount);
    if (!connection.pageInfo.hasNextPage) return walk;
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)!.cursor);
    after = connection.pageInfo.endCursor;
  }
  throw new Error('the connection did not end');
}

const countIn = (fleet: Map<number, number>, space: number) =>
  [...fleet.values()].filter((held) => held === space).length;
const ascending = (ids: number[]) => [...ids].sort((a, b) => a - b);

beforeAll(async () => {
  // Seed 3: the reported fleet (Default Space 220, EMEA Space 362, Americas Space 418).
  stack = await startStack({ devices: 1000, seed: 3 });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

describe('the simulator scopes Neurons partitions per tenant admin', () => {
  const get = async (path: string, user: string) => {
    const headers = { authorization: basicAuthorization(user, user) };
    const response = await fetch(`${stack.simulator.url}/neurons${path}`, { headers });
    const body = (await response.json()) as { errors: unknown; result: Record<string, unknown> | null };
    return { status: response.status, body };
  };

  it('serves GET /api/v1/metadata/tenant with the partitions the admin holds, as the partition list does', async () => {
    const all = await get('/api/v1/metadata/tenant', 'miadmin');
    expect(all.status).toBe(200);
    expect(all.body.result).toMatchObject({ defaultDmPartitionId: DEFAULT_SPACE });
    const listed = all.body.result!.dmPartitions as Array<{ id: number }>;
    expect(listed.map((partition) => partition.id)).toEqual(EVERY_SPACE);
    const emea = await get('/api/v1/metadata/tenant', 'emea');
    // emea does not hold the default partition: no id it could not use.
    expect(emea.body.result).toMatchObject({
      defaultDmPartitionId: null,
      dmPartitions: [{ id: EMEA_SPACE, name: 'EMEA Space', defaultPartition: false }],
    });
    expect((await get('/api/v1/metadata/tenant', 'helpdesk')).status).toBe(403);
  });

  it('answers emea its partition only: another partition is 403, not devices', async () => {
    const own = await get(`/api/v1/device?dmPartitionId=${EMEA_SPACE}&rows=1&start=0`, 'emea');
    expect(own.body.result).toMatchObject({ totalCount: visibleFleet('emea').size });
    expect((await get(`/api/v1/device?dmPartitionId=${DEFAULT_SPACE}&rows=1&start=0`, 'emea')).status).toBe(403);
    expect((await get(`/api/v1/device?dmPartitionId=${AMERICAS_SPACE}&rows=1&start=0`, 'emea')).status).toBe(403);
  });
});

describe('devices(source: NEURONS) across partitions', () => {
  it('pages a three-partition admin to the end: each device once, totalCount their number, P searches', async () => {
    const fleet = visibleFleet('miadmin');
    expect(fleet.size).toBe(1000);
    expect(EVERY_SPACE.map((space) => countIn(fleet, space))).toEqual([220, 362, 418]);
    const { nodes, totals, calls } = await pageToEnd('miadmin');
    const ids = nodes.map((node) => node.legacyId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(fleet.size);
    expect(new Set(ids)).toEqual(new Set(fleet.keys()));
    expect(new Set(totals)).toEqual(new Set([fleet.size]));
    // No order asked: the immutable id, over every partition.
    expect(ids).toEqual(ascending(ids));
    expect(nodes.map((node) => node.deviceSpace?.legacyId)).toEqual(ids.map((id) => fleet.get(id)));
    const americas = nodes.find((node) => node.deviceSpace?.legacyId === AMERICAS_SPACE)!;
    expect(americas.deviceSpace!.name).toBe('Americas Space');
    expect(calls.length).toBe(10);
    // Page 1: the credential's partition list and one search per partition; then at most one search per partition.
    expect(calls[0]).toEqual({ [PARTITIONS]: 1, [SEARCH]: 3 });
    for (const page of calls.slice(1)) {
      expect(Object.keys(page).filter((route) => route !== SEARCH)).toEqual([]);
      expect(page[SEARCH] ?? 0).toBeLessThanOrEqual(3);
    }
  });

  it('merges under an order too, globally sorted, with no repeats', async () => {
    const fleet = visibleFleet('miadmin');
    const { nodes } = await pageToEnd('miadmin', { orderBy: { field: 'NAME', direction: 'DESC' } });
    const ids = nodes.map((node) => node.legacyId);
    expect(new Set(ids).size).toBe(fleet.size);
    expect(ids.length).toBe(fleet.size);
    const collator = new Intl.Collator('en', { sensitivity: 'base' });
    for (let index = 1; index < nodes.length; index += 1) {
      expect(collator.compare(nodes[index - 1].name, nodes[index].name)).toBeGreaterThanOrEqual(0);
    }
  });

  it('lists emea its one partition only, fewer than the tenant admin', async () => {
    const fleet = visibleFleet('emea');
    const { nodes, totals, calls } = await pageToEnd('emea');
    expect(ascending(nodes.map((node) => node.legacyId))).toEqual(ascending([...fleet.keys()]));
    expect(new Set(totals)).toEqual(new Set([fleet.size]));
    expect(fleet.size).toBe(362);
    expect(fleet.size).toBeLessThan(visibleFleet('miadmin').size);
    expect(new Set(nodes.map((node) => node.deviceSpace?.legacyId))).toEqual(new Set([EMEA_SPACE]));
    expect(calls[0]).toEqual({ [PARTITIONS]: 1, [SEARCH]: 1 });
  });

  it('refuses a cursor made under another order, for other partitions, or forged', async () => {
    const first = await stack.gql<Page>(DEVICES, { first: 5 }, 'miadmin');
    const cursor = first.data!.devices.pageInfo.endCursor!;
    const codeOf = async (variables: Record<string, unknown>, as = 'miadmin') =>
      (await stack.gql<Page>(DEVICES, { first: 5, ...variables }, as)).errors?.[0]?.extensions?.code;
    expect(await codeOf({ after: cursor, orderBy: { field: 'NAME' } })).toBe('BAD_USER_INPUT');
    expect(await codeOf({ after: cursor }, 'emea')).toBe('BAD_USER_INPUT');
    const onePartition = Buffer.from('neurons-partitions:v1:id.ASC:23504.5', 'utf8').toString('base64url');
    expect(await codeOf({ after: onePartition })).toBe('BAD_USER_INPUT');
    expect(await codeOf({ after: 'b2Zmc2V0OjQ' })).toBe('BAD_USER_INPUT');
    // The next page continues exactly after the cursor.
    const next = await stack.gql<Page>(DEVICES, { first: 5, after: cursor }, 'miadmin');
    const both = await stack.gql<Page>(DEVICES, { first: 10 }, 'miadmin');
    const paged = [...first.data!.devices.edges, ...next.data!.devices.edges];
    expect(paged.map((edge) => edge.node.id)).toEqual(both.data!.devices.edges.map((edge) => edge.node.id));
  });
});

describe('groups, node refetch and partitions as device spaces', () => {
  interface Groups {
    groups: { totalCount: number; nodes: Array<{ id: string; name: string }> };
  }

  it('lists the device groups of every partition the caller holds', async () => {
    const query = `{ groups(type: DEVICE_GROUP, first: 100) { totalCount nodes { id name partitionName } } }`;
    const partitionOfGroup = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[3]);
    const neurons = neuronsWorld(stack.simulator.world);
    const all = await stack.gql<Groups>(query, {}, 'miadmin');
    expect(all.errors).toBeUndefined();
    expect(all.data!.groups.totalCount).toBe(neurons.deviceGroups.size);
    expect(new Set(all.data!.groups.nodes.map((group) => partitionOfGroup(group.id)))).toEqual(new Set(EVERY_SPACE));
    const emea = await stack.gql<Groups>(query, {}, 'emea');
    expect(new Set(emea.data!.groups.nodes.map((group) => partitionOfGroup(group.id)))).toEqual(new Set([EMEA_SPACE]));
    const emeaGroups = [...neurons.deviceGroups.values()].filter((group) => group.partitionId === EMEA_SPACE);
    expect(emea.data!.groups.totalCount).toBe(emeaGroups.length);
  });

  it('reads a non-default partition device back by id, in that partition, its partition as deviceSpace', async () => {
    const fleet = visibleFleet('miadmin');
    const legacyId = [...fleet.entries()].find(([, partition]) => partition === AMERICAS_SPACE)![0];
    const id = encodeId('Device', 'NEURONS', `${AMERICAS_SPACE}:${legacyId}`);
    await stack.gql(`{ viewer { name } }`, {}, 'miadmin');
    await stack.resetUpstreamStats();
    const query = `query($id: ID!) { node(id: $id) { ... on Device {
      id legacyId deviceSpace { id legacyId name priority deviceCount criteria policyRestrictions { profileType } }
    } } }`;
    type Refetched = { node: { id: string; legacyId: number; deviceSpace: Record<string, unknown> } };
    const response = await stack.gql<Refetched>(query, { id }, 'miadmin');
    expect(response.errors).toBeUndefined();
    const { partitions } = neuronsWorld(stack.simulator.world);
    const americas = partitions.find((partition) => partition.id === AMERICAS_SPACE)!;
    expect(response.data!.node).toEqual({
      id,
      legacyId,
      deviceSpace: {
        id: encodeId('DeviceSpace', 'NEURONS', String(AMERICAS_SPACE)),
        legacyId: AMERICAS_SPACE,
        name: 'Americas Space',
        priority: americas.priority,
        deviceCount: countIn(fleet, AMERICAS_SPACE),
        criteria: null,
        policyRestrictions: null,
      },
    });
    // One device read in the id's partition; the partition list was cached by the earlier requests; no EPMM space read.
    expect(await neuronsCalls()).toEqual({ [DEVICE_READ]: 1 });
    expect((await stack.upstreamStats()).byRoute['GET /api/v2/device_spaces'] ?? 0).toBe(0);
    // emea does not hold that partition: null, before any device read.
    await stack.resetUpstreamStats();
    const hidden = await stack.gql<{ node: null }>(query, { id }, 'emea');
    expect(hidden.data!.node).toBeNull();
    expect((await neuronsCalls())[DEVICE_READ]).toBeUndefined();
  });

  it('reads a partition back as a DeviceSpace by its id, and pages its devices', async () => {
    const spaceId = encodeId('DeviceSpace', 'NEURONS', String(EMEA_SPACE));
    const query = `query($id: ID!) { node(id: $id) { __typename ... on DeviceSpace {
      id name devices(first: 5) { totalCount nodes { legacyId } }
    } } }`;
    type Devices = { totalCount: number; nodes: Array<{ legacyId: number }> };
    type Space = { node: { __typename: string; id: string; name: string; devices: Devices } };
    const response = await stack.gql<Space>(query, { id: spaceId }, 'emea');
    expect(response.errors).toBeUndefined();
    const emeaFleet = visibleFleet('emea');
    expect(response.data!.node).toMatchObject({
      __typename: 'DeviceSpace',
      id: spaceId,
      name: 'EMEA Space',
      devices: { totalCount: emeaFleet.size },
    });
    for (const node of response.data!.node.devices.nodes) expect(emeaFleet.has(node.legacyId)).toBe(true);
    const defaultSpace = encodeId('DeviceSpace', 'NEURONS', String(DEFAULT_SPACE));
    const byId = `query($id: ID!) { deviceSpace(id: $id) { id } }`;
    const other = await stack.gql<{ deviceSpace: null }>(byId, { id: defaultSpace }, 'emea');
    expect(other.data!.deviceSpace).toBeNull();
  });
});
