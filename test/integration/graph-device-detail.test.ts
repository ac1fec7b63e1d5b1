// Device detail fields end to end (issue 4): GraphQL over HTTP -> gateway -> simulator, asserting each field against
// the simulator's world and the exact upstream calls on a cold and a warm cache.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeComplianceBitmap } from '../../src/models/compliance-bitmap.js';
import { appViolationsByType } from '../../src/simulator/actions/app-compliance.js';
import { ruleCompliance } from '../../src/simulator/actions/rule-compliance.js';
import { simDetails } from '../../src/simulator/actions/sim-details.js';
import { batteryHealth, batteryStatus, zebraBattery } from '../../src/simulator/fleet/device-traits.js';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { blockReasonBitmap, complianceBitmap, quarantineBitmap } from '../../src/simulator/v1/bitmaps.js';
import { v1EasPartnership } from '../../src/simulator/v1/eas-link.js';
import { deviceProfiles } from '../../src/simulator/v1/profiles.js';
import { deviceHasLabel } from '../../src/simulator/labels.js';
import { devicePolicies } from '../../src/simulator/routes/epmm-v1-policies.js';
import { deviceGroupTest, deviceView } from '../../src/simulator/neurons/devices.js';
import { neuronsWorld, partitionOf } from '../../src/simulator/neurons/world.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { DEVICE_PAGE } from '../helpers/screens.js';

const SEARCH = 'GET /api/v2/devices';
const APP_COMPLIANCE = 'GET /api/v2/devices/:uuid/appcompliance';
const RULE_COMPLIANCE = 'GET /api/v2/devices/:uuid/rulecompliance';
const SIM = 'GET /api/v2/devices/simdetails/:uuid';
const DETAILS = 'GET /api/v2/devices/:uuid/details';
const V1_DEVICE = 'GET /api/v1/dm/devices/:uuid';
const PROFILES = 'GET /api/v1/dm/devices/profiles/:uuid';
const APP_SETTINGS = 'GET /api/v1/appsettings/devices/:uuid';
const EAS = 'GET /api/v1/eas/devices';
const DEVICE_LABELS = 'GET /api/v2/devices/:uuid/labels';
const DEVICE_POLICIES = 'GET /api/v1/policies/devices/:uuid';
const ALERTS = 'GET /api/v1/alerts';
const NEURONS_PARTITIONS = 'GET /neurons/api/v1/tenant/partition/device';
const NEURONS_SEARCH = 'GET /neurons/api/v1/device';
const NEURONS_DEVICE = 'GET /neurons/api/v1/device/:id';

const ALL_FIELDS = `
  uuid
  appCompliance { type vendorType appName appVersion }
  ruleCompliance { id ruleId ruleName actionName actions vendorActions quarantines detectedAt }
  activeSync { easUuid exchangeDeviceId mailbox registered access lastSyncAt }
  simDetails { slot eid phoneNumber carrierNetwork carrierSettingVersion label }
  profiles { legacyId uuid name type policyType status lastUpdatedAt }
  appSettings { legacyId name appType state properties { name value } }
  complianceState { nonCompliance quarantine block complianceBits quarantineBits blockBits }
`;

interface DetailDevice {
  uuid: string;
  appCompliance: Array<{ type: string; vendorType: string; appName: string; appVersion: string | null }>;
  ruleCompliance: Array<{
    id: number;
    ruleId: number;
    ruleName: string;
    actionName: string;
    actions: string[];
    vendorActions: string[];
    quarantines: boolean;
    detectedAt: string | null;
  }>;
  activeSync: Array<{
    easUuid: string;
    exchangeDeviceId: string | null;
    mailbox: string | null;
    registered: boolean;
    access: string;
    lastSyncAt: string | null;
  }>;
  simDetails: Array<{
    slot: string;
    eid: string | null;
    phoneNumber: string | null;
    carrierNetwork: string | null;
    carrierSettingVersion: string | null;
    label: string | null;
  }>;
  profiles: Array<{
    legacyId: number;
    uuid: string | null;
    name: string;
    type: string;
    policyType: string | null;
    status: string | null;
    lastUpdatedAt: string | null;
  }>;
  appSettings: Array<{
    legacyId: number;
    name: string;
    appType: string;
    state: string;
    properties: Array<{ name: string; value: string | null }>;
  }>;
  complianceState: {
    nonCompliance: string[];
    quarantine: string[];
    block: string[];
    complianceBits: number;
    quarantineBits: number;
    blockBits: number;
  } | null;
}

