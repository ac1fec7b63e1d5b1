// EPMM v1 device reads (E01-E07, E22-E24) end to end: the typed client against the real simulator. v1 shows the
// World's devices (the same ones v2 shows) with v1 names, codes and bitmaps, within the caller's device spaces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceHasLabel } from '../../src/simulator/labels.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { complianceBitmap, quarantineBitmap, V1_BIT } from '../../src/simulator/v1/bitmaps.js';
import { V1_CSV_HEADERS } from '../../src/simulator/v1/export-devices.js';
import { EpmmClient } from '../../src/upstream/epmm/client.js';
import { EpmmV1DevicesClient } from '../../src/upstream/epmm/v1-devices-client.js';
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
const EMEA_SPACE = 2;

beforeAll(async () => {
  sim = await startSimulator({ devices: 200, seed: 21 });
  http = new UpstreamHttp('EPMM', sim.url, { connections: 4, timeoutMs: 5000 });
  client = new EpmmV1DevicesClient(http);
  v2 = new EpmmClient(http);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});

const registered = (device: SimDevice) => device.status !== 'PENDING' && device.status !== 'RETIRED';
const find = (predicate: (device: SimDevice) => boolean) => {
  const device = sim.world.devices.find(predicate);
  if (!device) throw new Error('the seeded world has no such device');
  return device;
};
const digits = (device: SimDevice) => device.phoneNumber!.replace(/\D/g, '');

