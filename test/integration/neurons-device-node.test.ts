// Neurons devices as nodes: the global id carries the partition and numeric id Neurons reads a device by, `node` /
// `nodes` read it back through the cached detail loader, and every Device field Neurons cannot serve answers null
// without an error or an EPMM call (the EPMM twin shares the UUID and would otherwise answer).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSchema, getNamedType, isLeafType, isNonNullType, type GraphQLObjectType } from 'graphql';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeId } from '../../src/ids.js';
import { deviceByNeuronsId, neuronsWorld, partitionOf } from '../../src/simulator/neurons/world.js';
import { deviceGroupTest, deviceRecord, deviceView } from '../../src/simulator/neurons/devices.js';
import { startStack, type Stack } from '../helpers/stack.js';

const NEURONS_DEVICE = 'GET /neurons/api/v1/device/:id';
// `deviceSpace` is not among them: a Neurons device's space is its partition (test/integration/neurons-partitions.test.ts).
const EPMM_ONLY = [
  'activeSync',
  'alerts',
  'appCompliance',
  'appSettings',
  'battery',
  'complianceState',
  'labels',
  'policies',
  'profiles',
  'ruleCompliance',
  'simDetails',
];

interface DeviceNode {
  id: string;
  source: 'EPMM' | 'NEURONS';
  uuid: string;
  legacyId: number | null;
  name: string | null;
  serialNumber: string | null;
}
const DEVICE = 'id source uuid legacyId name serialNumber';

let stack: Stack;
let merged: DeviceNode[];

/** Calls since the last reset, by route, split by MDM. */
async function calls(): Promise<{ epmm: Record<string, number>; neurons: Record<string, number> }> {
  const { byRoute } = await stack.upstreamStats();
  const made = Object.entries(byRoute).filter(([, count]) => count > 0);
  return {
    epmm: Object.fromEntries(made.filter(([route]) => !route.includes(' /neurons/'))),
    neurons: Object.fromEntries(made.filter(([route]) => route.includes(' /neurons/'))),
  };
}

