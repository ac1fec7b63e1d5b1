// V03, V05, V14-V21, V23 and V25 through the typed clients against the simulator: each call's success, its
// documented failures, and that the change is visible to later calls (search, labels, delete).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpmmClient, type EpmmCaller } from '../../src/upstream/epmm/client.js';
import { EpmmV2DevicesClient } from '../../src/upstream/epmm/v2-devices-client.js';
import { DEVICE_ACTION_SUCCESSFUL } from '../../src/upstream/epmm/device-actions-dto.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { adminCredential } from '../helpers/credentials.js';

let simulator: RunningSimulator;
let http: UpstreamHttp;
let actions: EpmmV2DevicesClient;
let search: EpmmClient;
const as = (name: string, adminDeviceSpaceId = 1): EpmmCaller => ({
  credential: adminCredential(name),
  adminDeviceSpaceId,
});
const miadmin = as('miadmin');
const DAY = 24 * 3_600_000;

beforeAll(async () => {
  simulator = await startSimulator({ devices: 200, seed: 23 });
  http = new UpstreamHttp('EPMM', simulator.url, { connections: 4, timeoutMs: 5000 });
  actions = new EpmmV2DevicesClient(http);
  search = new EpmmClient(http);
});
afterAll(async () => {
  await http.close();
  await simulator.close();
});

/** Distinct devices per test, so that tests do not depend on each other's changes. */
const used = new Set<string>();
function take(predicate: (device: SimDevice) => boolean): SimDevice {
  const device = simulator.world.devices.find((candidate) => !used.has(candidate.uuid) && predicate(candidate));
  if (!device) throw new Error('no such device in the test fleet');
  used.add(device.uuid);
  return device;
}
const active = (platform?: SimDevice['platform']) => (device: SimDevice) =>
  device.status === 'ACTIVE' &&
  (platform === undefined || device.platform === platform) &&
  !device.noncomplianceReasons.includes('OUT_OF_CONTACT');
const statusInSearch = async (uuid: string) =>
  (
    await search.searchDevices(miadmin, {
      query: `"common.uuid" = "${uuid}"`,
      fields: ['common.status'],
      limit: 1,
      offset: 0,
    })
  ).results[0]?.['common.status'];

