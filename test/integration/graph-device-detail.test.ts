// Device detail fields end to end: GraphQL over HTTP -> gateway -> simulator, asserting each field against
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
import { encodeId } from '../../src/ids.js';
import { spaceSubtree } from '../../src/simulator/spaces/device-scope.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { DEVICE_PAGE } from '../helpers/screens.js';
import { startUpstreamProxy, type UpstreamProxy } from '../helpers/upstream-proxy.js';
import { readFileSync } from 'node:fs';

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
    // `details` is selected, so the device is read from plain V09 details (no search); on Android the battery
    // statistics are the V10 variant of the same route, which `battery` and `details(includeBatteryStats: true)` share.
    expect(await calls()).toEqual({ total: 2, byRoute: { [DETAILS]: 2 } });
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

  it('costs 11 calls cold (the 10 of the minimum + the Neurons partition list) and none warm', async () => {
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

    // EPMM: V09 details (the device is read from them: no uuid search), V25 labels, E44 policies, the E37 alert list
    // (no per-device alert call), V13 and V24. Neurons: the partition list (once per credential; known in the
    // benchmark, whose minimum is 10), one NG13 serial search per visible partition, the device's detail.
    expect(await calls()).toEqual({
      total: 8 + neurons.partitions.length,
      byRoute: {
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

describe('device(uuid) read from its V09 details: visibility and the search fallback', () => {
  const QUERY = `query($uuid: String!) { device(uuid: $uuid) { uuid platform status model details { name value } } }`;
  interface Read {
    device: { uuid: string; platform: string; status: string; model: string; details: unknown[] } | null;
  }

  it("a device outside the caller's device space is null: V09 answers 404, and the search confirms it", async () => {
    const emea = world.admins.find((admin) => admin.name === 'emea')!;
    const visible = new Set(emea.spaceIds.flatMap((id) => [...spaceSubtree(world, id)]));
    const outside = take('device outside the emea space', (device) => !visible.has(device.spaceId));

    // miadmin sees it, read from V09 alone (and caches it, under miadmin's credential only).
    const mine = await stack.gql<Read>(QUERY, { uuid: outside.uuid });
    expect(mine.data!.device?.uuid).toBe(outside.uuid);
    expect(await calls()).toEqual({ total: 1, byRoute: { [DETAILS]: 1 } });

    expect((await stack.gql('{ viewer { name } }', undefined, 'emea')).errors).toBeUndefined();
    await calls();
    const theirs = await stack.gql<Read>(QUERY, { uuid: outside.uuid }, 'emea');
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data!.device).toBeNull();
    // V09 is read in emea's space (adminDeviceSpaceId) and refuses the device; the search, which decides, finds none.
    expect(await calls()).toEqual({ total: 2, byRoute: { [DETAILS]: 1, [SEARCH]: 1 } });
    const direct = await fetch(`${stack.simulator.url}/api/v2/devices/${outside.uuid}/details`, {
      headers: { authorization: `Basic ${Buffer.from('emea:emea').toString('base64')}` },
    });
    expect(direct.status).toBe(404);
  });

  it('node(id) with `details` reads its device from V09 too; nodes(ids) keeps the search', async () => {
    const [a, b] = [take('a device', () => true), take('another device', () => true)];
    const one = await stack.gql<{ node: { uuid: string; model: string; details: unknown[] } }>(
      `query($id: ID!) { node(id: $id) { ... on Device { uuid model details { name } } } }`,
      { id: encodeId('Device', 'EPMM', a.uuid) },
    );
    expect(one.data!.node).toMatchObject({ uuid: a.uuid, model: a.model });
    expect(await calls()).toEqual({ total: 1, byRoute: { [DETAILS]: 1 } });
    const many = await stack.gql<{ nodes: Array<{ uuid: string }> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { uuid details { name } } } }`,
      { ids: [encodeId('Device', 'EPMM', b.uuid)] },
    );
    expect(many.data!.nodes).toEqual([{ uuid: b.uuid, details: expect.any(Array) }]);
    expect(await calls()).toEqual({ total: 2, byRoute: { [SEARCH]: 1, [DETAILS]: 1 } });
  });

  it('a selection without `details` reads the device by the search, as before', async () => {
    const device = take('any device', () => true);
    const response = await stack.gql<Read>(
      `query($uuid: String!) { device(uuid: $uuid) { uuid platform status model } }`,
      { uuid: device.uuid },
    );
    expect(response.data!.device?.uuid).toBe(device.uuid);
    expect(await calls()).toEqual({ total: 1, byRoute: { [SEARCH]: 1 } });
  });

  describe("against V09 answers with only the fields of the documents' details sample", () => {
    // test/fixtures/documents/v10-details.json, the documents' one complete details answer: it has no
    // common.platform, common.platform_name, common.status, common.id, common.device_space_name, … Without the
    // platform (which `details` itself needs, to choose the V10 variant) no selection with `details` is served.
    const documented = new Set(
      (
        JSON.parse(readFileSync(new URL('../fixtures/documents/v10-details.json', import.meta.url), 'utf8')) as {
          results: Array<{ name: string }>;
        }
      ).results.map((entry) => entry.name),
    );
    let sparse: Stack;
    let proxy: UpstreamProxy;
    beforeAll(async () => {
      sparse = await startStack({
        devices: 300,
        upstreamUrl: async (simulatorUrl) => {
          proxy = await startUpstreamProxy(simulatorUrl, {
            rewrite(url, body) {
              if (!/^\/api\/v2\/devices\/[^/]+\/details$/.test(url.pathname)) return body;
              const answer = JSON.parse(body) as { results: Array<{ name: string }> };
              const results = answer.results.filter((entry) => documented.has(entry.name));
              return JSON.stringify({ results, totalCount: results.length, resultCount: results.length });
            },
          });
          return proxy.url;
        },
      });
      expect((await sparse.gql('{ viewer { name } }')).errors).toBeUndefined();
    });
    afterAll(async () => {
      await sparse.close();
      await proxy.close();
    });
    const sparseCalls = async () => {
      const stats = await sparse.upstreamStats();
      await sparse.resetUpstreamStats();
      return stats;
    };
    /** The EPMM routes the gateway called, in order. */
    const order = () => {
      const routes = proxy
        .requests()
        .map(({ method, url }) => `${method} ${url.pathname.replace(/[0-9a-f-]{36}/, ':uuid')}`);
      proxy.clear();
      return routes;
    };
    const android = (index: number) => sparse.simulator.world.devices.filter((d) => d.platform === 'Android')[index];

    it('a selection it cannot serve (platform, status) falls back to the search: the calls of the search plan', async () => {
      await sparseCalls();
      order();
      const first = android(1);
      const cold = await sparse.gql<Read>(QUERY, { uuid: first.uuid });
      expect(cold.errors).toBeUndefined();
      expect(cold.data!.device).toMatchObject({ uuid: first.uuid, platform: 'ANDROID', status: first.status });
      // V09 first, which lacks common.platform and common.status, then the uuid search: 2, as before V09 was tried.
      expect(await sparseCalls()).toEqual({ total: 2, byRoute: { [DETAILS]: 1, [SEARCH]: 1 } });
      expect(order()).toEqual([DETAILS, SEARCH]);
      // The shortfall is remembered: the next device page searches first (one round less), still 2 calls.
      const second = android(2);
      const next = await sparse.gql<Read>(QUERY, { uuid: second.uuid });
      expect(next.data!.device).toMatchObject({ uuid: second.uuid, platform: 'ANDROID', status: second.status });
      expect(await sparseCalls()).toEqual({ total: 2, byRoute: { [DETAILS]: 1, [SEARCH]: 1 } });
      expect(order()).toEqual([SEARCH, DETAILS]);
      // Warm: nothing.
      await sparse.gql<Read>(QUERY, { uuid: second.uuid });
      expect((await sparseCalls()).total).toBe(0);
    });
  });
});
