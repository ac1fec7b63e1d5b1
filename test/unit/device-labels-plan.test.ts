// The Device.labels planner (src/loaders/device-labels-plan.ts): which plan a page gets and what it costs, and the
// per-page calls of a whole fleet under each plan (what the bench prints).
import { describe, expect, it } from 'vitest';
import {
  fleetLabelCalls,
  memberCalls,
  planDeviceLabels,
  type DeviceLabelsPlanInput,
  type PlannedLabel,
} from '../../src/loaders/device-labels-plan.js';
import { generateWorld } from '../../src/simulator/fleet/generate.js';
import { deviceHasLabel } from '../../src/simulator/labels.js';

const labels = (...counts: Array<number | null>): PlannedLabel[] =>
  counts.map((deviceCount, index) => ({ legacyId: index, deviceCount, membersCached: false }));

const plan = (input: Partial<DeviceLabelsPlanInput>) =>
  planDeviceLabels({ mode: 'auto', uncachedDevices: 50, list: 'cached', labels: [], ...input });

/** The simulator's label counts (seed 1, the bench's seed), in label order. */
const COUNTS_1K = [738, 395, 343, 98, 164, 674, 282, 27, 152, 107, 32, 6];
const COUNTS_100K = [75059, 40115, 34944, 9941, 15000, 69834, 25933, 2784, 13853, 10728, 3500, 1004];

describe('memberCalls', () => {
  it('is ⌈members / 200⌉: none for an empty label, one up to 200', () => {
    expect([0, 1, 200, 201, 400, 401].map(memberCalls)).toEqual([0, 1, 1, 2, 2, 3]);
  });
});

describe('planDeviceLabels', () => {
  it('auto, list cached: members when Σ⌈count / 200⌉ is below the uncached devices, per-device on a tie or above', () => {
    // 215 → 2, 110 → 1, 0 → 0: 3 calls.
    expect(plan({ labels: labels(215, 110, 0) })).toEqual({
      plan: 'members',
      calls: 3,
      perDeviceCalls: 50,
      membersCalls: 3,
      reason: 'cheaper',
    });
    expect(plan({ labels: labels(215, 110, 0), uncachedDevices: 3 })).toMatchObject({
      plan: 'per-device',
      calls: 3,
      membersCalls: 3,
      reason: 'tie',
    });
    expect(plan({ labels: labels(215, 110, 0), uncachedDevices: 2 })).toMatchObject({
      plan: 'per-device',
      calls: 2,
      reason: 'cheaper',
    });
  });

  it('counts the list call unless the list is cached (stale: only the older reference copy is at hand)', () => {
    // 1 list call + 2 + 1 = 4.
    expect(plan({ list: 'stale', labels: labels(215, 110), uncachedDevices: 5 })).toMatchObject({
      plan: 'members',
      calls: 4,
      membersCalls: 4,
    });
    expect(plan({ list: 'stale', labels: labels(215, 110), uncachedDevices: 4 })).toMatchObject({
      plan: 'per-device',
      calls: 4,
      reason: 'tie',
    });
    expect(plan({ list: 'cached', labels: labels(215, 110), uncachedDevices: 4 }).plan).toBe('members');
  });

  it('cached members cost nothing: a warm members cache beats any uncached device', () => {
    const warm = labels(75059, 40115).map((label) => ({ ...label, membersCached: true }));
    expect(plan({ labels: warm, uncachedDevices: 1 })).toMatchObject({ plan: 'members', calls: 0 });
    // Nothing uncached on the page: per-device costs 0 too, and wins the tie.
    expect(plan({ labels: warm, uncachedDevices: 0 })).toMatchObject({ plan: 'per-device', calls: 0, reason: 'tie' });
  });

  it('with no list at hand: per-device for a page of at most one uncached device, else read the list first', () => {
    expect(plan({ list: 'absent', uncachedDevices: 1 })).toMatchObject({ plan: 'per-device', calls: 1 });
    expect(plan({ list: 'absent', uncachedDevices: 0 })).toMatchObject({ plan: 'per-device', calls: 0 });
    expect(plan({ list: 'absent', uncachedDevices: 2 })).toEqual({ plan: 'read-list' });
    expect(plan({ list: 'absent', uncachedDevices: 1, mode: 'members' })).toEqual({ plan: 'read-list' });
  });

  it('a list read for this page is the members plan list call, and a per-device page pays it too', () => {
    expect(plan({ list: 'read-for-plan', labels: labels(215, 110) })).toMatchObject({ plan: 'members', calls: 4 });
    expect(plan({ list: 'read-for-plan', labels: labels(75059), uncachedDevices: 50 })).toEqual({
      plan: 'per-device',
      calls: 51,
      perDeviceCalls: 50,
      membersCalls: 1 + 376,
      reason: 'cheaper',
    });
    // 1 + 4 against 5: a tie, per-device.
    expect(plan({ list: 'read-for-plan', labels: labels(800), uncachedDevices: 5 })).toMatchObject({
      plan: 'per-device',
      reason: 'tie',
    });
  });

  it('a label without a count cannot be costed: per-device under auto, at least one search when forced', () => {
    expect(plan({ labels: labels(10, null) })).toMatchObject({
      plan: 'per-device',
      calls: 50,
      membersCalls: null,
      reason: 'uncostable',
    });
    expect(plan({ labels: labels(10, null), mode: 'members' })).toMatchObject({ plan: 'members', calls: 2 });
    // Its members cached: nothing left to cost.
    expect(plan({ labels: [...labels(10), { legacyId: 9, deviceCount: null, membersCached: true }] })).toMatchObject({
      plan: 'members',
      calls: 1,
    });
  });

  it('LABELS_PLAN forces a plan whatever it costs', () => {
    expect(plan({ mode: 'per-device', labels: labels(1), uncachedDevices: 50 })).toMatchObject({
      plan: 'per-device',
      calls: 50,
      membersCalls: 1,
      reason: 'forced',
    });
    expect(plan({ mode: 'per-device', list: 'absent', uncachedDevices: 50 })).toMatchObject({
      plan: 'per-device',
      calls: 50,
      reason: 'forced',
    });
    expect(plan({ mode: 'members', labels: labels(75059), uncachedDevices: 1 })).toMatchObject({
      plan: 'members',
      calls: 376,
      reason: 'forced',
    });
  });
});

