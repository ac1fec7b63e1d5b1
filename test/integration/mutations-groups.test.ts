// Neurons group mutations through the real gateway against the simulator: per-item results, what is (not) sent
// upstream, the rule compiler's escaping, the delete-viability check, and the state a later query sees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeId } from '../../src/ids.js';
import { neuronsDeviceId, neuronsWorld, partitionOf } from '../../src/simulator/neurons/world.js';
import { deviceGroupTest, deviceView } from '../../src/simulator/neurons/devices.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;

const CREATE_USER_GROUP = 'POST /neurons/api/v1/group';
const LIST_OR_VIABILITY = 'GET /neurons/api/v1/group';
const DELETE_USER_GROUP = 'DELETE /neurons/api/v1/group';
const ASSIGN_ACCOUNTS = 'PUT /neurons/api/v1/account';
const GROUP_ACCOUNTS = 'PUT /neurons/api/v1/group/:id/accounts';
const CREATE_DEVICE_GROUP = 'POST /neurons/api/v1/rule_group';
const DEVICE_GROUP = 'GET /neurons/api/v1/rule_group/:id';
const SET_MEMBERS = 'POST /neurons/api/v1/rule_group/:id/devices';
const REMOVE_MEMBERS = 'DELETE /neurons/api/v1/rule_group/:id/devices';
const NG13 = 'GET /neurons/api/v1/device';
const NEURONS_DEVICE = 'GET /neurons/api/v1/device/:id';

interface Result {
  id: string;
  status: string;
  messageKey: string | null;
  message: string;
}
interface Payload {
  results: Result[];
  userErrors: Array<{ code: string; field: string[] | null; message: string }>;
  auditId: string | null;
  dryRun: boolean;
  replayed: boolean;
}
interface GroupNode {
  id: string;
  legacyId: number;
  name: string;
  kind: string;
  static: boolean;
  definition: string | null;
  partitionName: string | null;
  memberCount: number | null;
}

const ITEMS = 'results { id status messageKey message } userErrors { code field message } auditId dryRun replayed';
const GROUP = 'id legacyId name kind static definition partitionName memberCount';
const INPUT_TYPES: Record<string, string> = {
  createUserGroup: 'CreateUserGroupInput',
  setUserGroupAccounts: 'SetUserGroupAccountsInput',
  deleteUserGroup: 'DeleteUserGroupInput',
  createDeviceGroup: 'CreateDeviceGroupInput',
  addDevicesToGroup: 'GroupDevicesInput',
  removeDevicesFromGroup: 'GroupDevicesInput',
};
const WITH_GROUP = new Set(['createUserGroup', 'createDeviceGroup', 'addDevicesToGroup', 'removeDevicesFromGroup']);

async function mutate(mutation: string, input: Record<string, unknown>, as = 'miadmin', on: Stack = stack) {
  const selection = WITH_GROUP.has(mutation) ? `${ITEMS} group { ${GROUP} }` : ITEMS;
  const response = await on.gql<Record<string, Payload & { group?: GroupNode | null }>>(
    `mutation($input: ${INPUT_TYPES[mutation]}!) { ${mutation}(input: $input) { ${selection} } }`,
    { input },
    as,
  );
  return { response, payload: response.data?.[mutation] };
}

