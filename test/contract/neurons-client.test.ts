// Contract tests for the Neurons for MDM client: the real-world XSOAR fixtures (byte for byte, CRLF kept) and
// the document's own samples, replayed through the real client (undici, path prefix, envelope, validation).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCredential } from '../helpers/credentials.js';
import { GatewayError } from '../../src/errors.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { NeuronsClient } from '../../src/upstream/neurons/client.js';
import { fqEq, fqFromTreeView } from '../../src/upstream/neurons/fq.js';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.js';
import type { UpstreamCaller } from '../../src/upstream/caller.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const realWorld = (file: string) => fixture(`real-world/xsoar-mobileiron-cloud/${file}`);
const documentSample = (file: string) => fixture(`documents/${file}`);

let replay: ReplayServer;
let http: UpstreamHttp;
let client: NeuronsClient;
const caller: UpstreamCaller = { credential: adminCredential('miadmin') };

beforeAll(async () => {
  replay = await startReplayServer();
  http = new UpstreamHttp('Neurons', replay.url, { connections: 2, timeoutMs: 5000, pathPrefix: '/neurons' });
  client = new NeuronsClient(http);
});
afterAll(async () => {
  await http.close();
  await replay.close();
});

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('real-world Neurons responses (xsoar-mobileiron-cloud)', () => {
  it.each([
    ['get_devices_response_page.json', 2, 108],
    ['get_devices_response_page2.json', 1, 109],
  ])('%s parses, every key of every record kept', async (file, rows, keys) => {
    const body = realWorld(file);
    expect(body.includes(Buffer.from('\r\n'))).toBe(true); // the recorded bytes, untouched
    replay.respond(200, body);
    const page = await client.searchDevices(caller, {
      dmPartitionId: 33533,
      fq: fqEq('PLATFORMTYPE', 'IOS'),
      rows: 50,
      start: 0,
    });
    expect(replay.lastPath()).toMatch(
      /^\/neurons\/api\/v1\/device\?q=&rows=50&start=0&dmPartitionId=33533&fq=PLATFORMTYPE\+EQ\+%27IOS%27$/,
    );
    const raw = JSON.parse(body.toString('utf8')) as { result: { searchResults: Array<Record<string, unknown>> } };
    expect(page.totalCount).toBe(3);
    expect(page.searchResults).toHaveLength(rows);
    expect(Object.keys(page.searchResults[0])).toHaveLength(keys);
    expect(page.searchResults).toEqual(raw.result.searchResults);
    expect(page.facetedResults?.PLATFORMTYPE).toEqual({ IOS: 1, ANDROID: 1, WINDOWS_PHONE: 2 });
  });

  it('device_response.json parses into one device with its groups and their rule trees', async () => {
    replay.respond(200, realWorld('device_response.json'));
    const device = await client.getDevice(caller, 123, 33533);
    expect(replay.lastPath()).toBe('/neurons/api/v1/device/123?dmPartitionId=33533');
    expect(device).toMatchObject({
      id: 123,
      platformType: 'WINDOWS_PHONE',
      violatedPolicies: null,
      lastCheckin: 1596026443798,
    });
    expect(Object.keys(device)).toHaveLength(178);
    const windows = device.groups?.find((group) => group.systemName === 'WINDOWS_PHONE_DEVICES');
    expect(fqFromTreeView(windows?.treeView ?? null)?.text).toBe("PLATFORMTYPE EQ 'WINDOWS_PHONE'");
  });

  it('tenant_spaces.json parses into partitions; the default one gives dmPartitionId', async () => {
    replay.respond(200, realWorld('tenant_spaces.json'));
    const page = await client.listDevicePartitions(caller);
    expect(replay.lastPath()).toBe('/neurons/api/v1/tenant/partition/device');
    expect(page.searchResults.find((partition) => partition.defaultPartition)?.id).toBe(100001);
    expect(page.searchResults[1]).toMatchObject({
      domainRule: "ACCOUNTGROUP EQ 'Marketing'",
      treeView: { rule: { values: ['Marketing'] } },
    });
  });
});

