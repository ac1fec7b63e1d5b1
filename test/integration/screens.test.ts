// Screen 1 of the read-graph issue: a fleet page in one query, with its upstream-call budget on a cold and a
// warm cache. (Screens 2-5 are asserted in the graph-* test files.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { FLEET_PAGE } from '../helpers/screens.js';
import { deviceHasLabel } from '../../src/simulator/labels.js';

interface FleetPage {
  devices: {
    totalCount: number;
    nodes: Array<{
      uuid: string;
      noncomplianceReasons: string[];
      user: { displayName: string; email: string };
      labels: Array<{ name: string }>;
      deviceSpace: { name: string } | null;
    }>;
  };
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 300 });
});
afterAll(() => stack.close());

describe('screen 1: fleet page', () => {
  it('50 devices with user, labels, device space and compliance reasons: 1 search + E22 + 14 label member searches + 1 space list cold, 0 warm', async () => {
    await stack.resetUpstreamStats();
    const cold = await stack.gql<FleetPage>(FLEET_PAGE);
    expect(cold.errors).toBeUndefined();
    const { world } = stack.simulator;
    for (const node of cold.data!.devices.nodes) {
      const device = world.devicesByUuid.get(node.uuid)!;
      const user = world.usersByUuid.get(device.userUuid)!;
      expect(node.user).toEqual({ displayName: user.displayName, email: user.email });
      expect(node.noncomplianceReasons).toEqual(device.noncomplianceReasons);
      expect(node.deviceSpace?.name).toBe(world.spaces.find((space) => space.id === device.spaceId)!.name);
      const explicit = world.labels
        .filter((label) => !label.builtIn && device.labelIds.has(label.id))
        .map((label) => label.name);
      expect(node.labels.map((label) => label.name)).toEqual(expect.arrayContaining(explicit));
    }
    // Labels by the members plan (LABELS_PLAN=auto; docs/data-loading.md, "Device labels: two plans"): E22 lists
    // the labels with their member counts, and each label's members take ⌈members / 200⌉ searches with `labelId`
    // (14 for the 300-device world: two labels hold over 200 devices), fewer than one V25 per device (50).
    const memberSearches = world.labels.reduce(
      (sum, label) => sum + Math.ceil(world.devices.filter((device) => deviceHasLabel(device, label)).length / 200),
      0,
    );
    expect(memberSearches).toBe(14);
    expect((await stack.upstreamStats()).byRoute).toEqual({
      'GET /api/v2/device_spaces/mine': 1,
      // The page's search and the label member searches.
      'GET /api/v2/devices': 1 + memberSearches,
      'GET /api/v1/dm/labels': 1,
      'GET /api/v2/device_spaces': 1,
    });

    await stack.resetUpstreamStats();
    const warm = await stack.gql<FleetPage>(FLEET_PAGE);
    expect(warm.data).toEqual(cold.data);
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});
