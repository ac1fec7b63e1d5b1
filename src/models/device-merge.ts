// Merging EPMM's and Neurons' device pages into one ordered page. Each source arrives sorted by its own MDM in the
// requested order; the gateway compares the same keys the MDMs sort on (nulls last, case-insensitive text) and
// takes EPMM's device first on a tie, so the merge is deterministic and each device is taken exactly once.
import type { DeviceConnectionModel } from './connection.js';
import type { DeviceModel } from './device.js';
import type { DeviceOrderField, DeviceOrderModel } from './device-filter.js';
import type { MergedPartitionPosition, MergedPosition, PartitionPositions } from '../pagination.js';
import { UUID } from './uuid.js';

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
  /** How many Neurons rows of `neurons` were passed (shown or skipped as twins) when the page ended. */
  neuronsPassed: number;
  /**
   * True when the page ended before `limit` because the Neurons rows ran out (all twins) while unread Neurons rows
   * might still sort before the next EPMM device.
   */
  short: boolean;
}

export interface MergeOptions {
  /** A Neurons row whose device EPMM also holds: it is shown once, at its EPMM row, so it is skipped here. */
  isTwin?: (device: DeviceModel) => boolean;
  /** Whether `neurons` runs to the end of Neurons' list (every Neurons row after `start` is in it). */
  neuronsEnded?: boolean;
}

/**
 * Takes up to `limit` devices from the heads of two pages that start at `start`. Each page holds the next `limit`
 * devices of its source (or all that are left), so the `limit` first of their merge are the `limit` first of the
 * whole remaining merge. Twins (`isTwin`) are passed over: unread Neurons rows sort at or after the last one read,
 * so once the Neurons rows are used up an EPMM device is taken only if it sorts at or before that last row (or
 * Neurons has no more); otherwise the page ends short and the next page reads on.
 */
export function mergeDevicePages(
  epmm: readonly DeviceModel[],
  neurons: readonly DeviceModel[],
  start: MergedPosition,
  limit: number,
  order: DeviceOrderModel | null | undefined,
  options: MergeOptions = {},
): MergedDevicePage {
  const compare = comparator(order);
  const isTwin = options.isTwin ?? (() => false);
  const neuronsEnded = options.neuronsEnded ?? true;
  const devices: DeviceModel[] = [];
  const positions: MergedPosition[] = [];
  let e = 0;
  let n = 0;
  let short = false;
  for (;;) {
    while (n < neurons.length && isTwin(neurons[n])) n += 1;
    if (devices.length >= limit || (e >= epmm.length && n >= neurons.length)) break;
    let takeEpmm: boolean;
    if (n >= neurons.length) {
      const last = neurons.at(-1);
      const safe = neuronsEnded || !order || (last !== undefined && compare(epmm[e], last) <= 0);
      if (!safe) {
        short = true;
        break;
      }
      takeEpmm = true;
    } else {
      takeEpmm = e < epmm.length && compare(epmm[e], neurons[n]) <= 0;
    }
    devices.push(takeEpmm ? epmm[e++] : neurons[n++]);
    positions.push({ epmm: start.epmm + e, neurons: start.neurons + n });
  }
  return { devices, positions, neuronsPassed: n, short };
}

/**
 * The merged cursor's positions after each device of `page`, a merge of Neurons rows read from `start` and run with
 * `{ epmm: start.epmm, neurons: 0 }` as its start: `neuronsAfter[i]` is each partition's position after row i.
 */
export function mergedPartitionPositions(
  page: MergedDevicePage,
  start: MergedPartitionPosition,
  neuronsAfter: readonly PartitionPositions[],
): MergedPartitionPosition[] {
  return page.positions.map((position) => ({
    epmm: position.epmm,
    neurons: position.neurons === 0 ? start.neurons : neuronsAfter[position.neurons - 1],
  }));
}

/** The rows of a Neurons partition at or after a position, and each partition's position after each of them. */
export interface NeuronsRowsFrom {
  /** The rows before `start` (consumed by earlier pages). */
  before: DeviceModel[];
  rows: DeviceModel[];
  after: PartitionPositions[];
}

/**
 * Splits every Neurons row, in merge order as read from every partition's start, at per-partition positions. The
 * merge takes each partition's rows in that partition's order, so a row's rank among its partition's rows is its
 * offset in that partition's search: the rows at or after `start` are the rows a merge from `start` reads.
 */
