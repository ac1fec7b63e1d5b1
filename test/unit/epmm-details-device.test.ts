// V09 details → Device (epmmDetailsToDevice): the device page reads its device from the details it needs anyway
// (docs/data-loading.md, device page). Checked against the simulator's answers, a real-world search row turned into
// a details answer, and the documents' only complete details answer (test/fixtures/documents/v10-details.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EPMM_DEVICE_FIELDS, epmmDeviceToModel } from '../../src/models/epmm-device.js';
import { epmmDetailsToDevice } from '../../src/models/epmm-device-detail.js';
import { epmmFieldsFor } from '../../src/models/epmm-device-projection.js';
import { deviceDetails, FIELD_BY_NAME } from '../../src/simulator/fleet/device-fields.js';
import { generateWorld } from '../../src/simulator/fleet/generate.js';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { ignoreDecodeWarnings } from '../../src/upstream/decode-warnings.js';
import { decodeEpmmDeviceRows, DeviceDetailsResponse, type EpmmDeviceRow } from '../../src/upstream/epmm/dto.js';

type Entries = DeviceDetailsResponse['results'];

const json = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));

/** The Device fields of the device page (test/helpers/screens.ts, DEVICE_PAGE). */
const DEVICE_PAGE_FIELDS = epmmFieldsFor([
  'id',
  'uuid',
  'name',
  'platform',
  'status',
  'model',
  'details',
  'labels',
  'policies',
  'alerts',
  'appCompliance',
  'ruleCompliance',
  'groups',
]);

/** A row as the device search sends it: nulls left out (as the simulator's search does). */
function rowFromBag(entries: Entries): EpmmDeviceRow {
  return Object.fromEntries(entries.filter((entry) => entry.value !== null).map((entry) => [entry.name, entry.value]));
}

/** A search row as a details answer: every key an entry; `nulls` adds the fields the row left out, as V09 lists them. */
function bagFromRow(row: Record<string, unknown>, nulls: readonly string[] = []): Entries {
  const entries = Object.entries(row).map(([name, value]) => ({ name, value }));
  return DeviceDetailsResponse.parse({
    results: [...entries, ...nulls.filter((name) => !(name in row)).map((name) => ({ name, value: null }))],
  }).results;
}

describe('epmmDetailsToDevice: the simulator', () => {
  const world = generateWorld({ seed: 7, devices: 300 });
  const searchRow = (device: SimDevice): EpmmDeviceRow => {
    const row: EpmmDeviceRow = {};
    for (const name of EPMM_DEVICE_FIELDS) {
      const value = FIELD_BY_NAME.get(name)?.get(device, world) ?? null;
      if (value !== null) row[name] = value;
    }
    return row;
  };

  it.each(['iOS', 'Android', 'macOS', 'Windows'] as const)(
    '%s: the Device of the details equals the Device of the search, every field',
    (platform) => {
      // The one with the most noncompliance reasons, so that a list is compared.
      const device = world.devices
        .filter((candidate) => candidate.platform === platform)
        .sort((a, b) => b.noncomplianceReasons.length - a.noncomplianceReasons.length)[0];
      expect(device.noncomplianceReasons.length).toBeGreaterThan(0);
      const bag = DeviceDetailsResponse.parse({
        results: deviceDetails(device, world, { batteryStats: false }),
      }).results;
      const read = epmmDetailsToDevice(bag, device.uuid.toUpperCase(), EPMM_DEVICE_FIELDS);
      expect(read.device).toEqual(epmmDeviceToModel(searchRow(device)));
      // Every field carried (ios.* off Apple devices reads as null, as in the search): no projection marker.
      expect(read.device?.epmmFields).toBeUndefined();
      // V09 joins lists with commas; the Device has the list.
      expect(read.device?.noncomplianceReasons).toEqual(device.noncomplianceReasons);
    },
  );

  it('serves the device page selection', () => {
    const device = world.devices.find((candidate) => candidate.platform === 'Android')!;
    const bag = DeviceDetailsResponse.parse({ results: deviceDetails(device, world, { batteryStats: false }) }).results;
    expect(epmmDetailsToDevice(bag, device.uuid, DEVICE_PAGE_FIELDS)).toMatchObject({
      device: { uuid: device.uuid, name: null, platform: 'ANDROID', status: device.status, model: device.model },
    });
  });
});

