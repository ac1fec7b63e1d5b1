// The cost limit and the list cap count the values an operation runs with, variables included, and refuse it
// before any upstream call: a list of ids in a variable is no way around either.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

const WIDE_DEVICE =
  'uuid model platform osVersion status compliant ' +
  'user { principal displayName email firstName lastName } details { name value }';

let stack: Stack;
let deviceIds: string[];
beforeAll(async () => {
  stack = await startStack({ devices: 300, env: { MAX_COST: '3000' } });
  deviceIds = stack.simulator.world.devices.map((device) => encodeId('Device', 'EPMM', device.uuid));
  await stack.gql('{ viewer { name } }'); // prove the credentials once, so counts below are the operation's own
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

async function refusedBeforeAnyCall(query: string, variables: Record<string, unknown>, message: RegExp): Promise<void> {
  const response = await stack.gql(query, variables);
  expect(response.status).toBe(400); // a request error, as a validation error is
  expect(response.data ?? null).toBeNull();
  expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(response.errors?.[0].message).toMatch(message);
  expect((await stack.upstreamStats()).total).toBe(0);
}

describe('list arguments are capped (MAX_LIST_ITEMS, default 200)', () => {
  it('refuses nodes(ids: $ids) with 3,000 ids before any upstream call', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => deviceIds[i % deviceIds.length]);
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    await refusedBeforeAnyCall(query, { ids }, /`nodes\(ids:\)` holds 3000 items; at most 200/);
  });

  it('refuses a literal list over the cap too, and accepts one at the cap', async () => {
    const literal = (ids: string[]) => `{ nodes(ids: [${ids.map((id) => JSON.stringify(id)).join(',')}]) { id } }`;
    await refusedBeforeAnyCall(literal(deviceIds.slice(0, 201)), {}, /holds 201 items/);
    const atCap = await stack.gql<{ nodes: unknown[] }>(literal(deviceIds.slice(0, 200)));
    expect(atCap.errors).toBeUndefined();
    expect(atCap.data!.nodes).toHaveLength(200);
  });

  it('refuses a non-destructive mutation with too many ids before any upstream call', async () => {
    await refusedBeforeAnyCall(
      'mutation($input: DeviceActionInput!) { wakeUpDevices(input: $input) { results { status } } }',
      { input: { ids: deviceIds.slice(0, 250), note: 'too many', dryRun: true } },
      /`wakeUpDevices\(input:\)\.ids` holds 250 items/,
    );
  });

  it('refuses a list nested in an input object (labelIds), whatever its name', async () => {
    const labelIds = Array.from({ length: 201 }, (_, i) => encodeId('Label', 'EPMM', String(i + 1)));
    await refusedBeforeAnyCall(
      'mutation($input: DeviceLabelsInput!) { applyLabelsToDevices(input: $input) { results { status } } }',
      { input: { ids: deviceIds.slice(0, 1), labelIds, note: 'too many labels', dryRun: true } },
      /`applyLabelsToDevices\(input:\)\.labelIds` holds 201 items/,
    );
  });

  it('refuses an ids query argument other than nodes (groupDeleteViability)', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => encodeId('Group', 'NEURONS', String(i + 1)));
    const query = 'query($ids: [ID!]!) { groupDeleteViability(ids: $ids) { __typename } }';
    await refusedBeforeAnyCall(query, { ids }, /holds 201 items/);
  });
});

describe('the cost counts variable values', () => {
  const DEVICES = `query($n: Int) { devices(first: $n, source: EPMM) { nodes { ${WIDE_DEVICE} } } }`;

  it('counts `first: $n` as its value: 5 runs, 200 is refused before any call', async () => {
    const small = await stack.gql<{ devices: { nodes: unknown[] } }>(DEVICES, { n: 5 });
    expect(small.errors).toBeUndefined();
    expect(small.data!.devices.nodes).toHaveLength(5);
    await stack.resetUpstreamStats();
    await refusedBeforeAnyCall(DEVICES, { n: 200 }, /estimated cost exceeds the limit of 3000/);
  });

  it('counts `nodes(ids: $ids)` as the number of ids', async () => {
    const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { ${WIDE_DEVICE} } } }`;
    const two = await stack.gql<{ nodes: unknown[] }>(NODES, { ids: deviceIds.slice(0, 2) });
    expect(two.errors).toBeUndefined();
    expect(two.data!.nodes).toHaveLength(2);
    await stack.resetUpstreamStats();
    // 190 ids × 17 fields is over 3000, under the list cap.
    await refusedBeforeAnyCall(NODES, { ids: deviceIds.slice(0, 190) }, /estimated cost exceeds the limit of 3000/);
  });

  it('counts the ids of a mutation input under the payload it selects', async () => {
    const query = `mutation($input: DeviceActionInput!) {
      wakeUpDevices(input: $input) { results { device { ${WIDE_DEVICE} } } }
    }`;
    const input = { ids: deviceIds.slice(0, 190), note: 'wide payload', dryRun: true };
    await refusedBeforeAnyCall(query, { input }, /estimated cost exceeds/);
  });
});