let stack: Stack;
let world: Stack['simulator']['world'];
/** Devices a test has already read: each test takes fresh ones so that its cold-cache counts are cold. */
const used = new Set<string>();

function take(description: string, predicate: (device: SimDevice) => boolean): SimDevice {
  const device = world.devices.find((candidate) => !used.has(candidate.uuid) && predicate(candidate));
  if (!device) throw new Error(`The simulator world has no unused ${description}.`);
  used.add(device.uuid);
  return device;
}

async function calls(): Promise<{ total: number; byRoute: Record<string, number> }> {
  const stats = await stack.upstreamStats();
  await stack.resetUpstreamStats();
  return stats;
}

function expectedViolations(device: SimDevice) {
  return Object.values(appViolationsByType(device)).flatMap((violations) =>
    violations.map((violation) => ({
      type: violation.type.toUpperCase(),
      vendorType: violation.type,
      appName: violation.appName,
      appVersion: violation.appVersion,
    })),
  );
}

function notAvailable(value: string): string | null {
  return value === 'N/A' ? null : value;
}

function expectMatchesWorld(node: DetailDevice, device: SimDevice): void {
  expect(node.appCompliance).toEqual(expectedViolations(device));
  expect(node.ruleCompliance).toEqual(
    ruleCompliance(world, device).map((rule) => ({
      id: rule.id,
      ruleId: rule.ruleId,
      ruleName: rule.ruleName,
      actionName: rule.actionName,
      actions: rule.complianceActionNames,
      vendorActions: rule.complianceActionNames,
      quarantines: rule.quarantineAction !== 0,
      detectedAt: new Date(rule.createdAt).toISOString(),
    })),
  );
  expect(node.simDetails).toEqual(
    simDetails(device).map((slot) => ({
      slot: slot.slot,
      eid: notAvailable(slot.eid),
      phoneNumber: notAvailable(slot.phoneNumber),
      carrierNetwork: notAvailable(slot.carrierNetwork),
      carrierSettingVersion: notAvailable(slot.carrierSettingVersion),
      label: notAvailable(slot.simLabel),
    })),
  );
  expect(node.profiles).toEqual(
    deviceProfiles(device).map((profile) => ({
      legacyId: profile.id,
      uuid: profile.uuid ?? null,
      name: profile.name,
      type: profile.profileType,
      policyType: profile.policyType,
      status: profile.status,
      lastUpdatedAt: new Date(profile.lastUpdatedAt).toISOString(),
    })),
  );
  for (const setting of node.appSettings) {
    const simulated = world.appSettings.find((candidate) => candidate.id === setting.legacyId);
    expect(simulated, `app setting ${setting.legacyId}`).toBeDefined();
    expect(setting).toMatchObject({ name: simulated!.name, appType: simulated!.appType, state: 'CURRENT' });
    expect(setting.properties).toEqual(
      simulated!.properties.map(({ key, value }) => ({ name: key, value: value === '' ? null : value })),
    );
  }
  const partnerships = world.activeSyncDevices.filter((partnership) => partnership.miDeviceUuid === device.uuid);
  expect(node.activeSync.map((partnership) => partnership.easUuid).sort()).toEqual(
    partnerships.map((partnership) => partnership.uuid).sort(),
  );
  for (const partnership of partnerships) {
    expect(node.activeSync.find((candidate) => candidate.easUuid === partnership.uuid)).toEqual({
      easUuid: partnership.uuid,
      exchangeDeviceId: partnership.deviceId,
      mailbox: partnership.mailboxId,
      registered: partnership.status === 'Registered',
      access: partnership.syncStatus.toUpperCase(),
      lastSyncAt: new Date(partnership.lastSyncTime).toISOString(),
    });
  }
  const bits = {
    compliance: complianceBitmap(device),
    quarantine: quarantineBitmap(device),
    block: blockReasonBitmap(device, v1EasPartnership(world, device)),
  };
  expect(node.complianceState).toEqual({
    nonCompliance: decodeComplianceBitmap(bits.compliance),
    quarantine: decodeComplianceBitmap(bits.quarantine),
    block: decodeComplianceBitmap(bits.block),
    complianceBits: bits.compliance,
    quarantineBits: bits.quarantine,
    blockBits: bits.block,
  });
}