export function neuronsRowsFrom(all: readonly DeviceModel[], start: PartitionPositions): NeuronsRowsFrom {
  const rank = new Map<number, number>();
  const current = new Map(start);
  const split: NeuronsRowsFrom = { before: [], rows: [], after: [] };
  for (const device of all) {
    const partition = device.neurons?.partitionId ?? -1;
    const offset = rank.get(partition) ?? 0;
    rank.set(partition, offset + 1);
    if (offset < (start.get(partition) ?? 0)) {
      split.before.push(device);
      continue;
    }
    current.set(partition, offset + 1);
    split.rows.push(device);
    split.after.push(new Map(current));
  }
  return split;
}

// ---- One device, one row: twins (docs/data-loading.md, "One device, one row") ----

/**
 * The most upstream calls the overlap index may cost (every EPMM device's two keys, 200 a call, plus every Neurons
 * row the filter matches, 500 a call per partition) for the merged list to count each device exactly; above it the
 * total is an estimate. 12 covers a fleet of about 2,000 EPMM devices.
 */
export const MERGE_INDEX_MAX_CALLS = 12;
/** NG13's `rows` cap: Neurons rows per call. */
export const NEURONS_ROWS_PER_CALL = 500;
/** EPMM's search field for the serial number (its v2 field list names it so). */
export const EPMM_SERIAL_FIELD = 'common.SerialNumber';

/** The merged connection: its total is exact unless `totalCountIsEstimate`. */
export interface MergedDeviceConnectionModel extends DeviceConnectionModel {
  totalCountIsEstimate: boolean;
}

/** Masked or placeholder identifiers (`*****`, all zeros, `unknown`) name no device: they never join two records. */
const PLACEHOLDERS = new Set(['', 'unknown', 'n/a', 'na', 'none', 'null', 'undefined', 'default string']);

/** A UUID that can join two records: UUID-shaped, not masked, not all zeros. */
export function joinableUuid(value: string | null | undefined): string | null {
  if (!value || !UUID.test(value)) return null;
  return /^[0-]+$/.test(value) ? null : value.toLowerCase();
}

/** A serial number that can join two records (compared case-insensitively, trimmed). */
export function joinableSerial(value: string | null | undefined): string | null {
  const serial = value?.trim().toUpperCase() ?? '';
  if (PLACEHOLDERS.has(serial.toLowerCase()) || serial.includes('*') || /^[0\-\s.]+$/.test(serial)) return null;
  return serial;
}

/** What EPMM holds, by join key: every EPMM device's UUID, and its serial number. */
export interface EpmmKeys {
  uuids: ReadonlySet<string>;
  /** EPMM device UUID by joinable serial number (a serial two EPMM devices report joins neither). */
  uuidBySerial: ReadonlyMap<string, string>;
}

export function epmmKeysOf(devices: Iterable<Pick<DeviceModel, 'uuid' | 'serialNumber'>>): EpmmKeys {
  const uuids = new Set<string>();
  const uuidBySerial = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const device of devices) {
    const uuid = joinableUuid(device.uuid);
    if (!uuid) continue;
    uuids.add(uuid);
    const serial = joinableSerial(device.serialNumber);
    if (!serial) continue;
    if (uuidBySerial.has(serial) && uuidBySerial.get(serial) !== uuid) ambiguous.add(serial);
    uuidBySerial.set(serial, uuid);
  }
  for (const serial of ambiguous) uuidBySerial.delete(serial);
  return { uuids, uuidBySerial };
}

/**
 * The UUID of a Neurons device's EPMM twin, or null: the same UUID when the Neurons record has a joinable one,
 * else the same serial number. A Neurons UUID that EPMM does not hold is not overridden by a serial match.
 */
export function epmmTwinUuid(keys: EpmmKeys, device: Pick<DeviceModel, 'uuid' | 'serialNumber'>): string | null {
  const uuid = joinableUuid(device.uuid);
  if (uuid) return keys.uuids.has(uuid) ? uuid : null;
  const serial = joinableSerial(device.serialNumber);
  return serial ? (keys.uuidBySerial.get(serial) ?? null) : null;
}

/** The physical device of a pair: EPMM's record (its id, fields and order), with both records attached. */
export function joinTwins(epmm: DeviceModel, neurons: DeviceModel | null): DeviceModel {
  return { ...epmm, records: { epmm, neurons } };
}

/** A Neurons device EPMM is known not to hold. */
export function neuronsOnly(neurons: DeviceModel): DeviceModel {
  return { ...neurons, records: { epmm: null, neurons } };
}
