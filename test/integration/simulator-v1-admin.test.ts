// EPMM v1 administration (E30-E47) end to end: the typed client against the real simulator, over one World, so
// state changes made by one call show in the next (a read alert stays read, a policy applied to a label shows on
// that label's devices, a blocked ActiveSync device moves group, a changed password authenticates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { LABEL_ID } from '../../src/simulator/fleet/label-catalog.js';
import { POLICY_ID } from '../../src/simulator/fleet/policies.js';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { EpmmV1AdminClient } from '../../src/upstream/epmm/v1-admin-client.js';
import { adminCredential } from '../helpers/credentials.js';
import type { UpstreamCaller } from '../../src/upstream/caller.js';

let sim: RunningSimulator;
let http: UpstreamHttp;
let client: EpmmV1AdminClient;
const as = (name: string, password = name): UpstreamCaller => ({ credential: adminCredential(name, password) });
const miadmin = as('miadmin');
const emea = as('emea');
const EMEA_SPACE = 2;

beforeAll(async () => {
  sim = await startSimulator({ devices: 200, seed: 11 });
  http = new UpstreamHttp('EPMM', sim.url, { connections: 4, timeoutMs: 5000 });
  client = new EpmmV1AdminClient(http);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});

const digits = (device: SimDevice) => device.phoneNumber!.replace(/\D/g, '');
const deviceOf = (uuid: string) => sim.world.devicesByUuid.get(uuid)!;