beforeAll(async () => {
  stack = await startStack({ devices: 300 });
  world = stack.simulator.world;
  // The credential's first request proves it (one spaces call); done here so every test starts from the same place.
  expect((await stack.gql('{ viewer { name } }')).errors).toBeUndefined();
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

describe('Device detail fields', () => {
  it('reads every detail field of two devices: one call per device per field, ActiveSync once, nothing when warm', async () => {
    const appViolator = take(
      'iOS device with an app-control violation and an ActiveSync partnership',
      (device) =>
        device.platform === 'iOS' &&
        device.noncomplianceReasons.includes('DISALLOWED_APP') &&
        world.activeSyncDevices.some((p) => p.miDeviceUuid === device.uuid),
    );
    const esim = take('iOS 14+ device with an eSIM', (device) => simDetails(device).some((slot) => slot.eid !== 'N/A'));
    const query = `query($a: String!, $b: String!) { a: device(uuid: $a) { ${ALL_FIELDS} } b: device(uuid: $b) { ${ALL_FIELDS} } }`;
    const cold = await stack.gql<{ a: DetailDevice; b: DetailDevice }>(query, { a: appViolator.uuid, b: esim.uuid });
    expect(cold.errors).toBeUndefined();
    expect(cold.data!.a.appCompliance.length).toBeGreaterThan(0);
    expect(cold.data!.a.complianceState!.nonCompliance).toEqual(
      expect.arrayContaining(['APP_CONTROL', 'DISALLOWED_APP']),
    );
    expect(cold.data!.a.activeSync.length).toBeGreaterThan(0);
    expect(cold.data!.b.simDetails.filter((slot) => slot.eid !== null)).toHaveLength(1);
    // Non-empty where the world has data, so the per-item checks below compare something.
    expect(cold.data!.a.ruleCompliance.length).toBeGreaterThan(0);
    expect(cold.data!.a.profiles.length).toBeGreaterThan(0);
    expect([...cold.data!.a.appSettings, ...cold.data!.b.appSettings].length).toBeGreaterThan(0);
    expectMatchesWorld(cold.data!.a, appViolator);
    expectMatchesWorld(cold.data!.b, esim);
    // Both uuids fit one search; six per-device reads each; the ActiveSync list once for both.
    expect(await calls()).toEqual({
      total: 14,
      byRoute: {
        [SEARCH]: 1,
        [APP_COMPLIANCE]: 2,
        [RULE_COMPLIANCE]: 2,
        [SIM]: 2,
        [V1_DEVICE]: 2,
        [PROFILES]: 2,
        [APP_SETTINGS]: 2,
        [EAS]: 1,
      },
    });

    const warm = await stack.gql<{ a: DetailDevice; b: DetailDevice }>(query, { a: appViolator.uuid, b: esim.uuid });
    expect(warm.data).toEqual(cold.data);
    expect((await calls()).total).toBe(0);
  });

  it('reads empty lists for a compliant device, and only the fields asked for', async () => {
    const compliant = take(
      'compliant Android device',
      (device) => device.platform === 'Android' && device.noncomplianceReasons.length === 0,
    );
    const response = await stack.gql<{
      device: Pick<DetailDevice, 'appCompliance' | 'ruleCompliance' | 'simDetails' | 'complianceState'>;
    }>(
      `query($uuid: String!) { device(uuid: $uuid) { appCompliance { appName } ruleCompliance { id } simDetails { slot } complianceState { nonCompliance complianceBits } } }`,
      { uuid: compliant.uuid },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.device).toEqual({
      appCompliance: [],
      ruleCompliance: [],
      simDetails: [],
      complianceState: { nonCompliance: [], complianceBits: 0 },
    });
    expect(await calls()).toEqual({
      total: 5,
      byRoute: { [SEARCH]: 1, [APP_COMPLIANCE]: 1, [RULE_COMPLIANCE]: 1, [SIM]: 1, [V1_DEVICE]: 1 },
    });
  });
});

describe('Device.battery', () => {
  const BATTERY = `battery { status health zebra { partNumber serialNumber manufactureDate ratedCapacityMah presentCapacityMah presentChargeMah healthPercent chargeCycles totalCumulativeChargeMah secondsSinceFirstUse backupVoltageMv timeToEmptyMinutes timeToFullMinutes decommissioned } }`;
  interface BatteryData {
    device: {
      battery: { status: string; health: string; zebra: Record<string, unknown> | null } | null;
      details?: Array<{ name: string; value: string | null }>;
    };
  }

  it("types a Zebra device's battery and shares the V10 call with details(includeBatteryStats: true)", async () => {
    const zebra = take(
      'Zebra device reporting its battery',
      (device) => device.platform === 'Android' && zebraBattery(device) !== null,
    );
    const response = await stack.gql<BatteryData>(
      `query($uuid: String!) { device(uuid: $uuid) { ${BATTERY} details(includeBatteryStats: true) { name value } } }`,
      { uuid: zebra.uuid },
    );
    expect(response.errors).toBeUndefined();
    const oem = zebraBattery(zebra)!;
    expect(response.data!.device.battery).toEqual({
      status: batteryStatus(zebra)!.toUpperCase(),
      health: batteryHealth(zebra)!.toUpperCase(),
      zebra: {
        partNumber: oem.partNumber,
        serialNumber: oem.serialNumber,
        manufactureDate: oem.manufactureDate,
        ratedCapacityMah: oem.ratedCapacityMah,
        presentCapacityMah: oem.presentCapacityMah,
        presentChargeMah: oem.presentChargeMah,
        healthPercent: oem.healthPercentage,
        chargeCycles: oem.chargeCycles,
        totalCumulativeChargeMah: oem.totalCumulativeChargeMah,
        secondsSinceFirstUse: oem.secondsSinceFirstUse,
        backupVoltageMv: oem.backupVoltageMv,
        timeToEmptyMinutes: oem.timeToEmptyMinutes,
        timeToFullMinutes: oem.timeToFullMinutes,
        decommissioned: oem.decommissioned,
      },
    });
    expect(await calls()).toEqual({ total: 2, byRoute: { [SEARCH]: 1, [DETAILS]: 1 } });
  });

  it('leaves zebra null on other Android devices and battery null off Android, without a details call', async () => {
    const android = take(
      'non-Zebra Android device reporting its battery',
      (device) => device.platform === 'Android' && device.batteryLevel !== null && zebraBattery(device) === null,
    );
    const ios = take('iOS device', (device) => device.platform === 'iOS');
    const query = `query($a: String!, $i: String!) { a: device(uuid: $a) { ${BATTERY} } i: device(uuid: $i) { ${BATTERY} } }`;
    const response = await stack.gql<{ a: BatteryData['device']; i: BatteryData['device'] }>(query, {
      a: android.uuid,
      i: ios.uuid,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.a.battery).toEqual({
      status: batteryStatus(android)!.toUpperCase(),
      health: batteryHealth(android)!.toUpperCase(),
      zebra: null,
    });
    expect(response.data!.i.battery).toBeNull();
    expect(await calls()).toEqual({ total: 2, byRoute: { [SEARCH]: 1, [DETAILS]: 1 } });
  });
});

describe('scenario 2: Device page', () => {
  interface DevicePage {
    device: {
      uuid: string;
      details: Array<{ name: string; value: string | null }>;
      labels: Array<{ legacyId: number; name: string }>;
      policies: Array<{ legacyId: number; name: string; type: string }>;
      alerts: { totalCount: number; nodes: Array<{ legacyId: number; message: string; read: boolean }> };
      appCompliance: Array<{ type: string; appName: string; appVersion: string | null }>;
      ruleCompliance: Array<{ ruleName: string; actions: string[]; quarantines: boolean }>;
      groups: Array<{ name: string; kind: string }>;
    };
  }

  it('costs 12 calls cold (9 + one Neurons search per partition) and none warm', async () => {
    const neurons = neuronsWorld(world);
    const device = take(
      'active device with a serial number, an app-control violation and unread alerts',
      (candidate) =>
        candidate.status === 'ACTIVE' &&
        candidate.serialNumber !== null &&
        partitionOf(neurons, candidate) !== undefined &&
        candidate.noncomplianceReasons.includes('DISALLOWED_APP') &&
        world.alerts.some((alert) => alert.deviceUuid === candidate.uuid && alert.isActive),
    );
    const cold = await stack.gql<DevicePage>(DEVICE_PAGE, { uuid: device.uuid });
    expect(cold.errors).toBeUndefined();
    const page = cold.data!.device;
    expect(page.details.find((entry) => entry.name === 'common.uuid')?.value).toBe(device.uuid);
    expect(page.labels.map((label) => label.legacyId).sort()).toEqual(
      world.labels
        .filter((label) => deviceHasLabel(device, label))
        .map((label) => label.id)
        .sort(),
    );
    expect(page.policies.map((policy) => policy.legacyId)).toEqual(
      devicePolicies(world, device).map((policy) => policy.id),
    );
    // EPMM's isActive is inverted: true means unread.
    const unread = world.alerts.filter((alert) => alert.deviceUuid === device.uuid && alert.isActive);
    expect(page.alerts.totalCount).toBe(unread.length);
    expect(page.alerts.nodes.map((alert) => alert.legacyId).sort()).toEqual(
      unread
        .slice(0, 20)
        .map((alert) => alert.id)
        .sort(),
    );
    expect(page.alerts.nodes.every((alert) => !alert.read)).toBe(true);
    expect(page.appCompliance).toEqual(
      expectedViolations(device).map(({ type, appName, appVersion }) => ({ type, appName, appVersion })),
    );
    expect(page.ruleCompliance.map((rule) => rule.ruleName)).toEqual(
      ruleCompliance(world, device).map((rule) => rule.ruleName),
    );
    const partition = partitionOf(neurons, device)!;
    const view = deviceView(world, neurons);
    expect(page.groups).toEqual(
      [...neurons.deviceGroups.values()]
        .filter((group) => group.partitionId === partition.id && deviceGroupTest(view, group)(device))
        .map((group) => ({ name: group.name, kind: 'DEVICE_GROUP' })),
    );

    // EPMM: the device search, V09 details, V25 labels, E44 policies, the E37 alert list (no per-device alert call),
    // V13 and V24. Neurons: the partition list, one NG13 serial search per visible partition, the device's detail.
    expect(await calls()).toEqual({
      total: 9 + neurons.partitions.length,
      byRoute: {
        [SEARCH]: 1,
        [DETAILS]: 1,
        [DEVICE_LABELS]: 1,
        [DEVICE_POLICIES]: 1,
        [ALERTS]: 1,
        [APP_COMPLIANCE]: 1,
        [RULE_COMPLIANCE]: 1,
        [NEURONS_PARTITIONS]: 1,
        [NEURONS_SEARCH]: neurons.partitions.length,
        [NEURONS_DEVICE]: 1,
      },
    });
    expect(neurons.partitions.length).toBe(3);

    const warm = await stack.gql<DevicePage>(DEVICE_PAGE, { uuid: device.uuid });
    expect(warm.data).toEqual(cold.data);
    expect((await calls()).total).toBe(0);
  });
});