describe('access', () => {
  it('needs the API (Mobile App) role: 403 for the help desk and a viewer, 401 for a wrong password', async () => {
    await expect(client.devicesByStatus(as('helpdesk'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.labels(as('viewer'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.operators(as('miadmin', 'wrong'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers errors in the v1 shape', async () => {
    const response = await fetch(`${sim.url}/api/v1/dm/devices`, {
      headers: { authorization: `Basic ${Buffer.from('viewer:viewer').toString('base64')}` },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      deviceManagementWebServiceResponse: { messages: { message: expect.any(String) } },
    });
  });
});

describe('E01 devices by status', () => {
  it("defaults to ACTIVE: the World's active (and locked) devices, as v2 lists them", async () => {
    const devices = await client.devicesByStatus(miadmin);
    const expected = sim.world.devices.filter((device) => device.status === 'ACTIVE' || device.status === 'LOCKED');
    expect(devices.map((device) => device.uuid)).toEqual(expected.map((device) => device.uuid));
    expect(devices.every((device) => device.status === 'ACTIVE' && device.statusCode === 97)).toBe(true);
    const v2Page = await v2.searchDevices(
      { credential: miadmin.credential, adminDeviceSpaceId: 1 },
      { query: '"common.status" = "ACTIVE"', fields: ['common.uuid'], limit: 200, offset: 0 },
    );
    expect(new Set(devices.map((device) => device.uuid))).toEqual(
      new Set(v2Page.results.map((row) => row['common.uuid'])),
    );
  });

  it('carries v1 fields: bitmaps from the World reasons, user, operator, digits-only phone, details', async () => {
    const world = find(
      (device) =>
        device.status === 'ACTIVE' &&
        device.noncomplianceReasons.length > 0 &&
        device.phoneNumber !== null &&
        device.platform === 'Android',
    );
    const record = (await client.devicesByStatus(miadmin)).find((device) => device.uuid === world.uuid)!;
    const user = sim.world.usersByUuid.get(world.userUuid)!;
    expect(record.compliance).toBe(complianceBitmap(world));
    expect(record.compliance).not.toBe(0);
    expect(record.quarantinedStatus).toBe(quarantineBitmap(world));
    expect(record).toMatchObject({
      id: world.id,
      principal: user.userId,
      userUuid: user.uuid,
      userDisplayName: user.displayName,
      phoneNumber: digits(world),
      platform: `Android ${world.osVersion}`,
      deviceCount: 0,
    });
    expect(record.userSource).toBe(user.source === 'LOCAL' ? 76 : 68);
    expect(record.details.device_model).toBe(world.model);
    expect(record.details.security_state).toBe(world.compromised ? 'Compromised' : 'Ok');
  });

  it('decodes a compromised device as bit 0x1 in compliance and blockReason', async () => {
    const world = find((device) => device.status === 'ACTIVE' && device.compromised);
    const record = (await client.devicesByStatus(miadmin)).find((device) => device.uuid === world.uuid)!;
    expect(record.compliance & V1_BIT.compromised).toBe(V1_BIT.compromised);
    expect(record.blockReason & V1_BIT.compromised).toBe(V1_BIT.compromised);
  });

  it('filters by another status, and reads "No Data Found" (404) as an empty list', async () => {
    const retired = await client.devicesByStatus(miadmin, 'RETIRED');
    expect(retired.length).toBe(sim.world.devices.filter((device) => device.status === 'RETIRED').length);
    expect(retired.every((device) => device.statusCode === 114)).toBe(true);
    expect(await client.devicesByStatus(miadmin, 'LOST')).toEqual([]);
  });

  it('refuses an unknown status with 400', async () => {
    const response = await fetch(`${sim.url}/api/v1/dm/devices?Status=SLEEPING`, {
      headers: { authorization: `Basic ${Buffer.from('miadmin:miadmin').toString('base64')}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      deviceManagementWebServiceResponse: { messages: { message: 'Invalid status: SLEEPING' } },
    });
  });

  it('shows an administrator only the devices of their spaces', async () => {
    const devices = await client.devicesByStatus(emea);
    const emeaActive = sim.world.devices.filter(
      (device) => device.spaceId === EMEA_SPACE && (device.status === 'ACTIVE' || device.status === 'LOCKED'),
    );
    expect(devices.map((device) => device.uuid)).toEqual(emeaActive.map((device) => device.uuid));
  });
});

describe('E02 one device', () => {
  it('returns the E02 field set: currentPhoneNumber instead of phoneNumber, no country fields', async () => {
    const world = find((device) => device.status === 'ACTIVE' && device.phoneNumber !== null);
    const record = await client.device(miadmin, world.uuid);
    expect(record).toMatchObject({ uuid: world.uuid, currentPhoneNumber: digits(world), status: 'ACTIVE' });
    expect(record?.phoneNumber).toBeUndefined();
    expect(record?.countryName).toBeUndefined();
  });

  it("is null for an unknown device and for a device outside the caller's spaces", async () => {
    expect(await client.device(miadmin, '00000000-0000-4000-8000-000000000000')).toBeNull();
    const apac = find((device) => device.spaceId !== EMEA_SPACE);
    expect(await client.device(emea, apac.uuid)).toBeNull();
    expect(await client.device(miadmin, apac.uuid)).not.toBeNull();
  });
});

describe('E03 CSV export', () => {
  it("has the document's fields as headers and one row per visible device", async () => {
    const csv = await client.devicesCsv(emea);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(V1_CSV_HEADERS.join(','));
    expect(lines).toHaveLength(1 + sim.world.devices.filter((device) => device.spaceId === EMEA_SPACE).length);
  });

  it('is refused without the role', async () => {
    await expect(client.devicesCsv(as('viewer'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('E04-E07 lookups', () => {
  it('E04 finds devices by phone number, with or without the country code, several at once', async () => {
    const [a, b] = sim.world.devices.filter(
      (device) => registered(device) && device.phoneNumber !== null && device.homeCountryCode === 'DE',
    );
    const withCode = await client.devicesByPhoneNumbers(miadmin, [digits(a)]);
    expect(withCode.map((device) => device.uuid)).toEqual([a.uuid]);
    const withoutCode = await client.devicesByPhoneNumbers(miadmin, [digits(a).slice(2)]);
    expect(withoutCode.map((device) => device.uuid)).toEqual([a.uuid]);
    const both = await client.devicesByPhoneNumbers(miadmin, [digits(a), digits(b)]);
    expect(new Set(both.map((device) => device.uuid))).toEqual(new Set([a.uuid, b.uuid]));
    expect(both[0].registeredAt).toMatch(/\+00:00$/);
  });

  it('E04 is empty for an unknown number and refuses a number that is not digits', async () => {
    expect(await client.devicesByPhoneNumbers(miadmin, ['5550000000'])).toEqual([]);
    await expect(client.devicesByPhoneNumbers(miadmin, ['+1 555'])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('E05 lists the registered devices of a user, and nothing for an unknown user', async () => {
    const device = find((candidate) => registered(candidate));
    const user = sim.world.usersByUuid.get(device.userUuid)!;
    const devices = await client.devicesByUser(miadmin, user.userId);
    expect(new Set(devices.map((candidate) => candidate.uuid))).toEqual(
      new Set(
        sim.world.devices
          .filter((candidate) => candidate.userUuid === user.uuid && registered(candidate))
          .map((candidate) => candidate.uuid),
      ),
    );
    expect(devices.every((candidate) => candidate.userSource === undefined)).toBe(true);
    expect(await client.devicesByUser(miadmin, 'nobody.here')).toEqual([]);
  });

  it('E06 lists the registered devices in a label, and nothing for an unknown label', async () => {
    const sales = sim.world.labels.find((label) => label.name === 'Sales')!;
    const devices = await client.devicesByLabel(miadmin, 'Sales');
    expect(devices.length).toBe(
      sim.world.devices.filter((device) => registered(device) && deviceHasLabel(device, sales)).length,
    );
    expect(await client.devicesByLabel(miadmin, 'No Such Label')).toEqual([]);
  });

  it('E07 finds a device by Wi-Fi MAC in any separator form, and null for an unknown MAC', async () => {
    const device = find((candidate) => registered(candidate));
    expect((await client.deviceByMac(miadmin, device.wifiMac))?.uuid).toBe(device.uuid);
    expect((await client.deviceByMac(miadmin, device.wifiMac.replace(/:/g, '').toUpperCase()))?.uuid).toBe(device.uuid);
    expect(await client.deviceByMac(miadmin, '000000000000')).toBeNull();
    await expect(client.deviceByMac(miadmin, 'not-a-mac')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('E22-E24 reference lists', () => {
  it("E22 lists every label with its device count in the caller's spaces", async () => {
    const labels = await client.labels(emea);
    expect(labels.map((label) => label.name)).toEqual(sim.world.labels.map((label) => label.name));
    const sales = sim.world.labels.find((label) => label.name === 'Sales')!;
    const count = sim.world.devices.filter(
      (device) => device.spaceId === EMEA_SPACE && deviceHasLabel(device, sales),
    ).length;
    expect(labels.find((label) => label.name === 'Sales')).toMatchObject({
      id: sales.id,
      staticLabel: true,
      deviceCount: count,
    });
    expect(labels.find((label) => label.id < 0)?.staticLabel).toBe(false);
  });

  it("E23 operators resolve every device's operatorId (0 = PDA, no operator)", async () => {
    const operators = await client.operators(miadmin);
    const ids = new Set(operators.map((operator) => operator.id));
    const devices = await client.devicesByStatus(miadmin);
    expect(
      devices.every((device) => (device.operatorId === 0 ? device.operator === 'PDA' : ids.has(device.operatorId!))),
    ).toBe(true);
  });

  it('E24 countries carry calling codes and 116/102 flags', async () => {
    const countries = await client.countries(miadmin);
    expect(countries.find((country) => country.isoAlpha2Code === 'US')).toMatchObject({
      countryName: 'United States',
      countryCode: 1,
      enabledForRegistration: 116,
    });
  });

  it('E22-E24 are refused without the role', async () => {
    await expect(client.countries(as('helpdesk'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.operators(as('helpdesk'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
