// The World data behind EPMM v1 administration (alerts, policies, application settings): deterministic per seed,
// consistent with the devices, and about half an alert per device.
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../src/simulator/fleet/generate.js';
import { effectivePolicies } from '../../src/simulator/fleet/policies.js';

const world = generateWorld({ seed: 5, devices: 2000 });

describe('v1 administration data in the World', () => {
  it('alerts are reproducible from the seed and average about 0.5 per device', () => {
    const again = generateWorld({ seed: 5, devices: 2000 });
    expect(again.alerts).toEqual(world.alerts);
    expect(world.alerts.length / world.devices.length).toBeGreaterThan(0.4);
    expect(world.alerts.length / world.devices.length).toBeLessThan(0.6);
    expect(generateWorld({ seed: 6, devices: 2000 }).alerts).not.toEqual(world.alerts);
  });

  it('alerts point at real devices and owners, ids are unique and indexed, APNS only reaches iOS', () => {
    expect(world.alerts.map((alert) => alert.id)).toEqual(world.alerts.map((_, index) => index + 1));
    expect(world.alertsById.size).toBe(world.alerts.length);
    for (const alert of world.alerts) {
      const device = world.devicesByUuid.get(alert.deviceUuid)!;
      expect(device.userUuid).toBe(alert.userUuid);
      expect(world.usersByUuid.get(alert.userUuid)!.userId).toBe(alert.userName);
      if (alert.transport === 'APNS') expect(device.platform).toBe('iOS');
      expect(alert.isAlertRead).toBe(!alert.isActive);
    }
    expect(new Set(world.alerts.map((alert) => alert.type)).size).toBe(6);
  });

  it('every device gets exactly one policy of each profile type; inactive policies never apply', () => {
    const legacy = world.policies.find((policy) => !policy.active)!;
    legacy.labelIds.add(2);
    try {
      for (const device of world.devices.slice(0, 200)) {
        const policies = effectivePolicies(world.policies, (labelId) => device.labelIds.has(labelId));
        expect(policies.map((policy) => policy.profileType).sort()).toEqual([
          'LOCKDOWN',
          'PRIVACY',
          'SECURITY',
          'SYNC',
        ]);
        expect(policies).not.toContain(legacy);
      }
    } finally {
      legacy.labelIds.delete(2);
    }
  });

  it('application settings name only existing labels', () => {
    const labelIds = new Set(world.labels.map((label) => label.id));
    expect(world.appSettings.flatMap((setting) => setting.labelIds).every((id) => labelIds.has(id))).toBe(true);
    expect(world.policies.flatMap((policy) => [...policy.labelIds]).every((id) => labelIds.has(id))).toBe(true);
  });
});
