import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_NOW, generateWorld } from '../../src/simulator/fleet/generate.js';
import {
  DEVICE_FIELDS,
  FIELD_BY_NAME,
  deviceDetails,
  resolveFieldName,
  searchFieldList,
} from '../../src/simulator/fleet/device-fields.js';
import { SeededRandom } from '../../src/simulator/fleet/random.js';
import type { Platform, SimDevice, World } from '../../src/simulator/fleet/types.js';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Expectations written out independently of the generator's catalogue, so a bad catalogue row fails here.
const HARDWARE_RULES: Record<Platform, { manufacturers: string[]; model: RegExp; osVersion: RegExp }> = {
  iOS: { manufacturers: ['Apple'], model: /^(iPhone 1[345]|iPad Air)$/, osVersion: /^1[678]\.\d+(\.\d+)?$/ },
  Android: {
    manufacturers: ['samsung', 'Google', 'Zebra Technologies'],
    model: /^(SM-[GSA]\d{3}B|Pixel \d|TC5\d)$/,
    osVersion: /^1[2-5]$/,
  },
  macOS: { manufacturers: ['Apple'], model: /^MacBook (Pro|Air)$/, osVersion: /^1[345]\.\d+(\.\d+)?$/ },
  Windows: {
    manufacturers: ['Dell Inc.', 'LENOVO', 'Microsoft Corporation'],
    model: /\S/,
    osVersion: /^10\.0\.(19045|22631)$/,
  },
};

const world2000: World = generateWorld({ seed: 2024, devices: 2000 });

function deviceWhere(world: World, predicate: (device: SimDevice) => boolean): SimDevice {
  const device = world.devices.find(predicate);
  if (device === undefined) throw new Error('no device matches');
  return device;
}

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = new SeededRandom(9);
    const b = new SeededRandom(9);
    const drawsA = Array.from({ length: 50 }, () => a.int(3, 7));
    expect(drawsA).toEqual(Array.from({ length: 50 }, () => b.int(3, 7)));
    expect(drawsA.every((n) => n >= 3 && n <= 7)).toBe(true);
    expect(new Set(drawsA).size).toBe(5);
    expect(a.uuid()).toMatch(UUID_V4);
    const when = a.dateBetween(1000, 2000);
    expect(when).toBeGreaterThanOrEqual(1000);
    expect(when).toBeLessThanOrEqual(2000);
    expect(
      a.weighted([
        ['never', 0],
        ['always', 1],
      ]),
    ).toBe('always');
  });
});

describe('generateWorld: determinism and size', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the same world for the same seed and size, whatever the clock says', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    const first = generateWorld({ seed: 7, devices: 300 });
    vi.setSystemTime(new Date('2040-06-15T12:00:00Z'));
    const second = generateWorld({ seed: 7, devices: 300 });
    expect(second).toEqual(first);
  });

  it('gives a different world for a different seed', () => {
    const a = generateWorld({ seed: 1, devices: 100 });
    const b = generateWorld({ seed: 2, devices: 100 });
    expect(b.devices.map((d) => d.uuid)).not.toEqual(a.devices.map((d) => d.uuid));
    expect(b.users.map((u) => u.userId)).not.toEqual(a.users.map((u) => u.userId));
  });

  it('dates the fleet relative to `now`', () => {
    const now = Date.UTC(2030, 0, 1);
    const world = generateWorld({ seed: 3, devices: 200, now });
    expect(world.devices.every((d) => Date.parse(d.lastCheckinAt) <= now)).toBe(true);
    expect(world.devices.some((d) => Date.parse(d.lastCheckinAt) > DEFAULT_NOW)).toBe(true);
  });

  it('sizes users, indexes and fixed catalogues', () => {
    expect(world2000.devices).toHaveLength(2000);
    expect(world2000.devices.map((d) => d.id)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(world2000.users).toHaveLength(Math.round(2000 / 1.4));
    expect(world2000.devicesByUuid.size).toBe(2000);
    expect(world2000.usersByUuid.size).toBe(world2000.users.length);
    expect(generateWorld({ seed: 1, devices: 3 }).users).toHaveLength(10);
    expect(generateWorld({ seed: 1, devices: 0 }).devices).toHaveLength(0);
  });

  it('builds Global and three regional child spaces', () => {
    const [global, ...children] = world2000.spaces;
    expect(global).toMatchObject({ id: 1, name: 'Global', path: '/1/', criteria: '', priority: 1, parentId: null });
    expect(children.map((s) => [s.id, s.name, s.path, s.parentId])).toEqual([
      [2, 'EMEA', '/1/2/', 1],
      [3, 'Americas', '/1/3/', 1],
      [4, 'APAC', '/1/4/', 1],
    ]);
    expect(children[0].countryCodes).toEqual(['GB', 'DE', 'FR', 'NL', 'ES', 'IT', 'SE']);
    expect(children[0].criteria).toContain('"common.home_country_code" = "GB" OR "common.home_country_code" = "DE"');
    expect(global.countryCodes).toHaveLength(15);
  });

  it('creates the four admins with their spaces and roles', () => {
    const byName = new Map(world2000.admins.map((a) => [a.name, a]));
    expect([...byName.keys()]).toEqual(['miadmin', 'emea', 'helpdesk', 'viewer']);
    for (const admin of world2000.admins) expect(admin.password).toBe(admin.name);
    expect(byName.get('miadmin')?.roles.has('DELETE_RETIRED')).toBe(true);
    expect(byName.get('emea')?.spaceIds).toEqual([2]);
    expect([...(byName.get('helpdesk')?.roles ?? [])].sort()).toEqual([
      'FORCE_CHECKIN',
      'LOCK_UNLOCK',
      'SEND_MESSAGE',
      'VIEW_DEVICES',
    ]);
    expect([...(byName.get('viewer')?.roles ?? [])]).toEqual(['VIEW_DEVICES']);
  });

  it('generates a 100000-device world', () => {
    const world = generateWorld({ seed: 99, devices: 100_000 });
    expect(world.devices).toHaveLength(100_000);
    expect(world.devicesByUuid.size).toBe(100_000);
  });
});

