// Merging EPMM's and Neurons' device pages into one ordered page. Each source arrives sorted by its own MDM in the
// requested order; the gateway compares the same keys the MDMs sort on (nulls last, case-insensitive text) and
// takes EPMM's device first on a tie, so the merge is deterministic and each device is taken exactly once.
import type { DeviceModel } from './device.js';
import type { DeviceOrderField, DeviceOrderModel } from './device-filter.js';
import type { MergedPosition } from '../pagination.js';

type SortKey = string | number | null;

const KEYS: Record<DeviceOrderField, (device: DeviceModel) => SortKey> = {
  NAME: (device) => device.name,
  LAST_CHECK_IN: (device) => instant(device.lastCheckInAt),
  REGISTERED: (device) => instant(device.registeredAt),
  PLATFORM: (device) => device.platform,
  OS_VERSION: (device) => device.osVersion,
  USER_DISPLAY_NAME: (device) => device.user?.displayName ?? null,
  MODEL: (device) => device.model,
};

const COLLATOR = new Intl.Collator('en', { sensitivity: 'base' });

function instant(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return COLLATOR.compare(String(a), String(b));
}

/** The order's name inside merged cursors: `LAST_CHECK_IN.DESC`, or `ID` for the default (source, then id) order. */
export function mergeOrderTag(order: DeviceOrderModel | null | undefined): string {
  return order ? `${order.field}.${order.direction ?? 'ASC'}` : 'ID';
}

/**
 * Negative when `a` (from EPMM) comes before `b` (from Neurons). Without an order the ids of the two MDMs are not
 * comparable, so every EPMM device comes first: the merge is then EPMM's list followed by Neurons'.
 */
function comparator(order: DeviceOrderModel | null | undefined): (a: DeviceModel, b: DeviceModel) => number {
  if (!order) return () => 0;
  const key = KEYS[order.field];
  const direction = order.direction === 'DESC' ? -1 : 1;
  // As EPMM sorts: the direction flips the whole comparison, nulls included.
  return (a, b) => direction * compareKeys(key(a), key(b));
}

export interface MergedDevicePage {
  devices: DeviceModel[];
  /** The position after each device of `devices`. */
  positions: MergedPosition[];
}

/**
 * Takes up to `limit` devices from the heads of two pages that start at `start`. Each page holds the next `limit`
 * devices of its source (or all that are left), so the `limit` first of their merge are the `limit` first of the
 * whole remaining merge.
 */
export function mergeDevicePages(epmm: readonly DeviceModel[], neurons: readonly DeviceModel[], start: MergedPosition, limit: number, order: DeviceOrderModel | null | undefined): MergedDevicePage {
  const compare = comparator(order);
  const devices: DeviceModel[] = [];
  const positions: MergedPosition[] = [];
  let e = 0;
  let n = 0;
  while (devices.length < limit && (e < epmm.length || n < neurons.length)) {
    const takeEpmm = n >= neurons.length || (e < epmm.length && compare(epmm[e], neurons[n]) <= 0);
    devices.push(takeEpmm ? epmm[e++] : neurons[n++]);
    positions.push({ epmm: start.epmm + e, neurons: start.neurons + n });
  }
  return { devices, positions };
}
