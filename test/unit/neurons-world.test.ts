// The Neurons view of the simulated World: deterministic, consistent with EPMM's fleet, and shaped like the
// real-world fixtures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../src/simulator/fleet/generate.js';
import { deviceGroupMembers, deviceRecord, deviceView } from '../../src/simulator/neurons/devices.js';
import { deviceByNeuronsId, neuronsDeviceId, neuronsWorld, partitionOf } from '../../src/simulator/neurons/world.js';

const fixtureRecord = () => {
  const text = readFileSync(
    new URL('../fixtures/real-world/xsoar-mobileiron-cloud/get_devices_response_page.json', import.meta.url),
    'utf8',
  );
  return (JSON.parse(text) as { result: { searchResults: Array<Record<string, unknown>> } }).result.searchResults[0];
};

describe('Neurons world', () => {
  const world = generateWorld({ seed: 5, devices: 300 });
  const neurons = neuronsWorld(world);
  const view = deviceView(world, neurons);

  it('is built once per World and kept (state persists between calls)', () => {
    expect(neuronsWorld(world)).toBe(neurons);
    expect(neuronsWorld(generateWorld({ seed: 5, devices: 300 }))).not.toBe(neurons);
  });

  it('puts every device in exactly one partition and maps ids both ways', () => {
    for (const device of world.devices) {
      expect(partitionOf(neurons, device)).toBeDefined();
      expect(deviceByNeuronsId(world, neuronsDeviceId(device))).toBe(device);
    }
    expect(deviceByNeuronsId(world, 5)).toBeUndefined();
  });

  it('records have exactly the keys of the real-world search record, in the same order, with epoch-ms timestamps', () => {
    const record = deviceRecord(view, world.devices[0]);
    expect(Object.keys(record)).toEqual(Object.keys(fixtureRecord()));
    expect(typeof record.lastCheckin).toBe('number');
    expect(record.lastCheckin).toBe(Date.parse(world.devices[0].lastCheckinAt));
    expect(record.ownerId).toBe(neurons.accountIdByUserUuid.get(world.devices[0].userUuid));
  });

  it('All Devices holds the partition; platform groups split it; the static group holds its listed devices', () => {
    for (const partition of neurons.partitions) {
      const groups = [...neurons.deviceGroups.values()].filter((group) => group.partitionId === partition.id);
      const all = deviceGroupMembers(view, groups.find((group) => group.systemName === 'ALL_DEVICES')!);
      expect(all.length).toBe(world.devices.filter((device) => partition.epmmSpaceIds.includes(device.spaceId)).length);
      const platforms = groups.filter(
        (group) => group.systemName?.endsWith('_DEVICES') && group.systemName !== 'ALL_DEVICES',
      );
      expect(platforms.reduce((sum, group) => sum + deviceGroupMembers(view, group).length, 0)).toBe(all.length);
      const loaners = groups.find((group) => group.membershipStatic)!;
      expect(deviceGroupMembers(view, loaners).map(neuronsDeviceId)).toEqual([...loaners.staticMembers]);
    }
  });

  // Counted, not timed: a build that looked devices up in a loop over devices (quadratic) would read each device
  // four times as often in a fleet four times as large.
  it('stays cheap: reads each device and each user a fixed number of times, whatever the fleet size', () => {
    const readsPerItem = (devices: number) => {
      const fleet = generateWorld({ seed: 1, devices });
      const reads = { devices: 0, users: 0 };
      const counted = <T extends object>(items: T[], name: keyof typeof reads) =>
        new Proxy(items, {
          get(target, key, receiver) {
            if (typeof key === 'string' && /^\d+$/.test(key)) reads[name] += 1;
            return Reflect.get(target, key, receiver);
          },
        });
      neuronsWorld({ ...fleet, devices: counted(fleet.devices, 'devices'), users: counted(fleet.users, 'users') });
      return { devices: reads.devices / fleet.devices.length, users: reads.users / fleet.users.length };
    };
    const small = readsPerItem(500);
    const large = readsPerItem(2000);
    expect(small.devices).toBeGreaterThan(0);
    expect(small.users).toBeGreaterThan(0);
    expect(large.devices).toBeLessThanOrEqual(small.devices);
    expect(large.users).toBeLessThanOrEqual(small.users);
  });
});