describe('V19 lock and V20 unlock', () => {
  it('lock shows LOCKED in a later search, unlock ACTIVE again; short form, successes listed', async () => {
    const device = take(active());
    const locked = await actions.lock(miadmin, [device.uuid], 'Employee left company.');
    expect(locked).toEqual({
      actionType: 'LOCK',
      deviceResults: { [device.uuid]: DEVICE_ACTION_SUCCESSFUL },
      successful: true,
    });
    expect(await statusInSearch(device.uuid)).toBe('LOCKED');
    expect(await actions.unlock(miadmin, [device.uuid])).toMatchObject({ actionType: 'UNLOCK', successful: true });
    expect(await statusInSearch(device.uuid)).toBe('ACTIVE');
  });

  it('an unknown uuid and a device in another space fail per device; a retired device is refused', async () => {
    const device = take(active());
    const outside = take((candidate) => candidate.spaceId !== 2 && candidate.status === 'ACTIVE');
    const retired = take((candidate) => candidate.status === 'RETIRED' && candidate.spaceId === 2);
    const response = await actions.lock(as('emea', 2), [
      '00000000-0000-4000-8000-000000000000',
      outside.uuid,
      retired.uuid,
    ]);
    expect(response).toEqual({
      actionType: 'LOCK',
      deviceResults: {
        '00000000-0000-4000-8000-000000000000': 'Device not found',
        [outside.uuid]: 'Device not found',
        [retired.uuid]: 'Action not allowed for a device in state RETIRED',
      },
      successful: false,
    });
    expect(outside.status).toBe('ACTIVE');
    // A role the admin lacks and a space outside theirs are refused as a whole.
    await expect(actions.lock(as('viewer'), [device.uuid])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(actions.unlock(as('emea', 1), [device.uuid])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('V14 wake up', () => {
  it('a check-in: a fresh last check-in time and no longer out of contact', async () => {
    const device = take(
      (candidate) => candidate.status === 'ACTIVE' && candidate.noncomplianceReasons.includes('OUT_OF_CONTACT'),
    );
    // Check-ins are dated to the second: the one the call started in, or a later one.
    const before = Math.floor(Date.now() / 1000) * 1000;
    expect(await actions.wakeUp(as('helpdesk'), [device.uuid], 'Please check in.')).toMatchObject({
      actionType: 'WAKEUP_DEVICE',
      successful: true,
    });
    expect(Date.parse(device.lastCheckinAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(device.lastCheckinAt)).toBeLessThanOrEqual(Date.now());
    expect(device.noncomplianceReasons).not.toContain('OUT_OF_CONTACT');
  });

  it('a pending device cannot check in; a body without uuids is 400', async () => {
    const pending = take((candidate) => candidate.status === 'PENDING');
    expect((await actions.wakeUp(miadmin, [pending.uuid])).deviceResults[pending.uuid]).toBe(
      'Action not allowed for a device in state PENDING',
    );
    await expect(actions.wakeUp(miadmin, [])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('V15 send message and V03 act on a device', () => {
  it('sendmessage answers the long form with the device in records', async () => {
    const device = take(active());
    const response = await actions.sendMessage(as('helpdesk'), [device.uuid], {
      message: 'Data roaming is expensive.',
      mode: 'email',
      subject: 'About data roaming',
    });
    expect(response).toEqual({
      results: [{ resultId: '114', resultMessage: null, records: [device.uuid] }],
      resultCount: 1,
      actionType: 'SEND_MESSAGE',
      deviceResults: { [device.uuid]: DEVICE_ACTION_SUCCESSFUL },
      successful: true,
    });
  });

  it('sendmessage without a message, or with an unknown mode, is 400', async () => {
    const device = take(active());
    const raw = (body: unknown) =>
      fetch(`${simulator.url}/api/v2/devices/sendmessage?adminDeviceSpaceId=1`, {
        method: 'PUT',
        headers: {
          authorization: `Basic ${Buffer.from('miadmin:miadmin').toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    expect((await raw({ deviceUuids: [device.uuid], additionalParameters: { mode: 'pns' } })).status).toBe(400);
    expect(
      (await raw({ deviceUuids: [device.uuid], additionalParameters: { message: 'x', mode: 'fax' } })).status,
    ).toBe(400);
  });

  it.each([
    'ENABLE_VOICE_ROAMING',
    'DISABLE_VOICE_ROAMING',
    'ENABLE_DATA_ROAMING',
    'DISABLE_DATA_ROAMING',
    'ENABLE_PERSONAL_HOTSPOT',
    'DISABLE_PERSONAL_HOTSPOT',
    'UPDATE_OS',
  ] as const)('V03 %s works on iOS and is refused per device on Android', async (actionType) => {
    const ios = take(active('iOS'));
    const android = take(active('Android'));
    const response = await actions.actOnDevices(miadmin, actionType, [ios.uuid, android.uuid], { note: 'sample note' });
    expect(response).toEqual({
      actionType,
      deviceResults: {
        [ios.uuid]: DEVICE_ACTION_SUCCESSFUL,
        [android.uuid]: 'Action not supported for platform Android',
      },
      successful: false,
    });
  });

  it('V03 UNLOCK_APP_CONNECT_CONTAINER is Android only; UNLOCK_DEVICE_ONLY unlocks a locked phone', async () => {
    const android = take(active('Android'));
    const ios = take(active('iOS'));
    expect(
      (await actions.actOnDevices(miadmin, 'UNLOCK_APP_CONNECT_CONTAINER', [android.uuid, ios.uuid])).deviceResults,
    ).toEqual({ [android.uuid]: DEVICE_ACTION_SUCCESSFUL, [ios.uuid]: 'Action not supported for platform iOS' });
    await actions.lock(miadmin, [ios.uuid]);
    expect((await actions.actOnDevices(miadmin, 'UNLOCK_DEVICE_ONLY', [ios.uuid])).successful).toBe(true);
    expect(await statusInSearch(ios.uuid)).toBe('ACTIVE');
  });

  it('V03 SEND_MESSAGE needs message, mode and subject; notes are 1-200 characters; unknown actions and roles fail', async () => {
    const device = take(active('Android'));
    expect(
      (
        await actions.actOnDevices(miadmin, 'SEND_MESSAGE', [device.uuid], {
          note: 'Alerting owner.',
          message: { message: 'Policy violation', mode: 'sms', subject: 'Important', app: 'Motorola MC75' },
        })
      ).successful,
    ).toBe(true);
    await expect(
      actions.actOnDevices(miadmin, 'SEND_MESSAGE', [device.uuid], { message: { message: 'no subject', mode: 'sms' } }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      actions.actOnDevices(miadmin, 'UPDATE_OS', [device.uuid], { note: 'x'.repeat(201) }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(actions.actOnDevices(miadmin, 'UPDATE_OS', [device.uuid], { note: '' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(actions.actOnDevices(miadmin, 'REBOOT' as 'UPDATE_OS', [device.uuid])).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    // SEND_MESSAGE through V03 needs "Manage devices, restricted", which help desk lacks although it may use V15.
    await expect(
      actions.actOnDevices(as('helpdesk'), 'SEND_MESSAGE', [device.uuid], {
        message: { message: 'm', mode: 'pns', subject: 's' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('V18 wipe, V21 retire and V05 delete', () => {
  it('wipe (long form) leaves the device WIPED and clears its violations; preserveDataPlan must be a boolean', async () => {
    const device = take(active());
    const response = await actions.wipe(miadmin, [device.uuid], {
      note: 'Employee left company.',
      preserveDataPlan: true,
    });
    expect(response).toMatchObject({
      results: [{ resultId: '114', records: [device.uuid] }],
      resultCount: 1,
      actionType: 'WIPE',
      successful: true,
    });
    expect(await statusInSearch(device.uuid)).toBe('WIPED');
    expect(device.noncomplianceReasons).toEqual([]);
    expect((await actions.wipe(miadmin, [device.uuid])).deviceResults[device.uuid]).toBe(
      'Action not allowed for a device in state WIPED',
    );
    const raw = await fetch(`${simulator.url}/api/v2/devices/wipe?adminDeviceSpaceId=1`, {
      method: 'PUT',
      headers: {
        authorization: `Basic ${Buffer.from('miadmin:miadmin').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ deviceUuids: [take(active()).uuid], additionalParameters: { preserveDataPlan: 'maybe' } }),
    });
    expect(raw.status).toBe(400);
    await expect(actions.wipe(as('helpdesk'), [device.uuid])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('retire (long form) retires at once and flags the ActiveSync partnerships; a second retire fails', async () => {
    const device = take(
      (candidate) =>
        active()(candidate) && simulator.world.activeSyncDevices.some((eas) => eas.miDeviceUuid === candidate.uuid),
    );
    const response = await actions.retire(miadmin, [device.uuid], { note: 'New phone issued' });
    expect(response).toMatchObject({
      results: [{ records: [device.uuid] }],
      resultCount: 1,
      actionType: 'RETIRE',
      deviceResults: { [device.uuid]: DEVICE_ACTION_SUCCESSFUL },
      successful: true,
    });
    expect(await statusInSearch(device.uuid)).toBe('RETIRED');
    expect(
      simulator.world.activeSyncDevices.filter((eas) => eas.miDeviceUuid === device.uuid).every((eas) => eas.retired),
    ).toBe(true);
    const again = await actions.retire(miadmin, [device.uuid]);
    expect(again).toMatchObject({
      results: [{ records: [] }],
      resultCount: 0,
      successful: false,
      deviceResults: { [device.uuid]: 'Action not allowed for a device in state RETIRED' },
    });
  });

  it('an out-of-contact device stays RETIRE PENDING until forced (isActionForced) or woken up', async () => {
    const forced = take(
      (candidate) => candidate.status === 'ACTIVE' && candidate.noncomplianceReasons.includes('OUT_OF_CONTACT'),
    );
    await actions.retire(miadmin, [forced.uuid]);
    expect(await statusInSearch(forced.uuid)).toBe('RETIRE_PENDING');
    expect((await actions.retire(miadmin, [forced.uuid])).deviceResults[forced.uuid]).toBe(
      'Device is pending retirement. Use isActionForced to force retirement',
    );
    expect((await actions.retire(miadmin, [forced.uuid], { force: true })).successful).toBe(true);
    expect(await statusInSearch(forced.uuid)).toBe('RETIRED');
    const woken = take((candidate) => candidate.status === 'RETIRE_PENDING');
    await actions.wakeUp(miadmin, [woken.uuid]);
    expect(await statusInSearch(woken.uuid)).toBe('RETIRED');
  });

  it('V05 deletes only retired devices unmodified for a day, by uuid (any case), Wi-Fi MAC or principal', async () => {
    const fresh = take(active());
    await actions.retire(miadmin, [fresh.uuid]);
    const old = take((candidate) => candidate.status === 'RETIRED' && Date.now() - candidate.modifiedAt > DAY);
    const byMac = take((candidate) => candidate.status === 'RETIRED' && Date.now() - candidate.modifiedAt > DAY);
    const alive = take(active());
    const deleter = as('miadmin');
    // Just retired: modified within the day, so silently kept; the active device too.
    expect(
      await actions.deleteRetiredDevices(deleter, { deviceUuids: [old.uuid.toUpperCase(), fresh.uuid, alive.uuid] }),
    ).toEqual([old.uuid]);
    expect(simulator.world.devicesByUuid.has(old.uuid)).toBe(false);
    expect(await statusInSearch(old.uuid)).toBeUndefined();
    // A day later (the clock is the device's modification time), the freshly retired device goes too.
    fresh.modifiedAt -= DAY;
    expect(await actions.deleteRetiredDevices(deleter, { deviceUuids: [fresh.uuid] })).toEqual([fresh.uuid]);
    expect(await actions.deleteRetiredDevices(deleter, { wifiMacs: [byMac.wifiMac.replace(/:/g, '')] })).toEqual([
      byMac.uuid,
    ]);
  });

  it('V05 needs a selector, at most 512 per list, and the delete role', async () => {
    await expect(actions.deleteRetiredDevices(miadmin, {})).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const many = Array.from({ length: 513 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await expect(actions.deleteRetiredDevices(miadmin, { deviceUuids: many })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(actions.deleteRetiredDevices(as('helpdesk'), { deviceUuids: [many[0]] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe("V16/V17 labels and V25 a device's labels", () => {
  it('apply by name (any case) shows in V25 and in a label search; remove takes it away; deviceResults stays {}', async () => {
    const device = take((candidate) => active()(candidate) && !candidate.labelIds.has(7));
    const added = await actions.applyLabels(miadmin, ['executives', 'kiosk'], [device.uuid]);
    expect(added).toMatchObject({
      resultCount: 1,
      actionType: 'APPLY_LABEL_TO_DEVICES',
      deviceResults: {},
      successful: true,
    });
    expect(added.results?.[0].records).toEqual([
      {
        uuid: null,
        id: null,
        principal: null,
        deviceSpaceId: 1,
        deviceSpacePath: '/1/',
        label: 'executives',
        device: [{ uuid: device.uuid }],
      },
      {
        uuid: null,
        id: null,
        principal: null,
        deviceSpaceId: 1,
        deviceSpacePath: '/1/',
        label: 'kiosk',
        device: [{ uuid: device.uuid }],
      },
    ]);
    expect((await actions.deviceLabels(miadmin, device.uuid)).results.map((label) => label.name)).toEqual(
      expect.arrayContaining(['Executives', 'Kiosk']),
    );
    const inLabel = await search.searchDevices(miadmin, {
      labelId: 7,
      query: '',
      fields: ['common.uuid'],
      limit: 200,
      offset: 0,
    });
    expect(inLabel.results.map((row) => row['common.uuid'])).toContain(device.uuid);
    const removed = await actions.removeLabels(miadmin, ['Executives'], [device.uuid]);
    expect(removed).toMatchObject({ actionType: 'REMOVE_LABEL_FROM_DEVICES', deviceResults: {}, successful: true });
    expect((await actions.deviceLabels(miadmin, device.uuid)).results.map((label) => label.name)).not.toContain(
      'Executives',
    );
  });

  it('unknown labels, built-in labels and unknown devices are failures in deviceResults', async () => {
    const device = take(active());
    const response = await actions.applyLabels(
      miadmin,
      ['No-Such-Label', 'All-Smartphones', 'Sales'],
      [device.uuid, '00000000-0000-4000-8000-000000000000'],
    );
    expect(response.successful).toBe(false);
    expect(response.deviceResults).toEqual({
      'No-Such-Label': 'Invalid request. Label not found for Label with ID',
      'All-Smartphones': 'Invalid request. Label is a dynamic label and cannot be applied or removed',
      '00000000-0000-4000-8000-000000000000': 'Device not found',
    });
    expect(response.results?.[0].records.map((record) => record.label)).toEqual(['Sales']);
    await expect(actions.applyLabels(as('helpdesk'), ['Sales'], [device.uuid])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('V25 lists built-in labels too, and a device outside the space is 404', async () => {
    const phone = take(active('Android'));
    const labels = await actions.deviceLabels(miadmin, phone.uuid);
    expect(labels.results[0]).toEqual({
      id: -1,
      name: 'All-Smartphones',
      description: 'All iOS and Android devices',
      staticLabel: false,
    });
    expect(labels.totalCount).toBe(labels.results.length);
    const outside = take((candidate) => candidate.spaceId !== 2);
    await expect(actions.deviceLabels(as('emea', 2), outside.uuid)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('V23 check compliance', () => {
  it('specific devices: records are the devices checked, deviceResults only failures', async () => {
    const device = take(active());
    const retired = take((candidate) => candidate.status === 'RETIRED');
    const response = await actions.checkCompliance(miadmin, { deviceUuids: [device.uuid, retired.uuid] });
    expect(response).toEqual({
      results: [{ resultId: '114', resultMessage: null, records: [device.uuid] }],
      resultCount: 1,
      actionType: 'CHECK_COMPLIANCE',
      deviceResults: { [retired.uuid]: 'Action not allowed for a device in state RETIRED' },
      successful: false,
    });
  });

  it('all devices: every managed device of the space; a list with allDevices=true is 400; roles checked', async () => {
    const response = await actions.checkCompliance(as('emea', 2), { allDevices: true });
    const expected = simulator.world.devices.filter(
      (device) => device.spaceId === 2 && ['ACTIVE', 'LOCKED', 'RETIRE_PENDING'].includes(device.status),
    );
    expect(response.resultCount).toBe(expected.length);
    expect(response).toMatchObject({ deviceResults: {}, successful: true });
    const raw = await fetch(`${simulator.url}/api/v2/devices/checkcompliance?adminDeviceSpaceId=1&allDevices=true`, {
      method: 'PUT',
      headers: {
        authorization: `Basic ${Buffer.from('miadmin:miadmin').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ deviceUuids: [expected[0].uuid] }),
    });
    expect(raw.status).toBe(400);
    await expect(actions.checkCompliance(as('helpdesk'), { allDevices: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
