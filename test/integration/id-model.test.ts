// One id model and one error channel (docs/errors.md): every root lookup takes its entity's global id, `device`
// also a UUID (exactly one of the two), filters take global ids, and malformed arguments are BAD_USER_INPUT with
// `extensions.field` as a path array, never a userError. The examples of docs/errors.md are asserted here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../src/ids.js';
import { startStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';

let stack: Stack;
let device: { id: string; uuid: string };
let other: { id: string; uuid: string };
let label: { id: string; legacyId: number };

/** The (code, field) of each error: the channel a client reads. */
const channel = (response: GraphQLResponse) =>
  response.errors?.map((error) => [error.extensions?.code, error.extensions?.field]);

beforeAll(async () => {
  stack = await startStack({ devices: 60, seed: 7 });
  const response = await stack.gql<{
    devices: { nodes: Array<{ id: string; uuid: string }> };
    labels: { nodes: Array<{ id: string; legacyId: number }> };
  }>('{ devices(first: 2, source: EPMM) { nodes { id uuid } } labels(first: 1) { nodes { id legacyId } } }');
  [device, other] = response.data!.devices.nodes;
  label = response.data!.labels.nodes[0];
});

afterAll(async () => {
  await stack?.close();
});

describe('device(id | uuid)', () => {
  it('answers the same device by global id and by uuid, from one read at most', async () => {
    await stack.resetUpstreamStats();
    const response = await stack.gql<{ byId: { id: string; uuid: string }; byUuid: { id: string; uuid: string } }>(
      'query($id: ID, $uuid: String) { byId: device(id: $id) { id uuid } byUuid: device(uuid: $uuid) { id uuid } }',
      { id: device.id, uuid: device.uuid },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ byId: device, byUuid: device });
    // Both name one EPMM device and share its loader key (the list above may already have cached it).
    expect((await stack.upstreamStats()).total).toBeLessThanOrEqual(1);
  });

  it('answers a Neurons device by its global id', async () => {
    const neurons = await stack.gql<{ devices: { nodes: Array<{ id: string; source: string }> } }>(
      '{ devices(first: 1, source: NEURONS) { nodes { id source } } }',
    );
    const [node] = neurons.data!.devices.nodes;
    const response = await stack.gql<{ device: { id: string; source: string } }>(
      'query($id: ID) { device(id: $id) { id source } }',
      { id: node.id },
    );
    expect(response.data!.device).toEqual(node);
  });

  it('refuses both, neither and an id of another type, before any upstream call', async () => {
    await stack.resetUpstreamStats();
    const both = await stack.gql('query($id: ID, $uuid: String) { device(id: $id, uuid: $uuid) { id } }', device);
    expect(both.data).toEqual({ device: null });
    expect(channel(both)).toEqual([['BAD_USER_INPUT', ['uuid']]]);
    expect(both.errors![0].message).toBe('Give exactly one of `id` (the global id) and `uuid`.');
    const neither = await stack.gql('{ device { id } }');
    expect(channel(neither)).toEqual([['BAD_USER_INPUT', ['id']]]);
    const wrongKind = await stack.gql('query($id: ID) { device(id: $id) { id } }', { id: label.id });
    expect(channel(wrongKind)).toEqual([['BAD_USER_INPUT', ['id']]]);
    expect(wrongKind.errors![0].message).toBe(`'${label.id}' is a Label id, not a Device id.`);
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});

describe('every root lookup takes its global id', () => {
  it('user, label, policy, deviceSpace and group answer the object whose id they were given', async () => {
    const ids = await stack.gql<{
      users: { nodes: Array<{ id: string; principal: string }> };
      policies: { nodes: Array<{ id: string }> };
      deviceSpaces: { nodes: Array<{ id: string }> };
      groups: { nodes: Array<{ id: string }> };
    }>(
      '{ users(first: 1) { nodes { id principal } } policies(first: 1) { nodes { id } } deviceSpaces(first: 1) { nodes { id } } groups(first: 1) { nodes { id } } }',
    );
    const { users, policies, deviceSpaces, groups } = ids.data!;
    const user = users.nodes[0];
    const response = await stack.gql<Record<string, { id: string } | null>>(
      `query($user: ID, $label: ID!, $policy: ID!, $space: ID!, $group: ID!, $principal: String) {
        user(id: $user) { id }
        byPrincipal: user(principal: $principal) { id }
        label(id: $label) { id }
        policy(id: $policy) { id }
        deviceSpace(id: $space) { id }
        group(id: $group) { id }
      }`,
      {
        user: user.id,
        principal: user.principal,
        label: label.id,
        policy: policies.nodes[0].id,
        space: deviceSpaces.nodes[0].id,
        group: groups.nodes[0].id,
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      user: { id: user.id },
      byPrincipal: { id: user.id },
      label: { id: label.id },
      policy: { id: policies.nodes[0].id },
      deviceSpace: { id: deviceSpaces.nodes[0].id },
      group: { id: groups.nodes[0].id },
    });
  });

  it('an id of another type is BAD_USER_INPUT at ["id"] for each lookup, not null', async () => {
    for (const field of ['label', 'policy', 'deviceSpace', 'group']) {
      const response = await stack.gql(`query($id: ID!) { ${field}(id: $id) { id } }`, { id: device.id });
      expect(response.data, field).toEqual({ [field]: null });
      expect(channel(response), field).toEqual([['BAD_USER_INPUT', ['id']]]);
    }
    const user = await stack.gql('query($id: ID) { user(id: $id) { id } }', { id: device.id });
    expect(channel(user)).toEqual([['BAD_USER_INPUT', ['id']]]);
    const both = await stack.gql('{ user(id: "x", principal: "y") { id } }');
    expect(channel(both)).toEqual([['BAD_USER_INPUT', ['principal']]]);
  });
});

describe('node and nodes stay strict', () => {
  it('a bare device uuid passed to node says to use device(uuid:)', async () => {
    const response = await stack.gql('query($id: ID!) { node(id: $id) { id } }', { id: device.uuid });
    expect(response.data).toEqual({ node: null });
    expect(channel(response)).toEqual([['BAD_USER_INPUT', ['id']]]);
    expect(response.errors![0].message).toBe(
      `'${device.uuid}' is a device UUID, not a global id: look the device up with device(uuid: "${device.uuid}") and use its id.`,
    );
  });

  it('nodes answers the good ids and locates the malformed one at its index (partial data)', async () => {
    const response = await stack.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [device.id, 'not-an-id'],
    });
    expect(response.data).toEqual({ nodes: [{ id: device.id }, null] });
    expect(response.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.field])).toEqual([
      [['nodes', 1], 'BAD_USER_INPUT', ['ids', 1]],
    ]);
    expect(response.errors![0].message).toBe("'not-an-id' is not a valid id.");
  });
});

