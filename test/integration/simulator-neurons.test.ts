// Neurons for MDM (NG01-NG14) through the typed client against the real simulator: every endpoint's success
// and a documented failure, and state that persists from one call to the next.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { adminCredential } from '../helpers/credentials.js';
import { GatewayError } from '../../src/errors.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { NeuronsClient } from '../../src/upstream/neurons/client.js';
import { fqAll, fqEq } from '../../src/upstream/neurons/fq.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import type { UpstreamCaller } from '../../src/upstream/caller.js';

let sim: RunningSimulator;
let http: UpstreamHttp;
let client: NeuronsClient;
const as = (name: string, password = name): UpstreamCaller => ({ credential: adminCredential(name, password) });
const admin = as('miadmin');
const emea = as('emea');
const DEFAULT_SPACE = 23504;
const EMEA_SPACE = 23505;

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error.code;
    throw error;
  }
  return 'no error';
}

async function raw(
  path: string,
  user = 'miadmin',
): Promise<{
  status: number;
  body: { errors: Array<{ messageKey: string; message: string }> | null; result: unknown };
}> {
  const response = await fetch(`${sim.url}/neurons${path}`, {
    headers: { authorization: basicAuthorization(user, user) },
  });
  return {
    status: response.status,
    body: (await response.json()) as { errors: Array<{ messageKey: string; message: string }> | null; result: unknown },
  };
}

beforeAll(async () => {
  sim = await startSimulator({ devices: 200, seed: 3 });
  http = new UpstreamHttp('Neurons', sim.url, { connections: 4, timeoutMs: 5000, pathPrefix: '/neurons' });
  client = new NeuronsClient(http);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});

describe('tenant partitions (dmPartitionId)', () => {
  it('lists every partition for miadmin, one default, device counts adding up to the fleet', async () => {
    const page = await client.listDevicePartitions(admin);
    expect(page.searchResults.map((partition) => partition.name)).toEqual([
      'Default Space',
      'EMEA Space',
      'Americas Space',
    ]);
    expect(
      page.searchResults.filter((partition) => partition.defaultPartition).map((partition) => partition.id),
    ).toEqual([DEFAULT_SPACE]);
    expect(page.searchResults.reduce((sum, partition) => sum + (partition.deviceCount ?? 0), 0)).toBe(200);
  });

  it('limits emea to its one partition; bad credentials are 401 and a non-tenant admin 403, in the Neurons envelope', async () => {
    expect((await client.listDevicePartitions(emea)).searchResults.map((partition) => partition.id)).toEqual([
      EMEA_SPACE,
    ]);
    expect(await code(client.listDevicePartitions(as('miadmin', 'wrong')))).toBe('UNAUTHENTICATED');
    expect(await code(client.listDevicePartitions(as('helpdesk')))).toBe('FORBIDDEN');
    const denied = await raw('/api/v1/tenant/partition/device', 'viewer');
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      result: null,
      errors: [{ messageKey: expect.stringContaining('access.denied') as string }],
    });
  });
});