describe('document samples (004)', () => {
  it('NG01 create user group', async () => {
    replay.respond(200, documentSample('ng01-create-user-group.json'));
    expect(await client.createUserGroup(caller, { name: 'ForDocs2' })).toMatchObject({
      id: 2168413,
      createdBy: 12533,
      membershipStatic: true,
    });
  });

  it('NG02 list user groups', async () => {
    replay.respond(200, documentSample('ng02-list-user-groups.json'));
    const page = await client.listUserGroups(caller);
    expect(page).toMatchObject({ totalCount: 16, offset: 0, limit: 20 });
    expect(page.searchResults[0]).toMatchObject({
      name: 'All Users',
      lastRefresh: 1519943024892,
      treeView: { rule: { field: 'ACCOUNTGROUP' } },
    });
  });

  it('NG03/NG08 update accounts (result 0 and result true both read as done), NG07 assign', async () => {
    replay.respond(200, documentSample('ng03-update-accounts.json'));
    expect(await client.setGroupAccounts(caller, 38041, { accountIds: [10004], append: true })).toBe(true);
    replay.respond(200, documentSample('ng08-group-accounts.json'));
    expect(await client.setGroupAccounts(caller, 11003, { accountIds: [10004], append: true })).toBe(true);
    expect(replay.lastPath()).toBe('/neurons/api/v1/group/11003/accounts');
    replay.respond(200, documentSample('ng07-assign-accounts.json'));
    expect(await client.assignAccounts(caller, { accountIds: [10200], groupIds: [11124, 11125], append: true })).toBe(
      true,
    );
    expect(replay.lastPath()).toBe('/neurons/api/v1/account?accountIds=10200&groupIds=11124%2C11125&append=true');
  });

  it('NG04 delete viability and NG05 delete', async () => {
    replay.respond(200, documentSample('ng04-delete-viability.json'));
    expect((await client.checkDeleteViability(caller, [4677669])).searchResults).toEqual([]);
    expect(replay.lastPath()).toBe('/neurons/api/v1/group?checkDeleteViability=true&ids=4677669');
    replay.respond(200, documentSample('ng05-delete-group.json'));
    expect(await client.deleteUserGroup(caller, 4677669)).toBe(1);
  });

  it('NG06 delete static membership', async () => {
    replay.respond(200, documentSample('ng06-delete-static-membership.json'));
    await expect(client.removeStaticMembers(caller, 38041, [111111])).resolves.toBeUndefined();
  });

  it('NG09 create device group (normalised: the missing comma restored)', async () => {
    replay.respond(200, documentSample('ng09-create-device-group.json'));
    const group = await client.createDeviceGroup(caller, {
      name: 'TestForDocs',
      dmPartitionId: 23003,
      definition: fqEq('PRETTYMODEL', 'iPad'),
    });
    expect(group).toMatchObject({
      id: 39340,
      modifiedBy: 10044,
      createdAt: null,
      definition: "PRETTYMODEL EQ 'iPad' ",
    });
    expect(fqFromTreeView(group.treeView)?.text).toBe("PRETTYMODEL EQ 'iPad'");
  });

  it.each(['ng10-device-groups-full.json', 'ng10-device-groups-reduced.json'])('NG10 %s', async (file) => {
    replay.respond(200, documentSample(file));
    const page = await client.listDeviceGroups(caller, 23003);
    expect(page.limit).toBe(50);
    expect(page.searchResults[0]).toMatchObject({ name: 'All Devices', systemName: 'ALL_DEVICES', treeView: null });
    expect(fqFromTreeView(page.searchResults[0].treeView)).toBeNull();
  });

  it('NG11 one device group, and NG12 by name across partitions (modifiedBy objects on configs)', async () => {
    replay.respond(200, documentSample('ng11-device-group.json'));
    const group = await client.getDeviceGroup(caller, 40165, 23504);
    expect(group).toMatchObject({ memberCount: 153, dmPartitionName: 'Default Space', applicationCount: null });
    expect(replay.lastPath()).toBe('/neurons/api/v1/rule_group/40165?type=DEVICE&dmPartitionId=23504');
    replay.respond(200, documentSample('ng12-device-group-by-name.json'));
    const found = await client.findDeviceGroups(caller, 'All Devices', [23504]);
    expect(found.searchResults[0].assignedConfigs?.[0].modifiedBy).toEqual({
      id: 67076,
      accountUid: '[email protected]',
      displayName: 'Admin-qa-0',
    });
    expect(replay.lastPath()).toBe(
      '/neurons/api/v1/rule_group/partitions?q=All+Devices&type=DEVICE&fq=&dmPartitionIds=23504',
    );
  });

  it('NG13 devices by group, with sortFields[0] parameters', async () => {
    replay.respond(200, documentSample('ng13-devices-by-group.json'));
    const page = await client.searchDevices(caller, {
      dmPartitionId: 23003,
      fq: fqEq('OSVERSION', '5.0'),
      rows: 50,
      start: 0,
      sortField: 'lastCheckin',
    });
    expect(page.searchResults[0]).toMatchObject({
      id: 197483,
      violatedPolicies: ['International Roaming Devices', 'MDM / Device Administration Disabled', 'Out of Contact '],
    });
    expect(page.facetedResults?.ACCOUNTGROUP).toEqual({ 'All Users': 2 });
    expect(replay.lastPath()).toContain('&sortFields%5B0%5D.name=lastCheckin&sortFields%5B0%5D.order=ASC');
  });
});

describe('refusals and broken bodies', () => {
  it('a non-null errors list is a refusal even with HTTP 200; a validation key means bad input', async () => {
    replay.respond(
      200,
      JSON.stringify({
        errors: [{ type: 'ERROR', messageKey: 'com.mobileiron.cloud.messages.validation.failure', message: 'no' }],
        result: null,
      }),
    );
    expect(await code(client.listUserGroups(caller))).toBe('BAD_USER_INPUT');
    replay.respond(200, JSON.stringify({ errors: 'internal', result: null }));
    expect(await code(client.listUserGroups(caller))).toBe('UPSTREAM_ERROR');
  });

  it('a body without the envelope, or with a wrong result, is an upstream error; HTTP statuses map as for EPMM', async () => {
    replay.respond(200, JSON.stringify({ searchResults: [] }));
    expect(await code(client.listUserGroups(caller))).toBe('UPSTREAM_ERROR');
    replay.respond(200, JSON.stringify({ errors: null, result: { searchResults: 'x' } }));
    expect(await code(client.listDeviceGroups(caller, 1))).toBe('UPSTREAM_ERROR');
    replay.respond(401, JSON.stringify({ errors: [{ messageKey: 'auth' }], result: null }));
    expect(await code(client.listDevicePartitions(caller))).toBe('UNAUTHENTICATED');
    replay.respond(404, JSON.stringify({ errors: [{ messageKey: 'not.found' }], result: null }));
    expect(await code(client.getDevice(caller, 1, 1))).toBe('NOT_FOUND');
  });

  it('refuses an invalid path prefix at construction', () => {
    for (const pathPrefix of ['neurons/', '/neurons/', '/a//b', '/..', '/a b']) {
      expect(() => new UpstreamHttp('Neurons', replay.url, { connections: 1, timeoutMs: 5000, pathPrefix })).toThrow();
    }
  });
});