describe('DeviceFilter.labelId takes a global Label id', () => {
  it('filters by the label with source: EPMM (one search, EPMM label id decoded)', async () => {
    const members = await stack.gql<{ label: { devices: { totalCount: number } } }>(
      'query($id: ID!) { label(id: $id) { devices(first: 1) { totalCount } } }',
      { id: label.id },
    );
    await stack.resetUpstreamStats();
    const response = await stack.gql<{ devices: { totalCount: number } }>(
      'query($f: DeviceFilter) { devices(first: 1, source: EPMM, filter: $f) { totalCount } }',
      { f: { labelId: label.id } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.devices.totalCount).toBe(members.data!.label.devices.totalCount);
    expect(response.data!.devices.totalCount).toBeGreaterThan(0);
  });

  it('a malformed or wrong-type label id is BAD_USER_INPUT at ["filter","labelId"], nothing sent', async () => {
    await stack.resetUpstreamStats();
    for (const labelId of [device.id, 'garbage']) {
      const response = await stack.gql(
        'query($f: DeviceFilter) { devices(first: 1, source: EPMM, filter: $f) { totalCount } }',
        { f: { labelId } },
      );
      // Root connections are nullable: the error nulls `devices` alone (docs/errors.md).
      expect(response.data).toEqual({ devices: null });
      expect(channel(response)).toEqual([['BAD_USER_INPUT', ['filter', 'labelId']]]);
    }
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('a label on the merged list is NOT_SUPPORTED_BY_SOURCE, and only that root field is null', async () => {
    const response = await stack.gql(
      'query($f: DeviceFilter) { viewer { name } devices(first: 1, filter: $f) { totalCount } }',
      { f: { labelId: label.id } },
    );
    expect(response.data).toEqual({ viewer: { name: 'miadmin' }, devices: null });
    expect(response.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.field])).toEqual([
      [['devices'], 'NOT_SUPPORTED_BY_SOURCE', ['filter', 'labelId']],
    ]);
  });

  it('userId names the user as userPrincipal does; both is BAD_USER_INPUT', async () => {
    const owner = await stack.gql<{ device: { user: { id: string; principal: string } } }>(
      'query($id: ID) { device(id: $id) { user { id principal } } }',
      { id: device.id },
    );
    const { id, principal } = owner.data!.device.user;
    const query = 'query($f: DeviceFilter) { devices(first: 200, source: EPMM, filter: $f) { nodes { id } } }';
    const byId = await stack.gql<{ devices: { nodes: Array<{ id: string }> } }>(query, { f: { userId: id } });
    const byPrincipal = await stack.gql<{ devices: { nodes: Array<{ id: string }> } }>(query, {
      f: { userPrincipal: principal },
    });
    expect(byId.data!.devices.nodes).toEqual(byPrincipal.data!.devices.nodes);
    expect(byId.data!.devices.nodes).toContainEqual({ id: device.id });
    const both = await stack.gql(query, { f: { userId: id, userPrincipal: principal } });
    expect(channel(both)).toEqual([['BAD_USER_INPUT', ['filter', 'userPrincipal']]]);
  });
});

describe('the error channels (docs/errors.md)', () => {
  it('a wrong-type id in a mutation list is BAD_USER_INPUT at its index; nothing is read or sent', async () => {
    await stack.resetUpstreamStats();
    const response = await stack.gql(
      'mutation($input: DeviceActionInput!) { lockDevices(input: $input) { results { id status } } }',
      { input: { ids: [device.id, other.id, label.id] } },
    );
    expect(response.data).toBeNull();
    expect(channel(response)).toEqual([['BAD_USER_INPUT', ['input', 'ids', 2]]]);
    expect(response.errors![0].message).toBe(`'${label.id}' is a Label id, not a Device id.`);
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('a malformed label id in applyLabelsToDevices is BAD_USER_INPUT at ["input","labelIds",i]', async () => {
    const response = await stack.gql(
      'mutation($input: DeviceLabelsInput!) { applyLabelsToDevices(input: $input) { userErrors { code } } }',
      { input: { ids: [device.id], labelIds: [label.id, device.id], dryRun: true } },
    );
    expect(channel(response)).toEqual([['BAD_USER_INPUT', ['input', 'labelIds', 1]]]);
  });

  it('a business rule is a userError with a path: a blank note on a destructive action', async () => {
    const response = await stack.gql<{
      wipeDevices: { results: Array<{ id: string; status: string }>; userErrors: unknown[] };
    }>(
      'mutation($input: WipeDevicesInput!) { wipeDevices(input: $input) { results { id status } userErrors { message field code } } }',
      { input: { ids: [device.id], note: ' ', dryRun: true } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.wipeDevices).toEqual({
      results: [{ id: device.id, status: 'SKIPPED' }],
      userErrors: [
        { message: 'Destructive actions need a note saying why.', field: ['input', 'note'], code: 'NOTE_REQUIRED' },
      ],
    });
  });

  it('a well-formed id of an invisible device is a per-item NOT_FOUND, the others still answered', async () => {
    const ghost = encodeId('Device', 'EPMM', '00000000-0000-4000-8000-000000000001');
    const response = await stack.gql<{
      lockDevices: { results: Array<{ id: string; status: string; message: string }>; userErrors: unknown[] };
    }>(
      'mutation($input: DeviceActionInput!) { lockDevices(input: $input) { results { id status message } userErrors { field code } } }',
      { input: { ids: [device.id, ghost], dryRun: true } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.lockDevices).toEqual({
      results: [
        { id: device.id, status: 'DRY_RUN', message: 'Would be sent (dry run: nothing was changed).' },
        { id: ghost, status: 'NOT_FOUND', message: 'No device with this id is visible in your device space.' },
      ],
      userErrors: [],
    });
  });
});