/** Every field of Device from the SDL, each with the least selection it takes: a new EPMM-only field is covered at once. */
function everyDeviceField(): { names: string[]; selection: string } {
  const dir = join(import.meta.dirname, '../../schema');
  const sdl = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
  const device = buildSchema(sdl, { assumeValidSDL: true }).getType('Device') as GraphQLObjectType;
  const fields = Object.values(device.getFields());
  for (const field of fields)
    expect(
      field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined),
      field.name,
    ).toEqual([]);
  return {
    names: fields.map((field) => field.name),
    selection: fields
      .map((field) => (isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`))
      .join(' '),
  };
}

beforeAll(async () => {
  stack = await startStack({ devices: 120, seed: 23 });
  // Both records of every device: the default list shows a twin once, under its EPMM id (docs/data-loading.md,
  // "One device, one row"), so each MDM's list is read on its own.
  const response = await stack.gql<{ epmm: { nodes: DeviceNode[] }; neurons: { nodes: DeviceNode[] } }>(
    `{ epmm: devices(first: 200, source: EPMM) { nodes { ${DEVICE} } } neurons: devices(first: 200, source: NEURONS) { nodes { ${DEVICE} } } }`,
  );
  expect(response.errors).toBeUndefined();
  merged = [...response.data!.epmm.nodes, ...response.data!.neurons.nodes];
  expect(merged.filter((node) => node.source === 'NEURONS').length).toBeGreaterThan(10);
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

/** The partition in a Neurons device id (ids are opaque to clients; the test checks the gateway's own format). */
const partitionOfId = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[2];
const neuronsNodes = () => merged.filter((node) => node.source === 'NEURONS');

describe('node(id) for a Neurons device', () => {
  it('reads a device from the merged list back by its id with one Neurons read, then none', async () => {
    const listed = neuronsNodes()[0];
    const twin = merged.find((node) => node.source === 'EPMM' && node.uuid === listed.uuid);
    // The fleets overlap: the EPMM twin has the same UUID but its own id.
    expect(twin?.id).not.toBe(listed.id);
    const query = `query($id: ID!) { node(id: $id) { __typename ... on Device { ${DEVICE} } } }`;
    const response = await stack.gql<{ node: DeviceNode & { __typename: string } }>(query, { id: listed.id });
    expect(response.errors).toBeUndefined();
    expect(response.data!.node).toEqual({ __typename: 'Device', ...listed });
    expect(await calls()).toEqual({ epmm: {}, neurons: { [NEURONS_DEVICE]: 1 } });
    await stack.resetUpstreamStats();
    await stack.gql(query, { id: listed.id });
    expect(await calls()).toEqual({ epmm: {}, neurons: {} });
  });

  it('reads several with nodes(ids), one detail read per device not yet read, in order with EPMM ones', async () => {
    const picked = [
      neuronsNodes()[1],
      merged.find((node) => node.source === 'EPMM')!,
      neuronsNodes()[2],
      neuronsNodes()[3],
    ];
    const response = await stack.gql<{ nodes: DeviceNode[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { ${DEVICE} } } }`,
      { ids: picked.map((node) => node.id) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.nodes).toEqual(picked);
    // The EPMM device was listed (cached by uuid); the three Neurons devices are three detail reads.
    expect(await calls()).toEqual({ epmm: {}, neurons: { [NEURONS_DEVICE]: 3 } });
  });

  it('answers a forged key BAD_USER_INPUT and an unknown or hidden partition null, without any upstream call', async () => {
    const known = neuronsNodes()[0];
    for (const key of [known.uuid, String(known.legacyId), `23504:${known.legacyId}x`, `x:${known.legacyId}`]) {
      const response = await stack.gql(`query($id: ID!) { node(id: $id) { id } }`, {
        id: encodeId('Device', 'NEURONS', key),
      });
      expect(
        response.errors?.map((error) => error.extensions?.code),
        key,
      ).toEqual(['BAD_USER_INPUT']);
    }
    const unknownPartition = encodeId('Device', 'NEURONS', `99999:${known.legacyId}`);
    const unknown = await stack.gql<{ node: null }>(`query($id: ID!) { node(id: $id) { id } }`, {
      id: unknownPartition,
    });
    expect(unknown).toMatchObject({ data: { node: null } });
    expect(unknown.errors).toBeUndefined();
    expect(await calls()).toEqual({ epmm: {}, neurons: {} });
    // emea sees partition 23505 only: a device id in another partition is null for them, before any device read.
    const hidden = neuronsNodes().find((node) => partitionOfId(node.id) !== '23505')!;
    expect(hidden).toBeDefined();
    await stack.gql(`{ viewer { name } }`, {}, 'emea');
    await stack.gql(`{ groups(type: DEVICE_GROUP) { totalCount } }`, {}, 'emea');
    await stack.resetUpstreamStats();
    const refused = await stack.gql<{ node: null }>(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: hidden.id },
      'emea',
    );
    expect(refused.data).toEqual({ node: null });
    expect(await calls()).toEqual({ epmm: {}, neurons: {} });
  });

  it('answers null for a device id Neurons does not know, after one read', async () => {
    const known = neuronsNodes()[0];
    const response = await stack.gql<{ node: null }>(`query($id: ID!) { node(id: $id) { id } }`, {
      id: encodeId('Device', 'NEURONS', `${partitionOfId(known.id)}:424242424`),
    });
    expect(response).toMatchObject({ data: { node: null } });
    expect(await calls()).toEqual({ epmm: {}, neurons: { [NEURONS_DEVICE]: 1 } });
  });
});