describe('fleetLabelCalls (Device.labels calls of a 50-device fleet page walk within one device TTL)', () => {
  it('the fixtures are the simulator counts at 1k devices (seed 1)', () => {
    const world = generateWorld({ devices: 1000, seed: 1 });
    expect(world.labels.map((label) => world.devices.filter((device) => deviceHasLabel(device, label)).length)).toEqual(
      COUNTS_1K,
    );
  });

  it('1,000 devices: members 1 + 21 for the first page and 0 after; per-device 50 every page; auto picks members', () => {
    const calls = fleetLabelCalls(1000, COUNTS_1K);
    const summary = (mode: keyof typeof calls) => {
      const { firstPage, laterPage, wholeFleet } = calls[mode];
      return { firstPage, laterPage, wholeFleet };
    };
    expect(summary('members')).toEqual({ firstPage: 22, laterPage: 0, wholeFleet: 22 });
    expect(summary('per-device')).toEqual({ firstPage: 50, laterPage: 50, wholeFleet: 1000 });
    expect(summary('auto')).toEqual({ firstPage: 22, laterPage: 0, wholeFleet: 22 });
    expect(calls.auto.pages).toHaveLength(20);
    expect(calls.auto.pages.every((page) => page.plan === 'members')).toBe(true);
  });

  it('100,000 devices: members 1 + 1,519 once; auto keeps per-device (50 a page, + the list read on the first)', () => {
    const calls = fleetLabelCalls(100_000, COUNTS_100K);
    expect(calls.members).toMatchObject({ firstPage: 1520, laterPage: 0, wholeFleet: 1520 });
    expect(calls['per-device']).toMatchObject({ firstPage: 50, laterPage: 50, wholeFleet: 100_000 });
    expect(calls.auto).toMatchObject({ firstPage: 51, laterPage: 50, wholeFleet: 100_001 });
    expect(calls.auto.pages.every((page) => page.plan === 'per-device')).toBe(true);
  });

  it('a fleet smaller than a page: one short page', () => {
    expect(fleetLabelCalls(3, [2, 1])['per-device']).toEqual({
      firstPage: 3,
      laterPage: 0,
      wholeFleet: 3,
      pages: [{ plan: 'per-device', calls: 3 }],
    });
  });
});