describe('generateWorld: consistency over 2000 devices', () => {
  const devices = world2000.devices;

  it('keeps identifiers unique and well-formed', () => {
    expect(new Set(devices.map((d) => d.uuid)).size).toBe(devices.length);
    expect(new Set(world2000.users.map((u) => u.uuid)).size).toBe(world2000.users.length);
    expect(new Set(world2000.users.map((u) => u.userId)).size).toBe(world2000.users.length);
    expect(devices.every((d) => UUID_V4.test(d.uuid))).toBe(true);
    expect(devices.every((d) => world2000.devicesByUuid.get(d.uuid) === d)).toBe(true);
  });

  it('matches manufacturer, model and OS version to the platform', () => {
    for (const d of devices) {
      const rule = HARDWARE_RULES[d.platform];
      expect(rule.manufacturers, `${d.id}`).toContain(d.manufacturer);
      expect(d.model, `${d.id}`).toMatch(rule.model);
      expect(d.osVersion, `${d.id}`).toMatch(rule.osVersion);
      expect(d.androidRegistrationStatus === null, `${d.id}`).toBe(d.platform !== 'Android');
    }
    const share = (platform: Platform) => devices.filter((d) => d.platform === platform).length / devices.length;
    expect(share('iOS')).toBeGreaterThan(0.33);
    expect(share('Android')).toBeGreaterThan(0.28);
    expect(share('Windows')).toBeGreaterThan(0.1);
    expect(share('macOS')).toBeGreaterThan(0.06);
  });

  it('gives radio identifiers only to devices with a SIM', () => {
    for (const d of devices) {
      const noRadio =
        d.platform === 'macOS' || d.platform === 'Windows' || d.model === 'iPad Air' || d.model === 'TC52';
      if (noRadio) expect([d.phoneNumber, d.imei, d.imsi], `${d.id}`).toEqual([null, null, null]);
      else {
        expect(d.imei, `${d.id}`).toMatch(/^\d{15}$/);
        expect(d.imsi, `${d.id}`).toMatch(/^\d{15}$/);
        expect(d.phoneNumber, `${d.id}`).toMatch(/^\+\d{10,13}$/);
      }
      if (d.manufacturer === 'Apple' || d.platform === 'Windows' || d.manufacturer === 'Zebra Technologies')
        expect(d.serialNumber, `${d.id}`).not.toBeNull();
    }
    expect(devices.some((d) => d.platform === 'Android' && d.serialNumber === null)).toBe(true);
  });

  it('keeps compliance, compromise and quarantine consistent', () => {
    for (const d of devices) {
      const compliant = FIELD_BY_NAME.get('common.compliant')?.get(d, world2000);
      expect(compliant, `${d.id}`).toBe(d.noncomplianceReasons.length === 0);
      if (d.compromised) expect(d.noncomplianceReasons, `${d.id}`).toContain('COMPROMISED');
      if (d.quarantined) {
        expect(d.noncomplianceReasons.length, `${d.id}`).toBeGreaterThan(0);
        expect(d.quarantinedReasons.length, `${d.id}`).toBeGreaterThan(0);
      } else expect(d.quarantinedReasons, `${d.id}`).toEqual([]);
    }
    // Each branch must actually occur, or the checks above prove nothing.
    expect(devices.some((d) => d.compromised)).toBe(true);
    expect(devices.some((d) => d.quarantined)).toBe(true);
    expect(devices.filter((d) => d.noncomplianceReasons.length === 0).length / devices.length).toBeGreaterThan(0.6);
  });

  it('uses all four statuses, mostly ACTIVE', () => {
    const statuses = new Set(devices.map((d) => d.status));
    expect([...statuses].sort()).toEqual(['ACTIVE', 'PENDING', 'RETIRED', 'RETIRE_PENDING']);
    expect(devices.filter((d) => d.status === 'ACTIVE').length / devices.length).toBeGreaterThan(0.8);
  });

  it('links every device to an existing user and the space of its country', () => {
    for (const d of devices) {
      expect(world2000.usersByUuid.has(d.userUuid), `${d.id}`).toBe(true);
      const space = world2000.spaces.find((s) => s.id === d.spaceId);
      expect(space?.parentId, `${d.id}`).toBe(1);
      expect(space?.countryCodes, `${d.id}`).toContain(d.homeCountryCode);
    }
  });

  it('orders timestamps and sizes capacities realistically', () => {
    for (const d of devices) {
      for (const stamp of [d.createdAt, d.registeredAt, d.lastCheckinAt, d.clientLastCheckinAt])
        expect(stamp).toMatch(ISO_MS);
      const [created, registered, clientCheckin, checkin] = [
        d.createdAt,
        d.registeredAt,
        d.clientLastCheckinAt,
        d.lastCheckinAt,
      ].map(Date.parse);
      expect(
        created <= registered && registered <= clientCheckin && clientCheckin <= checkin && checkin <= DEFAULT_NOW,
        `${d.id}`,
      ).toBe(true);
      expect(d.storageCapacity).toBeGreaterThan(2 ** 32);
      expect(d.storageFree).toBeLessThan(d.storageCapacity);
      expect(d.memoryFree).toBeLessThan(d.memoryCapacity);
    }
  });

  it('has LOCAL and LDAP users, with directory data only for LDAP', () => {
    const local = world2000.users.filter((u) => u.source === 'LOCAL');
    expect(local.length / world2000.users.length).toBeGreaterThan(0.2);
    expect(local.length / world2000.users.length).toBeLessThan(0.4);
    for (const user of world2000.users) {
      expect(user.email).toMatch(/^[a-z.]+\d+@([a-z]+\.)?example\.com$/);
      if (user.source === 'LDAP') expect(user.distinguishedName).toBe(`cn=${user.userId},ou=users,dc=example,dc=com`);
      else expect([user.samAccountName, user.distinguishedName]).toEqual([null, null]);
    }
  });

  it('applies platform and ownership labels consistently', () => {
    const labelId = (name: string) => world2000.labels.find((l) => l.name === name)?.id;
    expect(world2000.labels.find((l) => l.id === -1)).toMatchObject({ name: 'All-Smartphones', builtIn: true });
    for (const d of devices) {
      expect(d.labelIds.has(labelId(d.platform) ?? 0), `${d.id}`).toBe(true);
      expect(d.labelIds.has(labelId('Company-Owned') ?? 0), `${d.id}`).toBe(d.ownership === 'COMPANY');
      expect(d.labelIds.has(labelId('Employee-Owned') ?? 0), `${d.id}`).toBe(d.ownership === 'EMPLOYEE');
      expect([...d.labelIds].every((id) => id > 0)).toBe(true);
    }
  });
});