async function groups(type: 'USER_GROUP' | 'DEVICE_GROUP', search?: string, as = 'miadmin'): Promise<GroupNode[]> {
  const response = await stack.gql<{ groups: { nodes: GroupNode[] } }>(
    `query($type: GroupKind, $search: String) { groups(first: 200, type: $type, search: $search) { nodes { ${GROUP} } } }`,
    { type, search },
    as,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.groups.nodes;
}

async function groupNamed(type: 'USER_GROUP' | 'DEVICE_GROUP', name: string): Promise<GroupNode> {
  const found = (await groups(type, name)).find((group) => group.name === name);
  expect(found, name).toBeDefined();
  return found!;
}

async function writes(): Promise<Record<string, number>> {
  const { byRoute } = await stack.upstreamStats();
  return Object.fromEntries(
    Object.entries(byRoute).filter(
      ([route, count]) => count > 0 && route.includes('/neurons/') && route.startsWith('GET') === false,
    ),
  );
}

async function count(route: string): Promise<number> {
  return (await stack.upstreamStats()).byRoute[route] ?? 0;
}

const neurons = () => neuronsWorld(stack.simulator.world);

beforeAll(async () => {
  stack = await startStack({ devices: 300, seed: 37, env: { MAX_DESTRUCTIVE_ITEMS: '3' } });
});
afterAll(async () => stack.close());
beforeEach(async () => {
  await stack.resetUpstreamStats();
});

describe('createUserGroup', () => {
  it('creates a static group in one call, and the groups query lists it at once', async () => {
    await groups('USER_GROUP');
    await stack.resetUpstreamStats();
    const { payload } = await mutate('createUserGroup', { name: 'Contractors' });
    expect(payload!.results).toEqual([expect.objectContaining({ id: 'Contractors', status: 'SUCCEEDED' })]);
    expect(payload!.group).toMatchObject({ name: 'Contractors', kind: 'USER_GROUP', static: true, definition: null });
    expect(payload!.auditId).not.toBeNull();
    expect(await writes()).toEqual({ [CREATE_USER_GROUP]: 1 });
    // The creation dropped the cached list: the next query reads it again and sees the group.
    expect((await groups('USER_GROUP')).map((group) => group.name)).toContain('Contractors');
  });

  it('compiles a rule with every value quoted and escaped, so a value cannot change the expression', async () => {
    const hostile = "x') OR (UID NEQ '";
    const { payload } = await mutate('createUserGroup', {
      name: 'Rule-built',
      rule: {
        match: 'ANY',
        conditions: [
          { field: 'ACCOUNTSOURCE', value: 'LDAP' },
          { field: 'EMAILADDRESS', operator: 'NEQ', value: hostile },
        ],
      },
    });
    expect(payload!.results[0].status).toBe('SUCCEEDED');
    const expected = "(ACCOUNTSOURCE EQ 'LDAP') OR (EMAILADDRESS NEQ 'x\\') OR (UID NEQ \\'')";
    expect(payload!.group).toMatchObject({ name: 'Rule-built', static: false, definition: expected });
    const stored = [...neurons().userGroups.values()].find((group) => group.name === 'Rule-built')!;
    expect(stored.definition).toBe(expected);
    // Neurons parsed it as exactly two conditions, the second with the whole hostile text as its value.
    expect(stored.filter).toEqual({
      kind: 'or',
      children: [
        { kind: 'leaf', field: 'ACCOUNTSOURCE', operator: 'EQ', value: 'LDAP' },
        { kind: 'leaf', field: 'EMAILADDRESS', operator: 'NEQ', value: hostile },
      ],
    });
    expect(await count(CREATE_USER_GROUP)).toBe(1);
  });

  it('refuses a taken name and a malformed field as userErrors, sending nothing', async () => {
    const malformed = await mutate('createUserGroup', {
      name: 'Sources',
      rule: { conditions: [{ field: 'account source', value: 'LDAP' }] },
    });
    expect(malformed.payload!.results).toEqual([expect.objectContaining({ id: 'Sources', status: 'SKIPPED' })]);
    expect(malformed.payload!.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['RULE_FIELD_INVALID', ['input', 'rule', 'conditions', '0', 'field']],
    ]);
    // A taken name is the item's outcome (decided after the idempotency check, so a retry still replays).
    const taken = await mutate('createUserGroup', { name: 'managers' });
    expect(taken.payload!.results).toEqual([
      expect.objectContaining({
        id: 'managers',
        status: 'SKIPPED',
        message: "A group named 'managers' already exists.",
      }),
    ]);
    expect(taken.payload!.group).toBeNull();
    expect(await count(CREATE_USER_GROUP)).toBe(0);
  });

  it("reports Neurons' refusal of a field it does not know as FAILED, after one call", async () => {
    const { payload } = await mutate('createUserGroup', {
      name: 'Shoe sizes',
      rule: { conditions: [{ field: 'SHOESIZE', value: '44' }] },
    });
    expect(payload!.results[0]).toMatchObject({ status: 'FAILED' });
    // Upstream bodies never reach clients: the item says Neurons refused the input.
    expect(payload!.results[0].message).toMatch(/NEURONS rejected the request as invalid/);
    // Neurons' own message key travels with it, so clients can tell failures apart.
    expect(payload!.results[0].messageKey).toBe('com.mobileiron.cloud.messages.validation.failure');
    expect(payload!.group).toBeNull();
    expect(await count(CREATE_USER_GROUP)).toBe(1);
    expect((await groups('USER_GROUP', 'Shoe')).length).toBe(0);
  });

  it('answers a retry with the same idempotency key without a second group', async () => {
    const first = await mutate('createUserGroup', { name: 'Once only', idempotencyKey: 'once-1' });
    const second = await mutate('createUserGroup', { name: 'Once only', idempotencyKey: 'once-1' });
    expect(first.payload!.results[0].status).toBe('SUCCEEDED');
    expect(second.payload!.replayed).toBe(true);
    expect(second.payload!.results[0].status).toBe('SUCCEEDED');
    // The replay names the group the first call created.
    expect(second.payload!.group).toMatchObject({ id: first.payload!.group!.id, name: 'Once only' });
    expect(await count(CREATE_USER_GROUP)).toBe(1);
  });

  it("refuses a caller without the 'admin' scope before any call", async () => {
    const { payload } = await mutate('createUserGroup', { name: 'Helpdesk group' }, 'helpdesk');
    expect(payload!.results[0].status).toBe('FORBIDDEN');
    expect(payload!.userErrors[0].code).toBe('FORBIDDEN');
    expect(await writes()).toEqual({});
  });
});