describe('user groups (NG01-NG05, NG07, NG08)', () => {
  it('NG02 lists the built-in All Users group with its treeView, 20 to a page', async () => {
    const page = await client.listUserGroups(admin);
    expect(page.limit).toBe(20);
    expect(page.searchResults[0]).toMatchObject({
      id: 11776,
      name: 'All Users',
      membershipStatic: true,
      treeView: { operator: 'LEAF', rule: { field: 'ACCOUNTGROUP', values: ['All Users'] } },
    });
    expect(await code(client.listUserGroups(as('viewer')))).toBe('FORBIDDEN');
  });

  it('NG01 creates static and dynamic groups; duplicate names and unknown definition fields are refused', async () => {
    const created = await client.createUserGroup(admin, { name: 'Pilot Users' });
    expect(created).toMatchObject({
      name: 'Pilot Users',
      source: 'LOCAL',
      membershipStatic: true,
      mutable: true,
      createdBy: 12533,
    });
    const dynamic = await client.createUserGroup(admin, {
      name: 'Local Users',
      definition: fqEq('ACCOUNTSOURCE', 'LOCAL'),
    });
    expect(dynamic.membershipStatic).toBe(false);
    const listed = (await client.listUserGroups(admin, { rows: 500 })).searchResults.find(
      (group) => group.id === dynamic.id,
    );
    expect(listed?.definition).toBe("ACCOUNTSOURCE EQ 'LOCAL'");
    expect(await code(client.createUserGroup(admin, { name: 'pilot users' }))).toBe('BAD_USER_INPUT');
    expect(await code(client.createUserGroup(admin, { name: 'Odd', definition: fqEq('SHOESIZE', '9') }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('NG08 adds accounts (append) or replaces the members; the devices of those accounts then filter by ACCOUNTGROUP', async () => {
    const group = await client.createUserGroup(admin, { name: 'Travellers' });
    expect(await client.setGroupAccounts(admin, group.id, { accountIds: [10001, 10002], append: true })).toBe(true);
    expect(await client.setGroupAccounts(admin, group.id, { accountIds: [10003], append: true })).toBe(true);
    const owners = async () => {
      const owned = await Promise.all(
        [DEFAULT_SPACE, EMEA_SPACE, 23506].map((dmPartitionId) =>
          client.searchDevices(admin, { dmPartitionId, fq: fqEq('ACCOUNTGROUP', 'Travellers'), rows: 500, start: 0 }),
        ),
      );
      return new Set(owned.flatMap((page) => page.searchResults.map((device) => device.ownerId)));
    };
    expect(await owners()).toEqual(new Set([10001, 10002, 10003]));
    await client.setGroupAccounts(admin, group.id, { accountIds: [10004], append: false });
    expect(await owners()).toEqual(new Set([10004]));
    expect(await code(client.setGroupAccounts(admin, 11779, { accountIds: [10001], append: true }))).toBe(
      'BAD_USER_INPUT',
    ); // dynamic
    expect(await code(client.setGroupAccounts(admin, 999, { accountIds: [10001], append: true }))).toBe('NOT_FOUND');
  });

  it("NG07 assigns accounts to several groups; append=false replaces each account's memberships", async () => {
    const a = await client.createUserGroup(admin, { name: 'Team A' });
    const b = await client.createUserGroup(admin, { name: 'Team B' });
    expect(
      await client.assignAccounts(admin, { accountIds: [10010, 10011], groupIds: [a.id, b.id], append: true }),
    ).toBe(true);
    await client.assignAccounts(admin, { accountIds: [10010], groupIds: [b.id], append: false });
    const inGroup = async (name: string) => {
      const pages = await Promise.all(
        [DEFAULT_SPACE, EMEA_SPACE, 23506].map((dmPartitionId) =>
          client.searchDevices(admin, { dmPartitionId, fq: fqEq('ACCOUNTGROUP', name), rows: 500, start: 0 }),
        ),
      );
      return new Set(pages.flatMap((page) => page.searchResults.map((device) => device.ownerId)));
    };
    expect(await inGroup('Team A')).toEqual(new Set([10011]));
    expect(await inGroup('Team B')).toEqual(new Set([10010, 10011]));
    expect(await code(client.assignAccounts(admin, { accountIds: [99], groupIds: [a.id], append: true }))).toBe(
      'NOT_FOUND',
    );
  });

  it('NG04 reports the groups that cannot be deleted; NG05 deletes the others and refuses the built-in one', async () => {
    const group = await client.createUserGroup(admin, { name: 'Temporary' });
    expect((await client.checkDeleteViability(admin, [group.id])).searchResults).toEqual([]);
    const blocked = await client.checkDeleteViability(admin, [11776, group.id]);
    expect(blocked.searchResults).toEqual([expect.objectContaining({ id: 11776 })]);
    expect(await code(client.checkDeleteViability(admin, []))).toBe('BAD_USER_INPUT');
    expect(await client.deleteUserGroup(admin, group.id)).toBe(1);
    expect(
      (await client.listUserGroups(admin, { rows: 500 })).searchResults.some((candidate) => candidate.id === group.id),
    ).toBe(false);
    expect(await code(client.deleteUserGroup(admin, group.id))).toBe('NOT_FOUND');
    expect(await code(client.deleteUserGroup(admin, 11776))).toBe('BAD_USER_INPUT');
  });
});

describe('device groups (NG09-NG12) and devices by group (NG13)', () => {
  it('NG09 creates a dynamic group whose members follow its rule (NG11 memberCount = NG13 totalCount)', async () => {
    const created = await client.createDeviceGroup(admin, {
      name: 'Company iPhones',
      dmPartitionId: DEFAULT_SPACE,
      definition: fqAll([fqEq('PLATFORMTYPE', 'IOS'), fqEq('OWNERSHIPTYPE', 'COMPANY')]),
    });
    expect(created).toMatchObject({
      type: 'DEVICE',
      dmPartitionId: DEFAULT_SPACE,
      createdAt: null,
      memberCount: 0,
      treeView: { operator: 'AND' },
    });
    const group = await client.getDeviceGroup(admin, created.id, DEFAULT_SPACE);
    const devices = await client.searchDevices(admin, {
      dmPartitionId: DEFAULT_SPACE,
      fq: fqAll([fqEq('PLATFORMTYPE', 'IOS'), fqEq('OWNERSHIPTYPE', 'COMPANY')]),
      rows: 500,
      start: 0,
    });
    expect(group.memberCount).toBe(devices.totalCount);
    expect(devices.totalCount).toBeGreaterThan(0);
    expect(
      devices.searchResults.every((device) => device.platformType === 'IOS' && device.ownershipType === 'COMPANY'),
    ).toBe(true);
  });

  it('NG09 refuses a partition the admin lacks and a definition that does not parse', async () => {
    expect(
      await code(
        client.createDeviceGroup(emea, {
          name: 'Nope',
          dmPartitionId: DEFAULT_SPACE,
          definition: fqEq('PLATFORMTYPE', 'IOS'),
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await code(
        client.createDeviceGroup(admin, {
          name: 'Bad',
          dmPartitionId: DEFAULT_SPACE,
          definition: { text: "PLATFORMTYPE EQ 'IOS" },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it("NG10 lists a partition's groups; All Devices counts the partition; memberCount=false gives 0 and null configs", async () => {
    const partitions = await client.listDevicePartitions(admin);
    const emeaCount = partitions.searchResults.find((partition) => partition.id === EMEA_SPACE)?.deviceCount;
    const full = await client.listDeviceGroups(admin, EMEA_SPACE);
    const all = full.searchResults.find((group) => group.systemName === 'ALL_DEVICES');
    expect(all).toMatchObject({
      name: 'All Devices',
      definition: null,
      treeView: null,
      mutable: false,
      memberCount: emeaCount,
    });
    expect(all?.assignedPolicies?.[0]?.name).toBe('Out of Contact ');
    const reduced = await client.listDeviceGroups(admin, EMEA_SPACE, {
      memberCount: false,
      assignedPoliciesAndConfigs: false,
    });
    expect(reduced.searchResults.every((group) => group.memberCount === 0 && group.assignedConfigs === null)).toBe(
      true,
    );
    expect(full.limit).toBe(50);
    expect(await code(client.listDeviceGroups(emea, DEFAULT_SPACE))).toBe('FORBIDDEN');
    expect(await code(client.listDeviceGroups(admin, 1))).toBe('NOT_FOUND');
  });

  it("NG11 reads one group and answers another partition's id as not found", async () => {
    const ios = (await client.listDeviceGroups(admin, EMEA_SPACE)).searchResults.find(
      (group) => group.systemName === 'IOS_DEVICES',
    )!;
    const group = await client.getDeviceGroup(admin, ios.id, EMEA_SPACE, { assignedPoliciesAndConfigs: false });
    expect(group).toMatchObject({
      definition: "PLATFORMTYPE EQ 'IOS'",
      treeView: {
        operator: 'LEAF',
        rule: { field: 'PLATFORMTYPE', cfAttributeName: null, operator: 'EQ', values: ['IOS'] },
      },
      assignedConfigs: null,
    });
    expect(await code(client.getDeviceGroup(admin, ios.id, DEFAULT_SPACE))).toBe('NOT_FOUND');
  });

  it("NG12 finds a group by name across partitions, limited to the admin's partitions", async () => {
    const found = await client.findDeviceGroups(admin, 'All Devices', [DEFAULT_SPACE, EMEA_SPACE, 23506]);
    expect(found.searchResults.map((group) => group.dmPartitionName)).toEqual([
      'Default Space',
      'EMEA Space',
      'Americas Space',
    ]);
    expect((await client.findDeviceGroups(emea, 'all devices', [EMEA_SPACE])).totalCount).toBe(1);
    expect((await client.findDeviceGroups(admin, 'No Such Group', [DEFAULT_SPACE])).searchResults).toEqual([]);
    expect(await code(client.findDeviceGroups(emea, 'All Devices', [DEFAULT_SPACE]))).toBe('FORBIDDEN');
  });

  it('NG13 pages, sorts by lastCheckin and returns facets over the filtered set', async () => {
    const first = await client.searchDevices(admin, {
      dmPartitionId: EMEA_SPACE,
      rows: 10,
      start: 0,
      sortField: 'lastCheckin',
      sortOrder: 'DESC',
    });
    const second = await client.searchDevices(admin, {
      dmPartitionId: EMEA_SPACE,
      rows: 10,
      start: 10,
      sortField: 'lastCheckin',
      sortOrder: 'DESC',
    });
    const times = [...first.searchResults, ...second.searchResults].map((device) => device.lastCheckin ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first).toMatchObject({ offset: 0, limit: 10, totalUnfilteredResultCount: 0 });
    expect(second.offset).toBe(10);
    expect(new Set([...first.searchResults, ...second.searchResults].map((device) => device.id)).size).toBe(20);
    const platforms = first.facetedResults?.PLATFORMTYPE ?? {};
    expect(Object.values(platforms).reduce<number>((sum, count) => sum + (count ?? 0), 0)).toBe(first.totalCount);
    expect(
      first.searchResults.every(
        (device) => device.dmPartitionId === EMEA_SPACE && typeof device.lastRegistrationTime === 'number',
      ),
    ).toBe(true);
  });

  it("NG13 refuses rows over 500 with the document's words, unknown fields and partitions the admin lacks; quoted values stay values", async () => {
    await expect(client.searchDevices(admin, { dmPartitionId: EMEA_SPACE, rows: 501, start: 0 })).rejects.toThrow(
      RangeError,
    );
    const over = await raw(`/api/v1/device?dmPartitionId=${EMEA_SPACE}&rows=501&start=0`);
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0].message).toContain('do not permit a value of greater than 500');
    expect(
      await code(
        client.searchDevices(admin, { dmPartitionId: EMEA_SPACE, fq: fqEq('SHOESIZE', '9'), rows: 5, start: 0 }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await code(client.searchDevices(emea, { dmPartitionId: DEFAULT_SPACE, rows: 5, start: 0 }))).toBe(
      'FORBIDDEN',
    );
    const injected = await client.searchDevices(admin, {
      dmPartitionId: EMEA_SPACE,
      fq: fqEq('PLATFORMTYPE', "IOS' OR PLATFORMTYPE NEQ 'x"),
      rows: 5,
      start: 0,
    });
    expect(injected.totalCount).toBe(0);
  });

  it('NG13 q is free text over name, model, serial and owner', async () => {
    const target = (await client.searchDevices(admin, { dmPartitionId: EMEA_SPACE, rows: 1, start: 5 }))
      .searchResults[0];
    const byOwner = await client.searchDevices(admin, {
      dmPartitionId: EMEA_SPACE,
      q: target.emailAddress ?? '',
      rows: 500,
      start: 0,
    });
    expect(byOwner.searchResults.map((device) => device.id)).toContain(target.id);
    expect(byOwner.searchResults.every((device) => device.emailAddress === target.emailAddress)).toBe(true);
    expect(
      (await client.searchDevices(admin, { dmPartitionId: EMEA_SPACE, q: 'zzzz-no-such-device', rows: 5, start: 0 }))
        .totalCount,
    ).toBe(0);
  });
});

describe('static device groups (NG14, NG06) and device detail', () => {
  it('NG14 sets static members: an added device lists the group, an excluded one leaves it; NG06 removes members', async () => {
    const group = await client.createDeviceGroup(admin, { name: 'Loaners 2', dmPartitionId: EMEA_SPACE });
    const devices = (
      await client.searchDevices(admin, { dmPartitionId: EMEA_SPACE, rows: 3, start: 0 })
    ).searchResults.map((device) => device.id);
    await client.setStaticMembers(admin, group.id, devices);
    expect((await client.getDeviceGroup(admin, group.id, EMEA_SPACE)).memberCount).toBe(3);
    const detail = await client.getDevice(admin, devices[0], EMEA_SPACE);
    expect(detail.groups?.map((candidate) => candidate.name)).toContain('Loaners 2');
    await client.setStaticMembers(admin, group.id, devices.slice(1));
    expect(
      (await client.getDevice(admin, devices[0], EMEA_SPACE)).groups?.map((candidate) => candidate.name),
    ).not.toContain('Loaners 2');
    await client.removeStaticMembers(admin, group.id, [devices[1]]);
    expect((await client.getDeviceGroup(admin, group.id, EMEA_SPACE)).staticMembers).toEqual([devices[2]]);
  });

  it('NG14/NG06 refuse dynamic groups and devices of another partition', async () => {
    const ios = (await client.listDeviceGroups(admin, EMEA_SPACE)).searchResults.find(
      (group) => group.systemName === 'IOS_DEVICES',
    )!;
    const loaners = (await client.listDeviceGroups(admin, EMEA_SPACE)).searchResults.find(
      (group) => group.name === 'Loaner Devices',
    )!;
    const elsewhere = (await client.searchDevices(admin, { dmPartitionId: DEFAULT_SPACE, rows: 1, start: 0 }))
      .searchResults[0].id;
    expect(await code(client.setStaticMembers(admin, ios.id, []))).toBe('BAD_USER_INPUT');
    expect(await code(client.removeStaticMembers(admin, ios.id, [elsewhere]))).toBe('BAD_USER_INPUT');
    expect(await code(client.setStaticMembers(admin, loaners.id, [elsewhere]))).toBe('NOT_FOUND');
    expect(
      await code(
        client.setStaticMembers(emea, (await client.listDeviceGroups(admin, DEFAULT_SPACE)).searchResults[0].id, []),
      ),
    ).toBe('FORBIDDEN');
  });

  it('a device is read in its own partition only, with the dynamic groups it matches', async () => {
    const device = (
      await client.searchDevices(admin, {
        dmPartitionId: EMEA_SPACE,
        fq: fqEq('PLATFORMTYPE', 'ANDROID'),
        rows: 1,
        start: 0,
      })
    ).searchResults[0];
    const detail = await client.getDevice(admin, device.id, EMEA_SPACE);
    expect(detail.groups?.map((group) => group.name)).toEqual(
      expect.arrayContaining(['All Devices', 'Android Devices']),
    );
    expect(await code(client.getDevice(admin, device.id, DEFAULT_SPACE))).toBe('NOT_FOUND');
  });
});

describe("the documents' form-style bodies", () => {
  const form = async (method: string, path: string, text: string) => {
    const response = await fetch(`${sim.url}/neurons${path}`, {
      method,
      headers: {
        authorization: basicAuthorization('miadmin', 'miadmin'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: text,
    });
    return {
      status: response.status,
      body: (await response.json()) as { errors: unknown; result: Record<string, unknown> | boolean },
    };
  };

  it('NG01, NG08 and NG09 accept key=value bodies with TRUE and + for spaces', async () => {
    const created = await form('POST', '/api/v1/group', 'name=ForDocs2&source=LOCAL&membershipStatic=true');
    expect(created.body).toMatchObject({ errors: null, result: { name: 'ForDocs2', membershipStatic: true } });
    const id = (created.body.result as Record<string, unknown>).id as number;
    expect((await form('PUT', `/api/v1/group/${id}/accounts`, 'accountIds=10004&append=TRUE')).body).toEqual({
      errors: null,
      result: true,
    });
    const group = await form(
      'POST',
      '/api/v1/rule_group',
      `name=TestForDocs&type=DEVICE&description=Test+for+docs&dmPartitionId=${DEFAULT_SPACE}&definition=PRETTYMODEL+EQ+'HTC+One+X'+`,
    );
    expect(group.body.result).toMatchObject({
      description: 'Test for docs',
      definition: "PRETTYMODEL EQ 'HTC One X' ",
      treeView: { rule: { field: 'PRETTYMODEL', values: ['HTC One X'] } },
    });
    expect((await form('POST', '/api/v1/group', 'name=Broken&source=LDAP')).status).toBe(400);
  });
});