describe('device fields', () => {
  it('resolves names as the documents write them', () => {
    expect(resolveFieldName('common.uuid')).toBe('common.uuid');
    expect(resolveFieldName('uuid')).toBe('common.uuid');
    expect(resolveFieldName('manufacturer')).toBe('common.manufacturer');
    expect(resolveFieldName('SerialNumber')).toBe('common.SerialNumber');
    expect(resolveFieldName('ios.iPhone UDID')).toBe('ios.iPhone UDID');
    expect(resolveFieldName('details.APNS Capable')).toBe('common.apns_capable');
    // An all-lower-case miss may match regardless of case; mixed case must be exact.
    expect(resolveFieldName('common.serialnumber')).toBe('common.SerialNumber');
    expect(resolveFieldName('ios.devicename')).toBe('ios.DeviceName');
    expect(resolveFieldName('Common.Uuid')).toBeUndefined();
    expect(resolveFieldName('common.nope')).toBeUndefined();
    expect(resolveFieldName('user.manufacturer')).toBeUndefined();
  });

  it('lists search fields in the V08 style, every one resolvable', () => {
    const list = searchFieldList();
    const names = list.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'uuid',
        'last_connected_at',
        'user.display_name',
        'android.registration_status',
        'details.APNS Capable',
      ]),
    );
    expect(names.some((name) => name.startsWith('common.'))).toBe(false);
    expect(list.find((f) => f.name === 'quarantined')?.type).toBe('STRING');
    expect(list.find((f) => f.name === 'last_connected_at')?.type).toBe('DATE');
    for (const name of names) expect(resolveFieldName(name), name).toBeDefined();
    expect(new Set(DEVICE_FIELDS.map((f) => f.name)).size).toBe(DEVICE_FIELDS.length);
  });

  it('reads platform-specific fields as null on other platforms', () => {
    const windows = deviceWhere(world2000, (d) => d.platform === 'Windows');
    const iphone = deviceWhere(world2000, (d) => d.platform === 'iOS' && d.imsi !== null);
    expect(FIELD_BY_NAME.get('android.registration_status')?.get(windows, world2000)).toBeNull();
    expect(FIELD_BY_NAME.get('ios.DeviceName')?.get(windows, world2000)).toBeNull();
    expect(FIELD_BY_NAME.get('ios.DeviceName')?.get(iphone, world2000)).toBe(iphone.deviceName);
    expect(FIELD_BY_NAME.get('ios.iPhone ICCID')?.get(iphone, world2000)).toMatch(/^89\d{17,18}$/);
    expect(FIELD_BY_NAME.get('common.platform')?.get(iphone, world2000)).toBe('iOS');
    expect(FIELD_BY_NAME.get('common.device_space_name')?.get(iphone, world2000)).toMatch(/^(EMEA|Americas|APAC)$/);
  });

  it('returns details with nulls, and battery statistics only when asked on Android', () => {
    const pixel = deviceWhere(
      world2000,
      (d) => d.platform === 'Android' && d.manufacturer !== 'Zebra Technologies' && d.status === 'ACTIVE',
    );
    const zebra = deviceWhere(world2000, (d) => d.manufacturer === 'Zebra Technologies' && d.status === 'ACTIVE');
    const laptop = deviceWhere(world2000, (d) => d.platform === 'macOS');
    const names = (entries: Array<{ name: string }>) => entries.map((e) => e.name);
    const value = (entries: Array<{ name: string; value: unknown }>, name: string) =>
      entries.find((e) => e.name === name)?.value;

    const plain = deviceDetails(pixel, world2000, { batteryStats: false });
    expect(names(plain).some((n) => n.startsWith('android.battery_'))).toBe(false);
    expect(names(plain)).toContain('android.registration_status');
    expect(names(plain).some((n) => n.startsWith('ios.'))).toBe(false);

    const withBattery = deviceDetails(pixel, world2000, { batteryStats: true });
    expect(value(withBattery, 'android.battery_health')).not.toBeNull();
    expect(value(withBattery, 'android.battery_zebra_health_percentage')).toBeNull();
    expect(names(withBattery)).toContain('android.battery_zebra_mfd');
    expect(
      typeof value(deviceDetails(zebra, world2000, { batteryStats: true }), 'android.battery_zebra_health_percentage'),
    ).toBe('number');

    const mac = deviceDetails(laptop, world2000, { batteryStats: true });
    expect(names(mac).some((n) => n.startsWith('android.'))).toBe(false);
    expect(mac).toContainEqual({ name: 'common.imei', value: null });
    expect(mac).toContainEqual({ name: 'common.platform', value: 'OS X' });

    const flagged = deviceWhere(world2000, (d) => d.noncomplianceReasons.length > 1);
    expect(value(deviceDetails(flagged, world2000, { batteryStats: false }), 'common.noncompliance_reasons')).toBe(
      flagged.noncomplianceReasons.join(','),
    );
  });
});
