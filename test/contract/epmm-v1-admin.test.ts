// Contract tests for the EPMM v1 administration client (E30-E47): the document's samples (XML in the document,
// written out as JSON per docs/epmm-v1-json.md) and their other plausible JSON readings, replayed through the
// real client.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { EpmmV1AdminClient } from '../../src/upstream/epmm/v1-admin-client.js';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.js';
import { adminCredential } from '../helpers/credentials.js';
import type { UpstreamCaller } from '../../src/upstream/caller.js';

const sample = (file: string) => readFileSync(new URL(`../fixtures/documents/${file}`, import.meta.url), 'utf8');

let replay: ReplayServer;
let http: UpstreamHttp;
let client: EpmmV1AdminClient;
const caller: UpstreamCaller = { credential: adminCredential('miadmin') };

beforeAll(async () => {
  replay = await startReplayServer();
  http = new UpstreamHttp('EPMM', replay.url, { connections: 2, timeoutMs: 5000 });
  client = new EpmmV1AdminClient(http);
});
afterAll(async () => {
  await http.close();
  await replay.close();
});
beforeEach(() => replay.respond(200, '{}'));

describe('ActiveSync samples (E30-E32)', () => {
  it('E30: five groups, flattened with their group; the other groups carry only a uuid', async () => {
    replay.respond(200, sample('e30-eas-devices.json'));
    const devices = await client.activeSyncDevices(caller);
    expect(devices.map((device) => device.group)).toEqual([
      'registeredAllowed',
      'registeredBlocked',
      'unregisteredAllowed',
      'unregisteredBlocked',
      'wiped',
    ]);
    expect(devices[0]).toMatchObject({
      uuid: 'hdgd-e93c-49b1-88d6-222f54132445',
      platformCode: 11,
      firstSyncTime: 1326179585000,
      miDeviceUuid: '6f72cabb-1d8b-4965-aa8e-a355deab8222',
      actionSource: 'EXCHANGE',
    });
    expect(devices[4]).toEqual({ uuid: 'sersdfsc-e93c-49b1-88d6-sg2wefwef', group: 'wiped' });
    expect(replay.lastPath()).toBe('/api/v1/eas/devices');
  });

  it('E30: lower-cased keys without a root element and 404 "no data" both parse', async () => {
    replay.respond(
      200,
      JSON.stringify({
        messages: '',
        registeredalloweddevices: [{ uuid: 'a-1', platformcode: '11' }],
        wipeddevices: '',
      }),
    );
    expect(await client.activeSyncDevices(caller)).toEqual([
      { uuid: 'a-1', platformCode: 11, group: 'registeredAllowed' },
    ]);
    replay.respond(404, '{"easWebServiceReponse":{"messages":{"message":"No devices found."}}}');
    expect(await client.activeSyncDevices(caller)).toEqual([]);
  });

  it('E31: details become a map with Exchange dates as text', async () => {
    replay.respond(200, sample('e31-eas-device.json'));
    const details = await client.activeSyncDevice(caller, 'ee8198d9-5d79-4961-94c4-e21bf04b2467');
    expect(details.uuid).toBe('f5def24e-4380-4565-bd2f-8cf002fd64cd');
    expect(details.details).toMatchObject({
      FirstSyncTime: '7/6/2010 11:29:33 AM',
      DeviceActiveSyncVersion: '12.1',
      RecoveryPassword: '******',
    });
    expect(Object.keys(details.details)).toHaveLength(22);
  });

  it('E31: a uuid that is not a path-safe id is refused before any call', async () => {
    await expect(client.activeSyncDevice(caller, '../dm/devices')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('E32: repeated uuids, the documented message; another message is a refusal', async () => {
    replay.respond(200, sample('e32-eas-action.json'));
    expect(
      await client.activeSyncAction(caller, 'BLOCK_DEVICE', [
        'ee8198d9-5d79-4961-94c4-e21bf04b2467',
        'fe816c9-4c68-3850-83b3-d10ae93a1356',
      ]),
    ).toBe('1 device(s) modified to BLOCK_DEVICE status');
    expect(replay.lastPath()).toBe(
      '/api/v1/eas/devices?action=BLOCK_DEVICE&uuids=ee8198d9-5d79-4961-94c4-e21bf04b2467&uuids=fe816c9-4c68-3850-83b3-d10ae93a1356',
    );
    replay.respond(200, '{"easWebServiceResponse":{"messages":{"message":"Invalid action"}}}');
    await expect(client.activeSyncAction(caller, 'WIPE', ['x-1'])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('security management samples (E33-E36)', () => {
  it('E33: the success message; a failure message with status 200 is BAD_USER_INPUT', async () => {
    replay.respond(200, sample('e33-password.json'));
    expect(await client.updatePassword(caller, 'jdoe', { oldPassword: 'abcd1234', newPassword: 'wxy!13579' })).toBe(
      'Password changed successfully for user: jdoe',
    );
    replay.respond(
      200,
      '{"securityManagementWebServiceResponse":{"userName":"jdoe","messages":{"message":"Old password is incorrect"}}}',
    );
    await expect(client.updatePassword(caller, 'jdoe', { newPassword: 'wxy!13579' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('E34 and E36: the miadmin sample, 20 repeated roles, a blank last name', async () => {
    replay.respond(200, sample('e34-find-user.json'));
    const user = await client.findUser(caller, 'miadmin');
    expect(user).toMatchObject({
      id: 9001,
      uuid: 'f89d8cbf-59d7-47e6-97c2-4681ed8f954a',
      principal: 'miadmin',
      createdAt: 1374085200000,
      lastName: ' ',
      userSource: 76,
    });
    expect(user.roles).toHaveLength(20);
    expect(user.roles).toContain('ROLE_API');
    replay.respond(200, sample('e34-find-user.json'));
    expect((await client.authenticateUser(caller, 'miadmin', 'abcd1234')).principal).toBe('miadmin');
    expect(replay.lastPath()).toBe('/api/v1/sm/authentication');
  });

  it('E34: one role arrives as a bare value; E36: 401 is UNAUTHENTICATED', async () => {
    replay.respond(
      200,
      JSON.stringify({ user: { '@id': '7', principal: 'jdoe', roles: 'ROLE_USER_PORTAL_RW', enabled: 'true' } }),
    );
    expect(await client.findUser(caller, 'jdoe@example.com')).toEqual({
      id: 7,
      principal: 'jdoe',
      roles: ['ROLE_USER_PORTAL_RW'],
      enabled: true,
    });
    replay.respond(
      401,
      '{"securityManagementWebServiceResponse":{"messages":{"message":"Invalid username or password."}}}',
    );
    await expect(client.authenticateUser(caller, 'jdoe', 'wrongpass')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('E35: two LDAP users (query form); a 1-character search is refused before any call', async () => {
    replay.respond(200, sample('e35-ldap-search.json'));
    const users = await client.searchLdapUsers(caller, 'testuser000');
    expect(users.map((user) => user.principal)).toEqual(['testuser0001', 'testuser0003']);
    expect(users[0]).toMatchObject({ enabled: false, firstName: 'Test', lastName: 'User0001', userSource: 68 });
    expect(replay.lastPath()).toBe('/api/v1/sm/users/search/ldap?userid=testuser000');
    await expect(client.searchLdapUsers(caller, 'j')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('alert samples (E37-E42)', () => {
  it.each([
    ['E37', 'e37-alerts.json', 163],
    ['E38', 'e38-alerts-by-phone.json', 1],
    ['E39', 'e39-e40-alerts-by-user.json', 1],
  ])('%s: isActive=false reads as read', async (_id, file, labelId) => {
    replay.respond(200, sample(file));
    const [alert] = await client.alerts(caller);
    expect(alert).toMatchObject({
      id: 5,
      labelId,
      isActive: false,
      read: true,
      alertDefnName: 'MEMORY_SIZE_EXCEEDED_ALERT',
      severity: 'WARNING',
      transport: 'EMAIL',
    });
  });

  it('E37-E40: paths and the isRead filter', async () => {
    replay.respond(200, sample('e37-alerts.json'));
    await client.alerts(caller, { read: false });
    expect(replay.lastPath()).toBe('/api/v1/alerts?isRead=false');
    await client.alertsByPhone(caller, '6505551212', { read: true });
    expect(replay.lastPath()).toBe('/api/v1/alerts/phones/6505551212?isRead=true');
    await client.alertsByUser(caller, 'jdoe');
    expect(replay.lastPath()).toBe('/api/v1/alerts/users/jdoe');
    await client.alertsByUserAndPhone(caller, 'jdoe', '16505551212');
    expect(replay.lastPath()).toBe('/api/v1/alerts/users/jdoe/phones/16505551212');
  });

  it('E38: the line-wrapped type of the PDF, an attribute id and text booleans are normalised; 404 is no alerts', async () => {
    replay.respond(
      200,
      JSON.stringify({
        alerts: {
          alert: {
            '-id': '9',
            deviceUuid: '6482dce2-ea75-400a-9f2c- d67766d942cf',
            alertDate: 'x',
            alertText: 't',
            isActive: 'True',
            alertDefnName: 'MEMORY_SIZE_EXCEEDED_ ALERT',
            severity: 'CRITICAL',
            transport: 'SMS',
            status: 'CREATED',
          },
        },
      }),
    );
    expect(await client.alertsByPhone(caller, '6505551212')).toEqual([
      expect.objectContaining({
        id: 9,
        deviceUuid: '6482dce2-ea75-400a-9f2c-d67766d942cf',
        read: false,
        alertDefnName: 'MEMORY_SIZE_EXCEEDED_ALERT',
      }),
    ]);
    replay.respond(404, '{"alertWebServiceResponse":{"messages":{"message":"No alerts found."}}}');
    expect(await client.alertsByUser(caller, 'nobody')).toEqual([]);
  });

  it('E41 and E42: documented messages and repeated ids; over-long comments are refused before any call', async () => {
    replay.respond(200, sample('e41-update-alert.json'));
    expect(await client.updateAlert(caller, 3936, { read: false, comments: 'Reset' })).toBe(
      'Updated alert 3936 successfully',
    );
    expect(replay.lastPath()).toBe('/api/v1/alerts/3936?isRead=false&comments=Reset');
    replay.respond(200, sample('e42-update-alerts.json'));
    expect(await client.updateAlerts(caller, [3936, 3934], { read: true, comments: 'Jdoe read this alert' })).toBe(
      'Updated 10 alert(s) successfully',
    );
    expect(replay.lastPath()).toBe('/api/v1/alerts?id=3936&id=3934&isRead=true&comments=Jdoe+read+this+alert');
    await expect(client.updateAlert(caller, 1, { read: true, comments: 'x'.repeat(256) })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('policy and application setting samples (E43-E47)', () => {
  it('E43 and E44: one policy as a bare object, one rule as a bare object', async () => {
    replay.respond(200, sample('e43-policies.json'));
    const [policy] = await client.policies(caller);
    expect(policy).toMatchObject({
      id: -2,
      policyName: 'Default Privacy Policy',
      policyType: 'DEFAULT',
      active: true,
      deviceCount: 1,
      pendingCount: 1,
    });
    expect(policy.rules).toEqual([
      { type: 'PRIVACY_SYNC_CALLLOGS', value: 'store', clientValue: 'off', resourceDTOs: [] },
    ]);
    replay.respond(200, sample('e44-device-policies.json'));
    expect((await client.devicePolicies(caller, '027d9439-0f75-4d30-8d7d-120b4cb8646b'))[0]).toMatchObject({
      id: -2,
      deviceCount: 0,
    });
    expect(replay.lastPath()).toBe('/api/v1/policies/devices/027d9439-0f75-4d30-8d7d-120b4cb8646b');
  });

  it('E44: 404 for a device stays NOT_FOUND', async () => {
    replay.respond(404, '{"policyWebServiceResponse":{"messages":{"message":"No device found"}}}');
    await expect(client.devicePolicies(caller, '027d9439-0f75-4d30-8d7d-120b4cb8646b')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('E45: negative policy id in the path, the documented message', async () => {
    replay.respond(200, sample('e45-policy-label.json'));
    expect(await client.setPolicyLabel(caller, -2, 'Testlabel', 'apply')).toBe(
      'Policy applied to label Android successfully.',
    );
    expect(replay.lastPath()).toBe('/api/v1/policies/-2?action=apply_label&label=Testlabel');
  });

  it('E46 and E47: the iOS MDM CA certificate with one label and its properties', async () => {
    replay.respond(200, sample('e46-appsettings.json'));
    const [setting] = await client.appSettings(caller, 'CERTIFICATE');
    expect(setting).toMatchObject({
      id: -4,
      appType: 'CERTIFICATE',
      type: 'SYSTEM',
      labels: [-4],
      labelNames: ['iOS'],
      quarantinedCount: 0,
    });
    expect(setting.properties.SUPPORT_MULTIPLE_CONSUMERS).toBe('false');
    expect(replay.lastPath()).toBe('/api/v1/appsettings?type=CERTIFICATE');
    replay.respond(200, sample('e47-device-appsettings.json'));
    const [onDevice] = await client.deviceAppSettings(caller, '12849438-0d74-3c30-6b7d-121a3da8645d');
    expect(onDevice).toMatchObject({ id: -4, state: 67, labels: [], labelNames: [] });
    expect(Object.keys(onDevice.properties)).toEqual(['CERT_SERIAL_NUMBER0', 'CERTPATH0']);
  });

  it('a body of the wrong shape is UPSTREAM_ERROR', async () => {
    replay.respond(200, '{"policyWebServiceResponse":{"policies":{"policy":{"policyName":"no id"}}}}');
    await expect(client.policies(caller)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });
});
