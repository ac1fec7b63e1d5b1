// EPMM v1 device mutations (E08-E21, E25-E29) end to end. v1 and v2 change one World: a v1 lock shows LOCKED in a
// v2 search, a v1 registration appears in v2 as PENDING, a v1 bulk retire makes the devices RETIRED there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { v1DeviceState } from '../../src/simulator/v1/device-state.js';
import { EpmmClient } from '../../src/upstream/epmm/client.js';
import { EpmmV1DevicesClient, V1_BULK_MAX } from '../../src/upstream/epmm/v1-devices-client.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { adminCredential } from '../helpers/credentials.js';
import type { UpstreamCaller } from '../../src/upstream/caller.js';

let sim: RunningSimulator;
let http: UpstreamHttp;
let client: EpmmV1DevicesClient;
let v2: EpmmClient;
const as = (name: string, password = name): UpstreamCaller => ({ credential: adminCredential(name, password) });
const miadmin = as('miadmin');
const emea = as('emea');
const auth = { authorization: `Basic ${Buffer.from('miadmin:miadmin').toString('base64')}` };

beforeAll(async () => {
  sim = await startSimulator({ devices: 200, seed: 23 });
  http = new UpstreamHttp('EPMM', sim.url, { connections: 4, timeoutMs: 5000 });
  client = new EpmmV1DevicesClient(http);
  v2 = new EpmmClient(http);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});

const used = new Set<string>();
/** A device no earlier test touched, so tests stay independent within one World. */
function take(predicate: (device: SimDevice) => boolean): SimDevice {
  const device = sim.world.devices.find((candidate) => !used.has(candidate.uuid) && predicate(candidate));
  if (!device) throw new Error('the seeded world has no such device');
  used.add(device.uuid);
  return device;
}
const healthy = (platform?: SimDevice['platform']) => (device: SimDevice) =>
  device.status === 'ACTIVE' &&
  !device.noncomplianceReasons.includes('OUT_OF_CONTACT') &&
  (platform === undefined || device.platform === platform);
const mac = (device: SimDevice) => device.wifiMac.replace(/:/g, '').toUpperCase();

async function v2Row(uuid: string): Promise<Record<string, unknown>> {
  const page = await v2.searchDevices(
    { credential: miadmin.credential, adminDeviceSpaceId: 1 },
    {
      query: `"common.uuid" = "${uuid}"`,
      fields: ['common.uuid', 'common.status', 'common.last_connected_at'],
      limit: 1,
      offset: 0,
    },
  );
  return page.results[0];
}
const v2Status = async (uuid: string) => (await v2Row(uuid))['common.status'];