describe('setUserGroupAccounts', () => {
  it('APPEND adds accounts to several static groups in one NG07 call', async () => {
    const managers = await groupNamed('USER_GROUP', 'Managers');
    const sales = await groupNamed('USER_GROUP', 'Field Sales');
    await stack.resetUpstreamStats();
    const { payload } = await mutate('setUserGroupAccounts', {
      ids: [managers.id, sales.id],
      accountIds: [10002, 10003],
    });
    expect(payload!.results.map((result) => result.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(await writes()).toEqual({ [ASSIGN_ACCOUNTS]: 1 });
    // No graph read lists a user group's accounts (Neurons has none): the simulator's state is the witness.
    for (const id of [managers.legacyId, sales.legacyId])
      expect([...neurons().userGroups.get(id)!.members]).toEqual(expect.arrayContaining([10002, 10003]));
  });

  it('REPLACE makes the accounts the only members, one NG08 call per group', async () => {
    const contractors = await groupNamed('USER_GROUP', 'Contractors');
    await stack.resetUpstreamStats();
    await mutate('setUserGroupAccounts', { ids: [contractors.id], accountIds: [10005, 10006] });
    const { payload } = await mutate('setUserGroupAccounts', {
      ids: [contractors.id],
      accountIds: [10007],
      mode: 'REPLACE',
    });
    expect(payload!.results[0].status).toBe('SUCCEEDED');
    expect(await writes()).toEqual({ [ASSIGN_ACCOUNTS]: 1, [GROUP_ACCOUNTS]: 1 });
    expect([...neurons().userGroups.get(contractors.legacyId)!.members]).toEqual([10007]);
  });

  it('skips rule and device groups, reports unknown ones, and reports Neurons refusing the built-in group', async () => {
    const directory = await groupNamed('USER_GROUP', 'Directory Users');
    const allUsers = await groupNamed('USER_GROUP', 'All Users');
    const loaner = await groupNamed('DEVICE_GROUP', 'Loaner Devices');
    const unknown = encodeId('Group', 'NEURONS', 'user:999999');
    await stack.resetUpstreamStats();
    const { payload } = await mutate('setUserGroupAccounts', {
      ids: [directory.id, loaner.id, unknown, allUsers.id],
      accountIds: [10002],
      mode: 'REPLACE',
    });
    expect(payload!.results.map((result) => result.status)).toEqual(['SKIPPED', 'SKIPPED', 'NOT_FOUND', 'FAILED']);
    expect(payload!.results[0].message).toMatch(/rule/);
    expect(payload!.results[3].message).toMatch(/NEURONS rejected the request/);
    expect(await writes()).toEqual({ [GROUP_ACCOUNTS]: 1 });
    expect(neurons().userGroups.get(allUsers.legacyId)!.members.size).toBeGreaterThan(1);
  });

  it('refuses an empty account list or a malformed account id as malformed input (BAD_USER_INPUT at its path)', async () => {
    const managers = await groupNamed('USER_GROUP', 'Managers');
    for (const [accountIds, field] of [
      [[], ['input', 'accountIds']],
      [
        [7, 0],
        ['input', 'accountIds', 1],
      ],
    ] as const) {
      const { response } = await mutate('setUserGroupAccounts', { ids: [managers.id], accountIds });
      expect(response.data).toEqual({ setUserGroupAccounts: null });
      expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([
        ['BAD_USER_INPUT', field],
      ]);
    }
    expect(await writes()).toEqual({});
  });

  it('refuses an EPMM space id as the partition of a device group (BAD_USER_INPUT)', async () => {
    const { response } = await mutate('createDeviceGroup', {
      name: 'Wrong MDM',
      partitionId: encodeId('DeviceSpace', 'EPMM', '1'),
    });
    expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', ['input', 'partitionId']],
    ]);
    expect(await count(CREATE_DEVICE_GROUP)).toBe(0);
  });
});