describe('access', () => {
  it('v1 needs the API (Mobile App) role: every E30-E47 call is 403 for the help desk, 401 for a wrong password', async () => {
    const helpdesk = as('helpdesk');
    const device = sim.world.devices[0].uuid;
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['E30', () => client.activeSyncDevices(helpdesk)],
      ['E31', () => client.activeSyncDevice(helpdesk, sim.world.activeSyncDevices[0].uuid)],
      ['E32', () => client.activeSyncAction(helpdesk, 'WIPE', [sim.world.activeSyncDevices[0].uuid])],
      [
        'E33',
        () => client.updatePassword(helpdesk, 'miadmin', { oldPassword: 'miadmin', newPassword: 'LongEnough#1' }),
      ],
      ['E34', () => client.findUser(helpdesk, 'miadmin')],
      ['E35', () => client.searchLdapUsers(helpdesk, 'mi')],
      ['E36', () => client.authenticateUser(helpdesk, 'miadmin', 'miadmin')],
      ['E37', () => client.alerts(helpdesk)],
      ['E38', () => client.alertsByPhone(helpdesk, '6505551212')],
      ['E39', () => client.alertsByUser(helpdesk, 'miadmin')],
      ['E40', () => client.alertsByUserAndPhone(helpdesk, 'miadmin', '6505551212')],
      ['E41', () => client.updateAlert(helpdesk, 1, { read: true, comments: 'x' })],
      ['E42', () => client.updateAlerts(helpdesk, [1], { read: true, comments: 'x' })],
      ['E43', () => client.policies(helpdesk)],
      ['E44', () => client.devicePolicies(helpdesk, device)],
      ['E45', () => client.setPolicyLabel(helpdesk, POLICY_ID.defaultPrivacy, 'Sales', 'apply')],
      ['E46', () => client.appSettings(helpdesk)],
      ['E47', () => client.deviceAppSettings(helpdesk, device)],
    ];
    for (const [id, call] of calls) await expect(call(), id).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.alerts(as('miadmin', 'wrong'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(sim.world.alertsById.get(1)!.comments).toBeNull();
  });
});

describe('ActiveSync (E30-E32)', () => {
  it('E30 lists every partnership once, in its group; an EMEA admin sees only EMEA devices and unmanaged phones', async () => {
    const all = await client.activeSyncDevices(miadmin);
    expect(all).toHaveLength(sim.world.activeSyncDevices.length);
    expect(new Set(all.map((device) => device.group)).size).toBeGreaterThan(1);
    const registered = all.find((device) => device.group === 'registeredAllowed')!;
    expect(deviceOf(registered.miDeviceUuid!).uuid).toBe(registered.miDeviceUuid);
    const scoped = await client.activeSyncDevices(emea);
    expect(scoped.length).toBeLessThan(all.length);
    expect(scoped.every((device) => !device.miDeviceUuid || deviceOf(device.miDeviceUuid).spaceId === EMEA_SPACE)).toBe(
      true,
    );
  });

  it('E31 returns the details of one partnership; an unknown uuid is NOT_FOUND', async () => {
    const partnership = sim.world.activeSyncDevices[0];
    const details = await client.activeSyncDevice(miadmin, partnership.uuid);
    expect(details.uuid).toBe(partnership.uuid);
    expect(details.details).toMatchObject({ DeviceID: partnership.deviceId, DeviceModel: partnership.model });
    expect(details.details.FirstSyncTime).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/);
    await expect(client.activeSyncDevice(miadmin, 'hdgd-e93c-49b1-88d6-222f54132445')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('E32 blocks and reinstates: the device moves between E30 groups; unknown uuids only are NOT_FOUND', async () => {
    const target = (await client.activeSyncDevices(miadmin)).find((device) => device.group === 'registeredAllowed')!;
    expect(await client.activeSyncAction(miadmin, 'BLOCK_DEVICE', [target.uuid, 'not-a-partnership'])).toBe(
      '1 device(s) modified to BLOCK_DEVICE status',
    );
    const blocked = (await client.activeSyncDevices(miadmin)).find((device) => device.uuid === target.uuid)!;
    expect(blocked).toMatchObject({ group: 'registeredBlocked', activeSyncStatus: 'Blocked', actionSource: 'MANUAL' });
    expect((await client.activeSyncDevice(miadmin, target.uuid)).details.ActionSource).toBe('Manual');
    await client.activeSyncAction(miadmin, 'REINSTATE_DEVICE', [target.uuid]);
    expect((await client.activeSyncDevices(miadmin)).find((device) => device.uuid === target.uuid)!.group).toBe(
      'registeredAllowed',
    );
    await expect(client.activeSyncAction(miadmin, 'WIPE', ['not-a-partnership'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('users (E33-E36)', () => {
  const ldapUser = () => sim.world.users.find((user) => user.source === 'LDAP')!;
  const localUser = () =>
    sim.world.users.find((user) => user.source === 'LOCAL' && user.userId.length <= 20 && user.userId.length >= 8)!;

  it('E34 finds a user by login and by e-mail, and an administrator with its roles; unknown is NOT_FOUND', async () => {
    const user = ldapUser();
    expect(await client.findUser(miadmin, user.userId)).toMatchObject({
      uuid: user.uuid,
      principal: user.userId,
      email: user.email,
      userSource: 68,
    });
    expect((await client.findUser(miadmin, user.email.toUpperCase())).principal).toBe(user.userId);
    const admin = await client.findUser(miadmin, 'miadmin');
    expect(admin).toMatchObject({ id: 9001, principal: 'miadmin', userSource: 76 });
    expect(admin.roles).toContain('ROLE_API');
    await expect(client.findUser(miadmin, 'no.such.user')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('E35 searches LDAP users by login prefix, in both documented URL forms; too many results is BAD_USER_INPUT', async () => {
    const user = ldapUser();
    const found = await client.searchLdapUsers(miadmin, user.userId);
    expect(found.map((entry) => entry.principal)).toContain(user.userId);
    expect(found.every((entry) => entry.userSource === 68 && entry.principal.startsWith(user.userId))).toBe(true);
    const pathForm = await fetch(`${sim.url}/api/v1/sm/users/search/ldap/${user.userId}`, {
      headers: { authorization: miadmin.credential.authorization, accept: 'application/json' },
    });
    expect(pathForm.status).toBe(200);
    // No two-letter prefix reaches the limit of 100 in a 200-device world, so the directory grows by 101 users.
    const template = ldapUser();
    for (let i = 0; i < 101; i++)
      sim.world.users.push({
        ...template,
        uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        userId: `qx${i}`,
      });
    expect(await client.searchLdapUsers(miadmin, 'qx100')).toHaveLength(1);
    await expect(client.searchLdapUsers(miadmin, 'qx')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await client.searchLdapUsers(miadmin, 'zz-nobody')).toEqual([]);
  });

  it('E36 checks credentials (initial password = login); wrong or too short is UNAUTHENTICATED', async () => {
    const user = localUser();
    expect((await client.authenticateUser(miadmin, user.userId, user.userId)).uuid).toBe(user.uuid);
    await expect(client.authenticateUser(miadmin, user.userId, 'wrong-password')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(client.authenticateUser(miadmin, 'miadmin', 'miadmin')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('E33 changes a password, which E36 then accepts; a wrong old password or a short new one is refused', async () => {
    const user = sim.world.users.filter((candidate) => candidate.source === 'LOCAL')[1];
    await expect(
      client.updatePassword(miadmin, user.userId, { oldPassword: 'not-it-at-all', newPassword: 'NewPass#2026' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      client.updatePassword(miadmin, user.userId, { oldPassword: user.userId, newPassword: 'short' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      await client.updatePassword(miadmin, user.userId, { oldPassword: user.userId, newPassword: 'NewPass#2026' }),
    ).toBe(`Password changed successfully for user: ${user.userId}`);
    expect((await client.authenticateUser(miadmin, user.userId, 'NewPass#2026')).principal).toBe(user.userId);
    await expect(client.authenticateUser(miadmin, user.userId, user.userId)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(
      client.updatePassword(miadmin, 'no.such.user', { oldPassword: 'x', newPassword: 'NewPass#2026' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('alerts (E37-E42)', () => {
  it('E37 lists all alerts; isRead filters on the inverted isActive flag', async () => {
    const all = await client.alerts(miadmin);
    expect(all).toHaveLength(sim.world.alerts.length);
    const read = await client.alerts(miadmin, { read: true });
    const unread = await client.alerts(miadmin, { read: false });
    expect(read.length + unread.length).toBe(all.length);
    expect(read.every((alert) => alert.isActive === false && alert.read)).toBe(true);
    expect(unread.every((alert) => alert.isActive === true && !alert.read)).toBe(true);
  });

  it("E37 hides alerts of devices outside the admin's spaces", async () => {
    const scoped = await client.alerts(emea);
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.length).toBeLessThan(sim.world.alerts.length);
    expect(scoped.every((alert) => deviceOf(alert.deviceUuid).spaceId === EMEA_SPACE)).toBe(true);
  });

  it('E38 by phone, E39 by user, E40 by user and phone; an unknown user has none', async () => {
    const alert = sim.world.alerts.find((candidate) => deviceOf(candidate.deviceUuid).phoneNumber !== null)!;
    const device = deviceOf(alert.deviceUuid);
    const byPhone = await client.alertsByPhone(miadmin, digits(device));
    expect(byPhone.map((entry) => entry.id)).toContain(alert.id);
    expect(byPhone.every((entry) => deviceOf(entry.deviceUuid).phoneNumber === device.phoneNumber)).toBe(true);
    const byUser = await client.alertsByUser(miadmin, alert.userName);
    expect(byUser.map((entry) => entry.id)).toEqual(
      sim.world.alerts.filter((entry) => entry.userName === alert.userName).map((entry) => entry.id),
    );
    const byBoth = await client.alertsByUserAndPhone(miadmin, alert.userName, digits(device));
    expect(byBoth.map((entry) => entry.id)).toContain(alert.id);
    expect(byBoth.every((entry) => entry.userName === alert.userName)).toBe(true);
    expect(await client.alertsByUser(miadmin, 'no.such.user')).toEqual([]);
    expect(await client.alertsByPhone(miadmin, '1000000000')).toEqual([]);
    expect(await client.alertsByUserAndPhone(miadmin, 'no.such.user', digits(device))).toEqual([]);
  });

  it('E41 marks an alert read and it stays read in later reads; an unknown id is NOT_FOUND', async () => {
    const alert = sim.world.alerts.find((candidate) => candidate.isActive)!;
    expect(await client.updateAlert(miadmin, alert.id, { read: true, comments: 'Seen by the help desk' })).toBe(
      `Updated alert ${alert.id} successfully`,
    );
    const later = (await client.alertsByUser(miadmin, alert.userName)).find((entry) => entry.id === alert.id)!;
    expect(later).toMatchObject({ isActive: false, read: true });
    expect((await client.alerts(miadmin, { read: false })).map((entry) => entry.id)).not.toContain(alert.id);
    expect((await client.alerts(miadmin, { read: true })).map((entry) => entry.id)).toContain(alert.id);
    await expect(client.updateAlert(miadmin, 99_999_999, { read: true, comments: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("E42 marks a list unread; an alert outside the admin's spaces is not touched", async () => {
    const readOnes = sim.world.alerts
      .filter((alert) => !alert.isActive && deviceOf(alert.deviceUuid).spaceId === EMEA_SPACE)
      .slice(0, 3);
    const outside = sim.world.alerts.find(
      (alert) => !alert.isActive && deviceOf(alert.deviceUuid).spaceId !== EMEA_SPACE,
    )!;
    const ids = [...readOnes.map((alert) => alert.id), outside.id];
    expect(await client.updateAlerts(emea, ids, { read: false, comments: 'Reopened' })).toBe(
      `Updated ${readOnes.length} alert(s) successfully`,
    );
    const unread = new Set((await client.alerts(miadmin, { read: false })).map((alert) => alert.id));
    expect(readOnes.every((alert) => unread.has(alert.id))).toBe(true);
    expect(unread.has(outside.id)).toBe(false);
    await expect(client.updateAlerts(emea, [outside.id], { read: false, comments: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('policies (E43-E45)', () => {
  it('E43 lists every policy with rules; default policies count the devices no enterprise policy of their type reaches', async () => {
    const policies = await client.policies(miadmin);
    expect(policies.map((policy) => policy.id)).toEqual(sim.world.policies.map((policy) => policy.id));
    const privacy = policies.find((policy) => policy.id === POLICY_ID.defaultPrivacy)!;
    expect(privacy).toMatchObject({ policyType: 'DEFAULT', profileType: 'PRIVACY', active: true });
    expect(privacy.rules.map((rule) => rule.type)).toContain('PRIVACY_SYNC_CALLLOGS');
    const managed = sim.world.devices.filter(
      (device) => device.status !== 'RETIRED' && device.status !== 'WIPED',
    ).length;
    const privacyTotal = policies
      .filter((policy) => policy.profileType === 'PRIVACY')
      .reduce((sum, policy) => sum + policy.deviceCount! + policy.pendingCount!, 0);
    expect(privacyTotal).toBe(managed);
  });

  it('E44 returns one policy per type for a device; an unknown or out-of-space device is NOT_FOUND', async () => {
    const device = sim.world.devices.find(
      (candidate) => candidate.status === 'ACTIVE' && candidate.spaceId !== EMEA_SPACE,
    )!;
    const policies = await client.devicePolicies(miadmin, device.uuid);
    expect(policies.map((policy) => policy.profileType).sort()).toEqual(['LOCKDOWN', 'PRIVACY', 'SECURITY', 'SYNC']);
    expect(policies.every((policy) => policy.deviceCount === 0 && policy.pendingCount === 0)).toBe(true);
    await expect(client.devicePolicies(emea, device.uuid)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.devicePolicies(miadmin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("E45 applies a policy to a label: E44 shows it on that label's devices only, and removal takes it back", async () => {
    const inSales = sim.world.devices.find(
      (device) =>
        device.status === 'ACTIVE' && device.labelIds.has(LABEL_ID.sales) && !device.labelIds.has(LABEL_ID.kiosk),
    )!;
    const notInSales = sim.world.devices.find(
      (device) => device.status === 'ACTIVE' && !device.labelIds.has(LABEL_ID.sales),
    )!;
    const lockdownOf = async (device: SimDevice) =>
      (await client.devicePolicies(miadmin, device.uuid)).find((policy) => policy.profileType === 'LOCKDOWN')!.id;
    expect(await lockdownOf(inSales)).not.toBe(POLICY_ID.lostDeviceLockdown);
    expect(await client.setPolicyLabel(miadmin, POLICY_ID.lostDeviceLockdown, 'Sales', 'apply')).toBe(
      'Policy applied to label Sales successfully.',
    );
    expect(await lockdownOf(inSales)).toBe(POLICY_ID.lostDeviceLockdown);
    expect(await lockdownOf(notInSales)).not.toBe(POLICY_ID.lostDeviceLockdown);
    expect(
      (await client.policies(miadmin)).find((policy) => policy.id === POLICY_ID.lostDeviceLockdown)!.deviceCount,
    ).toBeGreaterThan(0);
    expect(await client.setPolicyLabel(miadmin, POLICY_ID.lostDeviceLockdown, 'Sales', 'remove')).toBe(
      'Policy removed from label Sales successfully.',
    );
    expect(await lockdownOf(inSales)).not.toBe(POLICY_ID.lostDeviceLockdown);
  });

  it('E45: an unknown policy or label is NOT_FOUND', async () => {
    await expect(client.setPolicyLabel(miadmin, 4242, 'Sales', 'apply')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      client.setPolicyLabel(miadmin, POLICY_ID.defaultPrivacy, 'No-Such-Label', 'apply'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('application settings (E46-E47)', () => {
  it('E46 lists all settings with labels and counts, and filters by type; an unknown type is BAD_USER_INPUT', async () => {
    const all = await client.appSettings(miadmin);
    expect(all.map((setting) => setting.id)).toEqual(sim.world.appSettings.map((setting) => setting.id));
    const certificate = all.find((setting) => setting.id === -4)!;
    expect(certificate).toMatchObject({
      appType: 'CERTIFICATE',
      type: 'SYSTEM',
      labels: [LABEL_ID.iOS],
      labelNames: ['iOS'],
    });
    const iosDevices = sim.world.devices.filter(
      (device) => device.labelIds.has(LABEL_ID.iOS) && device.status !== 'RETIRED' && device.status !== 'WIPED',
    ).length;
    expect(certificate.deviceCount! + certificate.pendingCount! + certificate.quarantinedCount!).toBe(iosDevices);
    const wifi = await client.appSettings(miadmin, 'WIFI');
    expect(wifi.length).toBeGreaterThan(0);
    expect(wifi.every((setting) => setting.appType === 'WIFI')).toBe(true);
    await expect(client.appSettings(miadmin, 'NOT_A_TYPE')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('E47 returns the settings a device gets through its labels; an unknown device is NOT_FOUND', async () => {
    const device = sim.world.devices.find(
      (candidate) => candidate.status === 'ACTIVE' && candidate.platform === 'iOS',
    )!;
    const settings = await client.deviceAppSettings(miadmin, device.uuid);
    expect(settings.map((setting) => setting.id)).toContain(-4);
    expect(
      settings.every((setting) => setting.state === 67 && setting.deviceCount === 0 && setting.labels.length === 0),
    ).toBe(true);
    await expect(client.deviceAppSettings(miadmin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