describe('epmmDetailsToDevice: a real-world device (test/fixtures/real-world)', () => {
  const page = json('real-world/xsoar-mobileiron-core/get_devices_response_page.json') as {
    results: Array<Record<string, unknown>>;
  };
  const [first] = page.results;
  const uuid = first['common.uuid'] as string;

  it('reads the fields the recorded row carries as the search does: masked values never become keys', () => {
    const fields = epmmFieldsFor([
      'uuid',
      'legacyId',
      'name',
      'platform',
      'platformName',
      'osVersion',
      'status',
      'user',
    ]);
    // V09 lists the user fields the recording left out with null values.
    const bag = bagFromRow(first, ['user.first_name', 'user.last_name']);
    const read = epmmDetailsToDevice(bag, uuid, fields);
    const row = structuredClone(first);
    decodeEpmmDeviceRows([row], ignoreDecodeWarnings);
    expect(read.device).toEqual({ ...epmmDeviceToModel(row), epmmFields: expect.any(Array) });
    expect(read.device).toMatchObject({
      uuid,
      legacyId: 1,
      name: null, // ios.DeviceName: not an Apple device
      platform: 'ANDROID',
      platformName: 'Android 10.0',
      osVersion: '10.0',
      status: 'ACTIVE',
      user: null, // user.user_id is "*****"
    });
    // It carries what the recording holds, and no more: a later reader needing storage still searches.
    expect(read.device?.epmmFields).toContain('common.model');
    expect(read.device?.epmmFields).not.toContain('common.storage_capacity');
  });

  it('names the fields a selection needs that the answer lacks', () => {
    const fields = epmmFieldsFor(['uuid', 'model', 'storageCapacityBytes', 'deviceSpace', 'user']);
    expect(epmmDetailsToDevice(bagFromRow(first), uuid, fields)).toEqual({
      device: null,
      missing: ['common.storage_capacity', 'common.device_space_name', 'user.first_name', 'user.last_name'],
    });
  });

  it('refuses an answer about another device, or whose uuid is masked, without naming a field', () => {
    const fields = epmmFieldsFor(['uuid', 'model']);
    expect(epmmDetailsToDevice(bagFromRow(first), page.results[1]['common.uuid'] as string, fields)).toEqual({
      device: null,
      missing: [],
    });
    const masked = bagFromRow({ ...first, 'common.uuid': '*****' });
    expect(epmmDetailsToDevice(masked, uuid, fields)).toEqual({ device: null, missing: [] });
  });

  it('decodes as the search rows do: epoch seconds become times; the first entry of a repeated name counts', () => {
    const bag = bagFromRow({ ...first, 'common.last_connected_at': 1604907502 });
    bag.push({ name: 'common.model', value: 'Not this one' });
    const read = epmmDetailsToDevice(bag, uuid, epmmFieldsFor(['uuid', 'model', 'lastCheckInAt']));
    expect(read.device).toMatchObject({ model: 'Pixel', lastCheckInAt: '2020-11-09T07:38:22.000Z' });
  });
});

describe("epmmDetailsToDevice: the documents' details answer (test/fixtures/documents/v10-details.json)", () => {
  const sample = DeviceDetailsResponse.parse(json('documents/v10-details.json'));
  const uuid = '9af85060-4775-4f52-967c-bfb4979bd19d';

  it('carries the device page only in part: no platform, status or (on this Android device) a platform to excuse ios.*', () => {
    expect(sample.results).toHaveLength(143);
    expect(epmmDetailsToDevice(sample.results, uuid, DEVICE_PAGE_FIELDS)).toEqual({
      device: null,
      missing: ['common.platform', 'common.platform_name', 'common.status', 'ios.DeviceName'],
    });
  });

  it('serves a selection of the fields it carries', () => {
    const fields = epmmFieldsFor([
      'uuid',
      'model',
      'manufacturer',
      'osVersion',
      'serialNumber',
      'lastCheckInAt',
      'storageCapacityBytes',
      'batteryLevel',
      'compromised',
      'user',
    ]);
    const read = epmmDetailsToDevice(sample.results, uuid, fields);
    expect(read.device).toMatchObject({
      uuid,
      model: 'Pixel 6',
      manufacturer: 'Google',
      osVersion: '12L',
      serialNumber: null,
      lastCheckInAt: '2022-07-05T07:45:27.000Z',
      storageCapacityBytes: 128000000000,
      batteryLevel: 95,
      compromised: false,
      user: { principal: 'miadmin', displayName: 'miadmin', email: null, firstName: null, lastName: null },
    });
    expect(read.device?.epmmFields).not.toContain('common.platform');
    // What was not in the answer is not invented.
    expect(read.device).toMatchObject({ platform: 'OTHER', status: 'UNKNOWN', legacyId: null });
  });

  it('matches the search on the same row', () => {
    const fields = epmmFieldsFor(['uuid', 'model', 'user']);
    const read = epmmDetailsToDevice(sample.results, uuid, fields);
    expect(read.device).toEqual({
      ...epmmDeviceToModel(rowFromBag(sample.results)),
      epmmFields: read.device?.epmmFields,
    });
  });
});