describe('groupDeleteViability (a query: NG04 changes nothing)', () => {
  it('asks Neurons once for every user group and explains the others', async () => {
    const allUsers = await groupNamed('USER_GROUP', 'All Users');
    const managers = await groupNamed('USER_GROUP', 'Managers');
    const loaner = await groupNamed('DEVICE_GROUP', 'Loaner Devices');
    await stack.resetUpstreamStats();
    const response = await stack.gql<{
      groupDeleteViability: Array<{
        id: string;
        deletable: boolean;
        reason: string | null;
        group: { name: string } | null;
      }>;
    }>('query($ids: [ID!]!) { groupDeleteViability(ids: $ids) { id deletable reason group { name } } }', {
      ids: [allUsers.id, managers.id, loaner.id],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.groupDeleteViability).toEqual([
      { id: allUsers.id, deletable: false, reason: 'SYSTEM_GROUP', group: { name: 'All Users' } },
      { id: managers.id, deletable: true, reason: null, group: { name: 'Managers' } },
      { id: loaner.id, deletable: false, reason: expect.stringMatching(/device group/), group: null },
    ]);
    // The user-group list was cached by the lookups above: the one call is NG04 (same route as NG02).
    expect((await stack.upstreamStats()).byRoute[LIST_OR_VIABILITY]).toBe(1);
  });
});

describe('deleteUserGroup', () => {
  it('checks viability first, deletes what Neurons can delete and skips the rest with the reason', async () => {
    const contractors = await groupNamed('USER_GROUP', 'Contractors');
    const allUsers = await groupNamed('USER_GROUP', 'All Users');
    const loaner = await groupNamed('DEVICE_GROUP', 'Loaner Devices');
    await stack.resetUpstreamStats();
    const { payload } = await mutate('deleteUserGroup', {
      ids: [contractors.id, allUsers.id, loaner.id],
      note: 'contract ended',
    });
    expect(payload!.results.map((result) => result.status)).toEqual(['SUCCEEDED', 'SKIPPED', 'NOT_SUPPORTED']);
    expect(payload!.results[1].message).toMatch(/SYSTEM_GROUP/);
    const byRoute = (await stack.upstreamStats()).byRoute;
    expect(byRoute[DELETE_USER_GROUP]).toBe(1);
    expect(byRoute[LIST_OR_VIABILITY]).toBe(1);
    const audit = await stack.gql<{
      auditLog: { nodes: Array<{ id: string; note: string; finished: boolean; results: Array<{ status: string }> }> };
    }>(
      '{ auditLog(first: 1, filter: { operation: "deleteUserGroup" }) { nodes { id note finished results { status } } } }',
    );
    expect(audit.data!.auditLog.nodes[0]).toEqual({
      id: payload!.auditId,
      note: 'contract ended',
      finished: true,
      results: [{ status: 'SUCCEEDED' }, { status: 'SKIPPED' }, { status: 'NOT_SUPPORTED' }],
    });
    const names = (await groups('USER_GROUP')).map((group) => group.name);
    expect(names).not.toContain('Contractors');
    expect(names).toContain('All Users');
  });

  it('needs a note, respects the cap, and sends nothing on a dry run', async () => {
    const managers = await groupNamed('USER_GROUP', 'Managers');
    await stack.resetUpstreamStats();
    const noNote = await mutate('deleteUserGroup', { ids: [managers.id], note: ' ' });
    expect(noNote.payload!.userErrors.map((error) => error.code)).toEqual(['NOTE_REQUIRED']);
    const ids = [1, 2, 3, 4].map((n) => encodeId('Group', 'NEURONS', `user:${n}`));
    const tooMany = await mutate('deleteUserGroup', { ids, note: 'cleanup' });
    expect(tooMany.payload!.userErrors.map((error) => error.code)).toEqual(['TOO_MANY_ITEMS']);
    const dry = await mutate('deleteUserGroup', { ids: [managers.id], note: 'cleanup', dryRun: true });
    expect(dry.payload!.results[0].status).toBe('DRY_RUN');
    expect(await count(DELETE_USER_GROUP)).toBe(0);
    expect(neurons().userGroups.has(managers.legacyId)).toBe(true);
  });

  it("needs the 'admin' and 'destructive' scopes", async () => {
    const managers = await groupNamed('USER_GROUP', 'Managers');
    await stack.resetUpstreamStats();
    const { payload } = await mutate('deleteUserGroup', { ids: [managers.id], note: 'no' }, 'helpdesk');
    expect(payload!.results[0].status).toBe('FORBIDDEN');
    expect(payload!.userErrors[0].message).toMatch(/'admin'/);
    expect((await stack.upstreamStats()).byRoute[DELETE_USER_GROUP] ?? 0).toBe(0);
  });
});

describe('createDeviceGroup', () => {
  it("creates a static group in the gateway's partition by default", async () => {
    const { payload } = await mutate('createDeviceGroup', { name: 'Kiosks', description: 'Lobby kiosks' });
    expect(payload!.results[0].status).toBe('SUCCEEDED');
    expect(payload!.group).toMatchObject({
      name: 'Kiosks',
      kind: 'DEVICE_GROUP',
      static: true,
      definition: null,
      partitionName: 'Default Space',
      memberCount: 0,
    });
    expect(await count(CREATE_DEVICE_GROUP)).toBe(1);
    expect((await groups('DEVICE_GROUP', 'Kiosks')).map((group) => group.name)).toEqual(['Kiosks']);
  });

  it('creates a rule group in a named partition whose devices follow the rule', async () => {
    const { payload } = await mutate('createDeviceGroup', {
      name: 'Americas iPhones',
      partitionId: encodeId('DeviceSpace', 'NEURONS', '23506'),
      rule: { conditions: [{ field: 'PLATFORMTYPE', value: 'IOS' }] },
    });
    expect(payload!.results[0].status).toBe('SUCCEEDED');
    expect(payload!.group).toMatchObject({
      static: false,
      definition: "PLATFORMTYPE EQ 'IOS'",
      partitionName: 'Americas Space',
    });
    const world = stack.simulator.world;
    const stored = neurons().deviceGroups.get(payload!.group!.legacyId)!;
    const expected = world.devices.filter(deviceGroupTest(deviceView(world, neurons()), stored)).length;
    expect(expected).toBeGreaterThan(0);
    expect(payload!.group!.memberCount).toBe(expected);
    const follow = await stack.gql<{ group: { devices: { totalCount: number } } }>(
      'query($id: ID!) { group(id: $id) { devices(first: 1) { totalCount } } }',
      { id: payload!.group!.id },
    );
    expect(follow.data!.group.devices.totalCount).toBe(expected);
  });

  it('refuses a partition the caller cannot see and a taken name, sending nothing', async () => {
    const hidden = await mutate(
      'createDeviceGroup',
      { name: 'Not mine', partitionId: encodeId('DeviceSpace', 'NEURONS', '23504') },
      'emea',
    );
    expect(hidden.payload!.userErrors.map((error) => error.code)).toEqual(['PARTITION_NOT_FOUND']);
    const taken = await mutate('createDeviceGroup', { name: 'iOS Devices' });
    expect(taken.payload!.results[0]).toMatchObject({
      status: 'SKIPPED',
      message: "A group named 'iOS Devices' already exists.",
    });
    expect(await count(CREATE_DEVICE_GROUP)).toBe(0);
  });
});

describe('addDevicesToGroup / removeDevicesFromGroup', () => {
  async function neuronsDevices(groupId: string, first: number): Promise<Array<{ id: string; legacyId: number }>> {
    const response = await stack.gql<{ group: { devices: { nodes: Array<{ id: string; legacyId: number }> } } }>(
      'query($id: ID!, $first: Int) { group(id: $id) { devices(first: $first) { nodes { id legacyId } } } }',
      { id: groupId, first },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.group.devices.nodes;
  }

  it('adds Neurons devices with the current members kept, and reports the others per device', async () => {
    const loaner = await groupNamed('DEVICE_GROUP', 'Loaner Devices');
    const members = await neuronsDevices(loaner.id, 10);
    expect(members.length).toBe(3);
    const android = await groupNamed('DEVICE_GROUP', 'Android Devices');
    const fresh = (await neuronsDevices(android.id, 10))
      .filter((device) => !members.some((member) => member.legacyId === device.legacyId))
      .slice(0, 2);
    const world = stack.simulator.world;
    const epmmDevice = encodeId('Device', 'EPMM', world.devices[0].uuid);
    const elsewhere = world.devices.find((device) => partitionOf(neurons(), device)?.id === 23505)!;
    const otherPartition = encodeId('Device', 'NEURONS', `23505:${neuronsDeviceId(elsewhere)}`);
    // A Neurons device id is its partition and numeric id: one built from those is the id the gateway lists.
    const loanerPartition = neurons().deviceGroups.get(loaner.legacyId)!.partitionId;
    const byNumber = encodeId('Device', 'NEURONS', `${loanerPartition}:${fresh[1].legacyId}`);
    expect(byNumber).toBe(fresh[1].id);
    await stack.resetUpstreamStats();

    const { payload } = await mutate('addDevicesToGroup', {
      groupId: loaner.id,
      ids: [fresh[0].id, byNumber, members[0].id, epmmDevice, otherPartition],
    });
    expect(payload!.results.map((result) => result.status)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      'SKIPPED',
      'NOT_SUPPORTED',
      'NOT_FOUND',
    ]);
    // The ids name the devices: no EPMM twin lookup, no NG13 search; the device in another partition is not read.
    const { byRoute } = await stack.upstreamStats();
    expect(Object.keys(byRoute).filter((route) => byRoute[route] > 0 && !route.includes('/neurons/'))).toEqual([]);
    expect(byRoute[NG13] ?? 0).toBe(0);
    expect(byRoute[NEURONS_DEVICE]).toBe(2);
    expect(payload!.group).toMatchObject({ name: 'Loaner Devices', memberCount: 5 });
    expect(await count(SET_MEMBERS)).toBe(1);
    expect([...neurons().deviceGroups.get(loaner.legacyId)!.staticMembers].sort()).toEqual(
      [...members.map((m) => m.legacyId), fresh[0].legacyId, fresh[1].legacyId].sort(),
    );

    const after = await neuronsDevices(loaner.id, 10);
    expect(after.map((device) => device.legacyId).sort()).toEqual(
      [...members.map((m) => m.legacyId), fresh[0].legacyId, fresh[1].legacyId].sort(),
    );
  });

  it('refuses a Neurons device id that is not <partition>:<id> (a UUID, a bare number, non-digits) before any call', async () => {
    const loaner = await groupNamed('DEVICE_GROUP', 'Loaner Devices');
    const device = stack.simulator.world.devices[0];
    for (const key of [device.uuid, String(neuronsDeviceId(device)), '23504:12a', "23504:1' OR 1"]) {
      await stack.resetUpstreamStats();
      const { response } = await mutate('addDevicesToGroup', {
        groupId: loaner.id,
        ids: [encodeId('Device', 'NEURONS', key)],
      });
      expect(
        response.errors?.map((error) => error.extensions?.code),
        key,
      ).toEqual(['BAD_USER_INPUT']);
      expect((await stack.upstreamStats()).total, key).toBe(0);
    }
  });

  it('keeps members added elsewhere since the cached read (NG14 replaces the whole list)', async () => {
    const loaner = await groupNamed('DEVICE_GROUP', 'Loaner Devices');
    const ios = await groupNamed('DEVICE_GROUP', 'iOS Devices');
    const candidates = await neuronsDevices(ios.id, 20);
    const stored = neurons().deviceGroups.get(loaner.legacyId)!;
    const outside = candidates.filter((device) => !stored.staticMembers.has(device.legacyId));
    // Someone adds a device in the Neurons console; the gateway's cached group does not know.
    stored.staticMembers.add(outside[0].legacyId);
    await stack.resetUpstreamStats();
    const { payload } = await mutate('addDevicesToGroup', { groupId: loaner.id, ids: [outside[1].id] });
    expect(payload!.results[0].status).toBe('SUCCEEDED');
    expect(stored.staticMembers.has(outside[0].legacyId)).toBe(true);
    expect(stored.staticMembers.has(outside[1].legacyId)).toBe(true);
    expect(await count(SET_MEMBERS)).toBe(1);
    // One fresh NG11 before the write, one to read the group back.
    expect(await count(DEVICE_GROUP)).toBe(2);
  });

  it('removes static members in one NG06 call and skips devices that are not members', async () => {
    const loaner = await groupNamed('DEVICE_GROUP', 'Loaner Devices');
    const members = await neuronsDevices(loaner.id, 10);
    const ios = await groupNamed('DEVICE_GROUP', 'iOS Devices');
    const stored = neurons().deviceGroups.get(loaner.legacyId)!;
    const outsider = (await neuronsDevices(ios.id, 20)).find((device) => !stored.staticMembers.has(device.legacyId))!;
    await stack.resetUpstreamStats();
    const { payload } = await mutate('removeDevicesFromGroup', {
      groupId: loaner.id,
      ids: [members[0].id, outsider.id],
    });
    expect(payload!.results.map((result) => result.status)).toEqual(['SUCCEEDED', 'SKIPPED']);
    expect(await count(REMOVE_MEMBERS)).toBe(1);
    expect(payload!.group!.memberCount).toBe(members.length - 1);
    expect((await neuronsDevices(loaner.id, 10)).map((device) => device.id)).not.toContain(members[0].id);
  });

  it('refuses a rule group and an unknown group as userErrors', async () => {
    const ios = await groupNamed('DEVICE_GROUP', 'iOS Devices');
    const device = (await neuronsDevices(ios.id, 1))[0];
    await stack.resetUpstreamStats();
    const rule = await mutate('addDevicesToGroup', { groupId: ios.id, ids: [device.id] });
    expect(rule.payload!.userErrors.map((error) => error.code)).toEqual(['GROUP_NOT_STATIC']);
    expect(rule.payload!.results[0].status).toBe('SKIPPED');
    const unknown = await mutate('removeDevicesFromGroup', {
      groupId: encodeId('Group', 'NEURONS', 'device:23504:1'),
      ids: [device.id],
    });
    expect(unknown.payload!.userErrors.map((error) => error.code)).toEqual(['GROUP_NOT_FOUND']);
    expect(await count(SET_MEMBERS)).toBe(0);
    expect(await count(REMOVE_MEMBERS)).toBe(0);
  });
});

describe('without Neurons', () => {
  let offline: Stack;
  beforeAll(async () => {
    offline = await startStack({ devices: 30, seed: 37, env: { NEURONS_URL: 'off' } });
  });
  afterAll(async () => offline.close());

  it('answers every group mutation and the viability query with NOT_SUPPORTED_BY_SOURCE', async () => {
    const group = encodeId('Group', 'NEURONS', 'user:11777');
    const device = encodeId('Group', 'NEURONS', 'device:23504:40170');
    const inputs: Record<string, Record<string, unknown>> = {
      createUserGroup: { name: 'x' },
      setUserGroupAccounts: { ids: [group], accountIds: [10001] },
      deleteUserGroup: { ids: [group], note: 'x' },
      createDeviceGroup: { name: 'x' },
      addDevicesToGroup: { groupId: device, ids: [encodeId('Device', 'NEURONS', '23504:1000001')] },
      removeDevicesFromGroup: { groupId: device, ids: [encodeId('Device', 'NEURONS', '23504:1000001')] },
    };
    for (const [mutation, input] of Object.entries(inputs)) {
      const { response } = await mutate(mutation, input, 'miadmin', offline);
      expect(response.errors?.[0]?.extensions?.code, mutation).toBe('NOT_SUPPORTED_BY_SOURCE');
    }
    const query = await offline.gql('query($ids: [ID!]!) { groupDeleteViability(ids: $ids) { deletable } }', {
      ids: [group],
    });
    expect(query.errors?.[0]?.extensions?.code).toBe('NOT_SUPPORTED_BY_SOURCE');
    expect((await offline.upstreamStats()).byRoute[CREATE_USER_GROUP] ?? 0).toBe(0);
  });
});
