// Device.labels for a page of devices, planned by upstream calls (docs/data-loading.md, "Device labels: two plans").
// EPMM reads labels two ways: V25 answers one device's labels per call (the per-device plan), and the v2 search
// with `labelId` alone answers one label's members, 200 per call (the members plan: every label's members, then
// each device's labels by looking it up in them). The members plan also needs the label list (E22), which says
// how many devices each label holds, so both plans can be costed before either is run. This file only decides;
// src/loaders/labels.ts reads.
import type { LabelsPlanMode } from '../config.js';
import { EPMM_MAX_PAGE } from './devices.js';

export type { LabelsPlanMode };

/** One label of the label list, as the planner needs it. */
export interface PlannedLabel {
  legacyId: number;
  /** E22's member count; null when the list does not say (then the members plan cannot be costed). */
  deviceCount: number | null;
  /** Whether this label's members are cached (then reading them costs nothing). */
  membersCached: boolean;
}

/**
 * The label list the members plan would use:
 * - `cached`: read within the device TTL (the members plan's own copy), so the members plan makes no list call;
 * - `stale`: only the older reference copy is cached: its counts serve the estimate, and the members plan re-reads
 *   the list (1 call), so that its label set is never older than the device TTL;
 * - `absent`: no list at all: nothing to cost the members plan with (the answer is then `read-list` or per-device);
 * - `read-for-plan`: read for this page to learn the counts. That call is the members plan's list call; when the
 *   per-device plan is chosen all the same, it was spent and is added to the page's calls.
 */
export type LabelListState = 'cached' | 'stale' | 'absent' | 'read-for-plan';

export interface DeviceLabelsPlanInput {
  mode: LabelsPlanMode;
  /** Devices of the page whose V25 labels are not cached: the per-device plan's calls. */
  uncachedDevices: number;
  list: LabelListState;
  /** The list's labels (empty when `absent`). */
  labels: readonly PlannedLabel[];
}

export type DeviceLabelsPlan =
  | {
      /** Read the label list (1 call, the members plan's own) and plan again with `read-for-plan`. */
      plan: 'read-list';
    }
  | {
      plan: 'per-device' | 'members';
      /** Upstream calls this page makes for its labels under the chosen plan. */
      calls: number;
      /** V25 calls: one per device whose labels are not cached. */
      perDeviceCalls: number;
      /** List call (unless cached) + Σ ⌈members / 200⌉ over labels not cached; null when it cannot be costed. */
      membersCalls: number | null;
      reason: 'forced' | 'cheaper' | 'tie' | 'uncostable';
    };

/** Calls to read `count` members at EPMM's 200 per search (a label with none needs no call). */
export function memberCalls(count: number): number {
  return Math.ceil(count / EPMM_MAX_PAGE);
}

/**
 * Members plan's calls: the list call unless the list is cached, and ⌈count / 200⌉ for each label whose members
 * are not cached. `known` is false when a label to read has no count: nothing bounds its cost, and `calls` then
 * counts one search for it (the least it can take).
 */
function membersPlanCalls(list: LabelListState, labels: readonly PlannedLabel[]): { calls: number; known: boolean } {
  let calls = list === 'cached' ? 0 : 1;
  let known = true;
  for (const label of labels) {
    if (label.membersCached) continue;
    if (label.deviceCount === null) known = false;
    calls += label.deviceCount === null ? 1 : memberCalls(label.deviceCount);
  }
  return { calls, known };
}

/**
 * The plan for one page: the cheaper of the two by upstream calls, ties to per-device (V25 is read per device, so
 * its answers are the freshest). Static and dynamic labels alike are read by members (the search's `labelId`
 * takes both: EPMM's own sample searches label -1, a system label), so no label kind forces per-device; a label
 * whose count is unknown does under `auto`, since then the members plan's cost has no bound.
 */