describe('E11-E14 lock and unlock', () => {
  it('E11 lock by uuid makes the device LOCKED in v2 and stays ACTIVE (97) in v1', async () => {
    const device = take(healthy('Android'));
    const response = await client.lock(miadmin, { uuid: device.uuid }, 'User lost device');
    expect(response).toMatchObject({ messages: ['Device is locked successfully.'], deviceUuid: device.uuid });
    expect(response.unlockPasscode).toBeUndefined();
    expect(await v2Status(device.uuid)).toBe('LOCKED');
    expect(await client.device(miadmin, device.uuid)).toMatchObject({ status: 'ACTIVE', statusCode: 97 });
  });

  it('E11 needs a Reason, at most 512 characters', async () => {
    const device = take(healthy());
    await expect(client.lock(miadmin, { uuid: device.uuid }, '')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(client.lock(miadmin, { uuid: device.uuid }, 'x'.repeat(513))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(device.status).toBe('ACTIVE');
  });

  it('E12 lock by MAC returns an unlock passcode for a laptop', async () => {
    const device = take((candidate) => healthy('macOS')(candidate) || healthy('Windows')(candidate));
    const response = await client.lock(miadmin, { mac: device.wifiMac }, 'Stolen laptop');
    expect(response.unlockPasscode).toMatch(/^\d{6}$/);
    expect(await v2Status(device.uuid)).toBe('LOCKED');
    await expect(client.lock(miadmin, { mac: '000000000000' }, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('E13 unlock (a GET) clears the passcode: Q, and the device is ACTIVE in v2 again', async () => {
    const device = take((candidate) => healthy('iOS')(candidate) && candidate.mdmManaged);
    await client.lock(miadmin, { uuid: device.uuid }, 'lost');
    const response = await client.unlock(miadmin, { uuid: device.uuid }, 'found');
    expect(response.messages).toEqual(['1 passcode(s) sent.']);
    expect(response.passcodes).toEqual([{ uuid: device.uuid, name: expect.stringContaining(':iOS:'), value: 'Q' }]);
    expect(await v2Status(device.uuid)).toBe('ACTIVE');
  });

  it('E14 unlock by MAC; a retired device cannot be unlocked', async () => {
    const device = take(healthy('Android'));
    expect((await client.unlock(miadmin, { mac: mac(device) }, 'forgot password')).passcodes[0].uuid).toBe(device.uuid);
    const retired = take((candidate) => candidate.status === 'RETIRED');
    await expect(client.unlock(miadmin, { uuid: retired.uuid }, 'x')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('E09/E10 retire, E15/E16 wipe', () => {
  it('E09 retire makes the device RETIRED in v2; afterwards it takes no action', async () => {
    const device = take(healthy());
    expect(await client.retire(miadmin, { uuid: device.uuid }, 'User replaced device')).toEqual({
      messages: ['Device is retired successfully.'],
      deviceUuid: device.uuid,
    });
    expect(await v2Status(device.uuid)).toBe('RETIRED');
    await expect(client.lock(miadmin, { uuid: device.uuid }, 'x')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await client.devicesByStatus(miadmin, 'RETIRED')).toContainEqual(
      expect.objectContaining({ uuid: device.uuid, statusCode: 114 }),
    );
  });

  it('E10 retire by MAC; an unknown MAC is NOT_FOUND', async () => {
    const device = take(healthy());
    expect((await client.retire(miadmin, { mac: device.wifiMac })).deviceUuid).toBe(device.uuid);
    expect(await v2Status(device.uuid)).toBe('RETIRED');
    await expect(client.retire(miadmin, { mac: 'AABBCCDDEEFF' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('E15 wipe makes the device WIPED (119); then only Retire is valid', async () => {
    const device = take(healthy());
    expect(await client.wipe(miadmin, { uuid: device.uuid }, 'Device stolen')).toEqual({
      messages: [],
      deviceUuid: device.uuid,
    });
    expect(await v2Status(device.uuid)).toBe('WIPED');
    expect(await client.device(miadmin, device.uuid)).toMatchObject({ status: 'WIPED', statusCode: 119 });
    await expect(client.wakeup(miadmin, { uuid: device.uuid })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await client.retire(miadmin, { uuid: device.uuid });
    expect(await v2Status(device.uuid)).toBe('RETIRED');
  });

  it('E16 wipe by MAC; a device in another space is NOT_FOUND for that admin and untouched', async () => {
    const device = take((candidate) => healthy()(candidate) && candidate.spaceId !== 2);
    await expect(client.wipe(emea, { mac: device.wifiMac })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(device.status).toBe('ACTIVE');
    await client.wipe(miadmin, { mac: device.wifiMac });
    expect(await v2Status(device.uuid)).toBe('WIPED');
  });
});

describe('E17-E21 wakeup, locate, roaming', () => {
  it('E17 wakeup: the device checks in, as v2 then shows', async () => {
    const device = take(healthy());
    const before = (await v2Row(device.uuid))['common.last_connected_at'];
    // Check-ins are dated to the second: the one the call started in, or a later one.
    const started = Math.floor(Date.now() / 1000) * 1000;
    const response = await client.wakeup(miadmin, { uuid: device.uuid });
    expect(response.messages).toEqual([`Wake up request sent to device with uuid:${device.uuid}`]);
    const after = (await v2Row(device.uuid))['common.last_connected_at'];
    expect(after).not.toBe(before);
    expect(Date.parse(String(after))).toBeGreaterThanOrEqual(started);
    expect(Date.parse(String(after))).toBeLessThanOrEqual(Date.now());
  });

  it('E18 wakeup by MAC; unknown uuid is NOT_FOUND', async () => {
    const device = take(healthy());
    expect((await client.wakeup(miadmin, { mac: device.wifiMac })).deviceUuid).toBe(device.uuid);
    await expect(client.wakeup(miadmin, { uuid: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('E19 locate: the last cell fix, then after locatenow=true (and the device answering) a GPS fix', async () => {
    const device = take(healthy('Android'));
    const first = await client.locate(miadmin, { uuid: device.uuid });
    expect(first).toMatchObject({
      deviceUuid: device.uuid,
      locateNow: false,
      locations: [{ uuid: device.uuid, lookupResult: 'Cell', radius: 1500 }],
    });
    expect((await client.locate(miadmin, { uuid: device.uuid }, { locateNow: true })).locateNow).toBe(true);
    // The device answers within "a few seconds to 1 minute"; move the request back instead of waiting.
    v1DeviceState(device).locateRequestedAt! -= 60_000;
    const second = await client.locate(miadmin, { uuid: device.uuid });
    expect(second.locations[0]).toMatchObject({ lookupResult: 'GPS' });
    expect(Math.abs(second.locations[0].latitude - first.locations[0].latitude)).toBeLessThan(0.01);
  });

  it('E20 locate by MAC; a wiped device cannot be located', async () => {
    const device = take(healthy());
    expect((await client.locate(miadmin, { mac: device.wifiMac })).locations).toHaveLength(1);
    await client.wipe(miadmin, { uuid: device.uuid });
    await expect(client.locate(miadmin, { mac: device.wifiMac })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('E21 voice=false also turns data roaming off, as the device details then report', async () => {
    const device = take((candidate) => healthy('iOS')(candidate) && candidate.imsi !== null);
    const messages = await client.enableRoaming(miadmin, device.uuid, { voice: false, data: true });
    expect(messages).toHaveLength(2);
    expect((await client.device(miadmin, device.uuid))?.details).toMatchObject({
      'Voice Roaming Enabled': 'false',
      DataRoamingEnabled: 'false',
    });
    await client.enableRoaming(miadmin, device.uuid, { voice: true, data: true });
    expect((await client.device(miadmin, device.uuid))?.details).toMatchObject({
      'Voice Roaming Enabled': 'true',
      DataRoamingEnabled: 'true',
    });
    await expect(
      client.enableRoaming(miadmin, '00000000-0000-4000-8000-000000000000', { voice: true, data: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('E08 register', () => {
  it('registers a device (and a new local user) that v1 and v2 then show as pending', async () => {
    const result = await client.register(miadmin, {
      phoneNumber: '4155551212',
      userId: 'jdoe.v1',
      platform: 'A',
      countryCode: 1,
      operator: 'Verizon Wireless',
      userFirstName: 'Joe',
      userLastName: 'Doe',
      userEmailAddress: 'jdoe@example.com',
      notifyUser: true,
      notifyUserBySms: true,
    });
    expect(result.phoneNumber).toBe('14155551212');
    expect(result.registration).toMatchObject({ messages: ['Success'], status: 'SUCCESS', passcodeTTL: 120 });
    expect(result.registration.passcode).toMatch(/^\d{5}$/);
    const uuid = result.registration.deviceUuid;
    expect(await client.device(miadmin, uuid)).toMatchObject({
      status: 'VERIFICATION_PENDING',
      statusCode: 112,
      principal: 'jdoe.v1',
      details: {},
      currentPhoneNumber: '14155551212',
      operator: 'Verizon Wireless',
    });
    expect(await v2Status(uuid)).toBe('PENDING');
    expect(await client.devicesByStatus(miadmin, 'VERIFICATION_PENDING')).toContainEqual(
      expect.objectContaining({ uuid }),
    );
  });

  it('registers a PDA for an existing user', async () => {
    const user = sim.world.users[0];
    const result = await client.register(miadmin, {
      deviceType: 'PDA',
      userId: user.userId,
      platform: 'I',
      countryCode: 33,
    });
    expect(await client.device(miadmin, result.registration.deviceUuid)).toMatchObject({
      userUuid: user.uuid,
      operator: 'PDA',
      countryCode: '33',
    });
  });

  it('refuses an unknown user without names, an unknown country code and Windows Phone', async () => {
    await expect(
      client.register(miadmin, { phoneNumber: '4155551213', userId: 'ghost', platform: 'A', countryCode: 1 }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      client.register(miadmin, {
        phoneNumber: '4155551213',
        userId: sim.world.users[0].userId,
        platform: 'A',
        countryCode: 999,
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      client.register(miadmin, {
        phoneNumber: '4155551213',
        userId: sim.world.users[0].userId,
        platform: 'M',
        countryCode: 1,
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('E25 bulk actions', () => {
  it('locks the valid devices, lists the invalid ones, and v2 shows them LOCKED', async () => {
    const a = take(healthy());
    const b = take(healthy());
    const unknown = '00000000-0000-4000-8000-000000000001';
    const result = await client.bulkAction(miadmin, 'LOCK', [a.uuid, b.uuid, unknown]);
    expect(result).toMatchObject({ messages: [], invalidDevices: [unknown], passcodes: [], failedDevices: [] });
    expect(await v2Status(a.uuid)).toBe('LOCKED');
    expect(await v2Status(b.uuid)).toBe('LOCKED');
  });

  it('UNLOCK answers passcodes synchronously; a device that cannot be unlocked is a failed device', async () => {
    const a = take((candidate) => healthy('Android')(candidate) && candidate.deviceAdminEnabled);
    const retired = take((candidate) => candidate.status === 'RETIRED');
    await client.lock(miadmin, { uuid: a.uuid }, 'x');
    const result = await client.bulkAction(miadmin, 'UNLOCK', [a.uuid, retired.uuid]);
    expect(result.passcodes).toEqual([expect.objectContaining({ uuid: a.uuid, value: 'Q' })]);
    expect(result.failedDevices).toEqual([expect.stringContaining(retired.uuid)]);
    expect(await v2Status(a.uuid)).toBe('ACTIVE');
  });

  it('sends long lists in URL-sized chunks and merges the answers', async () => {
    const devices = sim.world.devices.filter((device) => !used.has(device.uuid) && healthy()(device)).slice(0, 30);
    for (const device of devices) used.add(device.uuid);
    const unknown = Array.from({ length: 180 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await sim.hooks.reset();
    const result = await client.bulkAction(miadmin, 'WAKEUP_DEVICE', [
      ...devices.map((device) => device.uuid),
      ...unknown,
    ]);
    expect(result.invalidDevices).toEqual(unknown);
    expect(sim.hooks.stats().byRoute['POST /api/v1/dm/bulk/devices/:actionType']).toBe(3);
  });

  it('refuses an empty list and more than 20,000 uuids before calling; "Invalid action" for a wrong case', async () => {
    await expect(client.bulkAction(miadmin, 'LOCK', [])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const many = Array.from(
      { length: V1_BULK_MAX + 1 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    await expect(client.bulkAction(miadmin, 'RETIRE', many)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const response = await fetch(`${sim.url}/api/v1/dm/bulk/devices/lock?deviceUuids=${sim.world.devices[0].uuid}`, {
      method: 'POST',
      headers: auth,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      deviceManagementWebServiceResponse: { messages: { message: 'Invalid action' } },
    });
  });
});

describe('E25 limit in the simulator', () => {
  it('refuses more than bulk.api.maxdeviceuuids (20,000) uuids, which no URL can carry, at the handler', async () => {
    const match = sim.router.match('POST', '/api/v1/dm/bulk/devices/LOCK')!;
    const rawQuery = new URLSearchParams(
      Array.from({ length: 20_001 }, (_, i) => [
        'deviceUuids',
        `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      ]),
    );
    const admin = sim.world.admins.find((candidate) => candidate.name === 'miadmin')!;
    const call = () =>
      match.route.handle({
        world: sim.world,
        admin,
        params: match.params,
        query: {},
        rawQuery,
        body: undefined,
        now: Date.now(),
      });
    await expect(async () => call()).rejects.toMatchObject({ status: 400 });
    rawQuery.delete('deviceUuids');
    const device = take(healthy());
    rawQuery.append('deviceUuids', device.uuid);
    await expect(Promise.resolve(call())).resolves.toMatchObject({ status: 200 });
    expect(device.status).toBe('LOCKED');
  });
});

describe('E26/E27 send message', () => {
  it('E26 sends to all valid devices, and lists the ones it could not send to', async () => {
    const a = take((device) => healthy()(device) && device.phoneNumber !== null);
    expect(await client.sendMessage(miadmin, { uuids: [a.uuid] }, { text: 'Hello World', mode: 'sms' })).toEqual({
      messages: ['Message sent successfully for all devices.'],
      invalidDevices: [],
    });
    const unknown = '00000000-0000-4000-8000-000000000002';
    const result = await client.sendMessage(
      miadmin,
      { uuids: [a.uuid, unknown] },
      { text: 'Hello', mode: 'email', subject: 'Hi' },
    );
    expect(result.invalidDevices).toEqual([unknown]);
  });

  it('E27 sends by Wi-Fi MAC; a bad mode is refused', async () => {
    const a = take(healthy('iOS'));
    expect(
      (await client.sendMessage(miadmin, { macs: [a.wifiMac] }, { text: 'Hello', mode: 'pns' })).invalidDevices,
    ).toEqual([]);
    const response = await fetch(
      `${sim.url}/api/v1/dm/bulk/mac/sendmessage?mode=fax&message=Hi&deviceWiFiMacAddress=${mac(a)}`,
      { method: 'POST', headers: auth },
    );
    expect(response.status).toBe(400);
    await expect(client.sendMessage(miadmin, { macs: [] }, { text: 'Hello', mode: 'sms' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('E28/E29 profiles', () => {
  it('E28 lists the default policies and, on iOS, the MDM configuration (same id, other type)', async () => {
    const device = take(healthy('iOS'));
    const profiles = await client.profiles(miadmin, device.uuid);
    expect(profiles.map((profile) => [profile.id, profile.profileType])).toEqual([
      [-7, 'POLICY'],
      [-3, 'POLICY'],
      [-2, 'POLICY'],
      [-2, 'APP'],
    ]);
    expect(
      profiles.every(
        (profile) => profile.status === 'Applied' && profile.lastUpdatedAt === Date.parse(device.registeredAt),
      ),
    ).toBe(true);
  });

  it('E28 is empty for a retired device', async () => {
    const device = take((candidate) => candidate.status === 'RETIRED');
    expect(await client.profiles(miadmin, device.uuid)).toEqual([]);
  });

  it('E29 re-pushes one profile or all, which E28 then dates now', async () => {
    const device = take(healthy('Android'));
    const started = Date.now();
    await client.repushProfiles(miadmin, device.uuid, { id: -3, type: 'POLICY' });
    let profiles = await client.profiles(miadmin, device.uuid);
    expect(profiles.filter((profile) => profile.lastUpdatedAt! >= started).map((profile) => profile.id)).toEqual([-3]);
    await client.repushProfiles(miadmin, device.uuid);
    profiles = await client.profiles(miadmin, device.uuid);
    expect(profiles.every((profile) => profile.lastUpdatedAt! >= started)).toBe(true);
  });

  it('E29 refuses a profile the device does not have, and an id without a type', async () => {
    const device = take(healthy('Android'));
    await expect(client.repushProfiles(miadmin, device.uuid, { id: -2, type: 'APP' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const response = await fetch(`${sim.url}/api/v1/dm/devices/repushprofile/${device.uuid}?id=3`, {
      method: 'PUT',
      headers: auth,
    });
    expect(response.status).toBe(400);
  });
});