describe('Device fields on a Neurons device', () => {
  // Not applicable is not an error (docs/data-loading.md, "One device, one row"): null, no error, no EPMM call.
  it('answers an EPMM-only field null without an error, the rest present, with no EPMM call', async () => {
    const listed = neuronsNodes()[4];
    const response = await stack.gql<{ node: Record<string, unknown> }>(
      `query($id: ID!) { node(id: $id) { ... on Device { name serialNumber appCompliance { appName } labels { name } } } }`,
      { id: listed.id },
    );
    expect(response.data!.node).toEqual({
      name: listed.name,
      serialNumber: listed.serialNumber,
      appCompliance: null,
      labels: null,
    });
    expect(response.errors).toBeUndefined();
    expect((await calls()).epmm).toEqual({});
  });

  // The EPMM-only fields answer null without an error and without a call; the one EPMM search is the twin lookup
  // of `sources`, `epmm` and `capabilities` (3 UUIDs in one search; docs/data-loading.md, "One device, one row").
  it('serves every Device field from Neurons or answers null where it does not apply, with no error', async () => {
    const { names, selection } = everyDeviceField();
    const response = await stack.gql<{ devices: { nodes: Array<Record<string, unknown>> } }>(
      `{ devices(first: 3, source: NEURONS) { nodes { ${selection} } } }`,
    );
    expect((await calls()).epmm).toEqual({ 'GET /api/v2/devices': 1 });
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.devices.nodes;
    expect(nodes).toHaveLength(3);
    for (const node of nodes) for (const field of EPMM_ONLY) expect(node[field], field).toBeNull();
    for (const node of nodes) {
      expect(Object.keys(node).sort()).toEqual([...names].sort());
      expect(node.details).not.toBeNull();
      expect(node.groups).not.toBeNull();
    }
  });

  it('answers details from the Neurons record and groups from its own record, one read per device', async () => {
    const listed = neuronsNodes()[5];
    await stack.resetUpstreamStats();
    const response = await stack.gql<{
      node: { details: Array<{ name: string; value: string | null }>; groups: Array<{ name: string }> };
    }>(`query($id: ID!) { node(id: $id) { ... on Device { details { name value } groups { name } } } }`, {
      id: listed.id,
    });
    expect(response.errors).toBeUndefined();
    const world = stack.simulator.world;
    const neurons = neuronsWorld(world);
    const device = deviceByNeuronsId(world, listed.legacyId!)!;
    const record = deviceRecord(deviceView(world, neurons), device);
    const details = new Map(response.data!.node.details.map((entry) => [entry.name, entry.value]));
    expect(details.get('id')).toBe(String(listed.legacyId));
    expect(details.get('guid')).toBe(record.guid);
    expect(details.get('dmPartitionId')).toBe(String(partitionOf(neurons, device)!.id));
    expect(details.get('customAttributes')).toBe(JSON.stringify(record.customAttributes));
    expect(details.has('groups')).toBe(false);
    const expected = [...neurons.deviceGroups.values()].filter(
      (group) =>
        group.partitionId === partitionOf(neurons, device)!.id &&
        deviceGroupTest(deviceView(world, neurons), group)(device),
    );
    expect(response.data!.node.groups.map((group) => group.name).sort()).toEqual(
      expected.map((group) => group.name).sort(),
    );
    // node, details and groups share one cached detail read; no NG13 search by serial number, nothing from EPMM.
    expect(await calls()).toEqual({ epmm: {}, neurons: { [NEURONS_DEVICE]: 1 } });
  });
});

describe('without Neurons', () => {
  let offline: Stack;
  beforeAll(async () => {
    offline = await startStack({ devices: 20, seed: 23, env: { NEURONS_URL: 'off' } });
  });
  afterAll(() => offline.close());

  it('answers a Neurons device id NOT_SUPPORTED_BY_SOURCE', async () => {
    const response = await offline.gql(`query($id: ID!) { node(id: $id) { id } }`, {
      id: encodeId('Device', 'NEURONS', '23504:1000001'),
    });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_SUPPORTED_BY_SOURCE']);
    const { byRoute } = await offline.upstreamStats();
    expect(Object.keys(byRoute).filter((route) => route.includes('/neurons/') && byRoute[route] > 0)).toEqual([]);
  });
});