export function planDeviceLabels(input: DeviceLabelsPlanInput): DeviceLabelsPlan {
  const { mode, uncachedDevices, list, labels } = input;
  const perDevice = (reason: 'forced' | 'cheaper' | 'tie' | 'uncostable', membersCalls: number | null) => ({
    plan: 'per-device' as const,
    calls: uncachedDevices + (list === 'read-for-plan' ? 1 : 0),
    perDeviceCalls: uncachedDevices,
    membersCalls,
    reason,
  });
  if (list === 'absent') {
    if (mode === 'per-device') return perDevice('forced', null);
    // The members plan makes at least the list call: it cannot beat a page of at most one uncached device.
    if (mode === 'auto' && uncachedDevices <= 1) return perDevice(uncachedDevices === 1 ? 'tie' : 'cheaper', null);
    return { plan: 'read-list' };
  }
  const members = membersPlanCalls(list, labels);
  const membersCalls = members.known ? members.calls : null;
  if (mode === 'per-device') return perDevice('forced', membersCalls);
  if (mode === 'members' || (membersCalls !== null && membersCalls < uncachedDevices))
    return {
      plan: 'members',
      calls: members.calls,
      perDeviceCalls: uncachedDevices,
      membersCalls,
      reason: mode === 'members' ? 'forced' : 'cheaper',
    };
  if (membersCalls === null) return perDevice('uncostable', null);
  return perDevice(membersCalls === uncachedDevices ? 'tie' : 'cheaper', membersCalls);
}

/** Label calls of a walk through a fleet's pages within one device TTL, under one plan or the choice. */
export interface FleetLabelCalls {
  /** The first page, nothing cached (a credential's first request). */
  firstPage: number;
  /** Each later page (the last page may hold fewer devices; this is a full one). */
  laterPage: number;
  /** Every page of the fleet. */
  wholeFleet: number;
  /** The plan of each page in order, with its calls. */
  pages: Array<{ plan: 'per-device' | 'members'; calls: number }>;
}

/**
 * What the bench prints: a fleet of `fleetDevices` read `pageSize` devices at a time, from the first page to the
 * last, all within one device TTL, with `labelCounts` the label list's member counts. The calls are those of
 * Device.labels only; each page also makes its one device search under every plan. Run through
 * `planDeviceLabels` page by page with the cache state each page leaves behind, so `auto` is what the gateway does.
 */
export function fleetLabelCalls(
  fleetDevices: number,
  labelCounts: readonly number[],
  pageSize = 50,
): Record<LabelsPlanMode, FleetLabelCalls> {
  const walk = (mode: LabelsPlanMode): FleetLabelCalls => {
    const pages: FleetLabelCalls['pages'] = [];
    let list = 'absent' as LabelListState;
    let membersCached = false;
    for (let start = 0; start < fleetDevices; start += pageSize) {
      const input = (listState: LabelListState): DeviceLabelsPlanInput => ({
        mode,
        // Each page's devices are new: none has its V25 answer cached.
        uncachedDevices: Math.min(pageSize, fleetDevices - start),
        list: listState,
        labels: labelCounts.map((deviceCount, index) => ({ legacyId: index, deviceCount, membersCached })),
      });
      let state: LabelListState = list;
      let plan = planDeviceLabels(input(state));
      if (plan.plan === 'read-list') plan = planDeviceLabels(input((state = 'read-for-plan')));
      if (plan.plan === 'read-list') throw new Error('planDeviceLabels asked for the list twice');
      pages.push({ plan: plan.plan, calls: plan.calls });
      // A list read for this page (to plan, or by the members plan) is the members plan's copy from then on.
      if (state === 'read-for-plan' || plan.plan === 'members') list = 'cached';
      if (plan.plan === 'members') membersCached = true;
    }
    return {
      firstPage: pages[0]?.calls ?? 0,
      laterPage: pages[1]?.calls ?? 0,
      wholeFleet: pages.reduce((sum, page) => sum + page.calls, 0),
      pages,
    };
  };
  return { auto: walk('auto'), 'per-device': walk('per-device'), members: walk('members') };
}
