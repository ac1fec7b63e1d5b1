// The one entry of every device connection (docs/data-loading.md): `devices(filter, orderBy, source)`, a space's and a
// user's devices. Query planning lives here, not in resolvers (docs/architecture.md): the model filter and order are
// compiled to EPMM's search query and Neurons' `fq` in this module, so two fields asking for the same devices share
// one request shape, one sort (offset cursors stay stable) and one cache entry.
import { GatewayError } from '../errors.js';
import { offsetPage, type DeviceConnectionModel } from '../models/connection.js';
import type { DeviceModel } from '../models/device.js';
import type { DeviceFilterModel, DeviceOrderModel } from '../models/device-filter.js';
import {
  epmmKeysOf,
  epmmTwinUuid,
  joinableSerial,
  joinableUuid,
  joinTwins,
  EPMM_SERIAL_FIELD,
  MERGE_INDEX_MAX_CALLS,
  mergeDevicePages,
  mergedPartitionPositions,
  mergeOrderTag,
  NEURONS_ROWS_PER_CALL,
  neuronsOnly,
  neuronsRowsFrom,
  type EpmmKeys,
  type MergedDeviceConnectionModel,
} from '../models/device-merge.js';
import { EPMM_UUID_FIELD } from '../models/epmm-device.js';
import { epmmFieldsFor } from '../models/epmm-device-projection.js';
import {
  encodeMergedPartitionCursor,
  encodePartitionCursor,
  mergedNeuronsStart,
  mergedPartitionPositionAfter,
  offsetAfter,
  pageSize,
  partitionPositionsAfter,
  type MergedPartitionPosition,
  type PartitionPositions,
} from '../pagination.js';
import { compileDeviceFilter, compileDeviceOrder } from '../upstream/epmm/device-filter.js';
import { chunkedEqualsQueries } from '../upstream/epmm/search-query.js';
import { compileNeuronsDeviceFilter, compileNeuronsDeviceOrder } from '../upstream/neurons/device-filter.js';
import { EPMM_MAX_PAGE, type DevicePage } from './devices.js';
import { notSupported } from './groups.js';
import type { Loaders } from './index.js';
import type { NeuronsDevicePageRequest } from './neurons-devices.js';

/** Which MDM a device connection reads: one of them, or both merged (absent: merged when Neurons is configured). */
export type DeviceConnectionSource = 'EPMM' | 'NEURONS' | null | undefined;

/** The page a device connection is asked for: the client's `first` and `after`, and the gateway's maximum page. */
export interface DeviceConnectionPage {
  first?: number | null;
  after?: string | null;
  maxPageSize: number;
  /** The EPMM fields the selection needs (projection); every field when absent. */
  fields?: readonly string[];
}

/** A model filter and order, compiled once for each MDM: the plan every device read of a connection shares. */
interface DeviceQueryPlan {
  filter: DeviceFilterModel | null | undefined;
  orderBy: DeviceOrderModel | null | undefined;
  limit: number;
  after: string | null | undefined;
}

export async function loadDeviceConnection(
  loaders: Loaders,
  filter: DeviceFilterModel | null | undefined,
  orderBy: DeviceOrderModel | null | undefined,
  { first, after, maxPageSize, fields }: DeviceConnectionPage,
  source: DeviceConnectionSource,
): Promise<DeviceConnectionModel | MergedDeviceConnectionModel> {
  if (source === 'NEURONS' && !loaders.neuronsConfigured) throw notSupported('source: NEURONS');
  const plan: DeviceQueryPlan = { filter, orderBy, limit: pageSize(first, maxPageSize), after };
  if (source === 'EPMM') return epmmDevices(plan, loaders, fields);
  if (source === 'NEURONS') return neuronsDevices(plan, loaders);
  return loaders.neuronsConfigured ? mergedDevices(plan, loaders, fields) : epmmDevices(plan, loaders, fields);
}

async function epmmDevices(
  { limit, after, filter, orderBy }: DeviceQueryPlan,
  loaders: Loaders,
  fields: readonly string[] | undefined,
): Promise<DeviceConnectionModel> {
  const offset = offsetAfter(after);
  const page = await loaders.devicePage({
    ...compileDeviceFilter(filter),
    ...compileDeviceOrder(orderBy),
    offset,
    limit,
    fields,
  });
  return offsetPage(page.devices, offset, page.totalCount);
}

/** Every partition the caller holds, merged; each cursor carries every partition's position (docs/data-loading.md). */
async function neuronsDevices(
  { limit, after, filter, orderBy }: DeviceQueryPlan,
  loaders: Loaders,
): Promise<DeviceConnectionModel> {
  const page = await loaders.neuronsDeviceConnection({
    fq: compileNeuronsDeviceFilter(filter),
    ...compileNeuronsDeviceOrder(orderBy),
    after,
    limit,
  });
  return {
    nodes: page.devices,
    offset: page.offset,
    totalCount: page.totalCount,
    hasNextPage: page.hasNextPage,
    cursors: page.cursors,
  };
}

/**
 * One device, one row (docs/data-loading.md): EPMM's devices, plus the Neurons devices EPMM does not hold. A Neurons
 * row whose device EPMM also holds (a twin) is shown once, at its EPMM row, with EPMM's id. Each page reads a page of
 * each source from the cursor's positions: EPMM's offset, and each Neurons partition's (one search per partition).
 * Whether a Neurons row is a twin comes from the overlap index when the fleet is small enough to read every key
 * within MERGE_INDEX_MAX_CALLS (exact total), else from a UUID lookup of that page's Neurons rows (estimated total,
 * `totalCountIsEstimate`). Filters either source cannot apply are refused (docs/decisions.md).
 */
async function mergedDevices(
  { limit, after, filter, orderBy }: DeviceQueryPlan,
  loaders: Loaders,
  fields: readonly string[] | undefined,
): Promise<MergedDeviceConnectionModel> {
  const order = mergeOrderTag(orderBy);
  const start = mergedPartitionPositionAfter(after, order);
  const epmmCriteria = { ...compileDeviceFilter(filter), ...compileDeviceOrder(orderBy) };
  const query: NeuronsQuery = { fq: compileNeuronsDeviceFilter(filter), ...compileNeuronsDeviceOrder(orderBy) };
  const keys = { ...compileDeviceFilter(null), offset: 0, limit: EPMM_MAX_PAGE, fields: KEY_FIELDS };
  const keyPage = loaders.devicePage(keys);
  const [epmm, keyHead, neurons] = await Promise.all([
    loaders.devicePage({ ...epmmCriteria, offset: start.epmm, limit, fields }),
    keyPage,
    keyPage.then((head) => readMergedNeurons(loaders, head, start, limit, query)).catch(noNeuronsIfRefused),
  ]);
  // A caller Neurons refuses sees EPMM's list as without Neurons: no records joined (no twin is known).
  if (neurons.kind === 'refused') return { ...epmmDevicesAt(epmm, start, order), totalCountIsEstimate: false };
  const from = { epmm: start.epmm, neurons: neurons.start };
  if (neurons.kind === 'indexed') {
    return indexedPage(epmm, neurons.all, await readEpmmKeys(loaders, keyHead), from, limit, orderBy, order);
  }
  return lookedUpPage(epmm, neurons.window, from, limit, orderBy, order, loaders, query);
}

/** The Neurons search of the merged list: its filter and order. */
type NeuronsQuery = Pick<NeuronsDevicePageRequest, 'fq' | 'sortField' | 'sortOrder'>;

/** Neurons rows read from per-partition positions, with each partition's position after each row. */
interface NeuronsWindow {
  devices: DeviceModel[];
  after: PartitionPositions[];
  totalCount: number;
}

/** What the merged list read of Neurons: every row (the overlap index fits), or a window from the cursor's place. */
type MergedNeurons =
  | { kind: 'refused' }
  | { kind: 'indexed'; start: PartitionPositions; all: DeviceModel[] }
  | { kind: 'lookedUp'; start: PartitionPositions; window: NeuronsWindow };

/**
 * Decides how twins are known, reading Neurons once per partition for a page at any depth: when the EPMM key scan
 * leaves room in MERGE_INDEX_MAX_CALLS, every Neurons row is read from each partition's start (500 a search, cached
 * 30 s, so every page shares them); otherwise a window is read from the cursor's positions, one search per partition.
 */
async function readMergedNeurons(
  loaders: Loaders,
  keyHead: DevicePage,
  position: MergedPartitionPosition,
  limit: number,
  query: NeuronsQuery,
): Promise<MergedNeurons> {
  const partitionIds = (await loaders.groups.partitions()).all;
  const start = mergedNeuronsStart(position, partitionIds);
  if (partitionIds.length === 0) return { kind: 'indexed', start, all: [] };
  // Neurons is read per partition: at most one more call per partition than its rows need.
  const epmmCalls = Math.ceil(keyHead.totalCount / EPMM_MAX_PAGE) + partitionIds.length - 1;
  if (epmmCalls <= MERGE_INDEX_MAX_CALLS) {
    const head = await loaders.neuronsDevicePage({ ...query, offset: 0, limit: NEURONS_ROWS_PER_CALL });
    if (epmmCalls + Math.ceil(head.totalCount / NEURONS_ROWS_PER_CALL) <= MERGE_INDEX_MAX_CALLS) {
      const all =
        head.devices.length >= head.totalCount
          ? head
          : await loaders.neuronsDevicePage({ ...query, offset: 0, limit: head.totalCount });
      return { kind: 'indexed', start, all: all.devices };
    }
  }
  return { kind: 'lookedUp', start, window: await readNeuronsFrom(loaders, query, start, windowRows(limit)) };
}

/**
 * Neurons rows from per-partition positions, through the `source: NEURONS` reader (readNeuronsAcrossPartitions):
 * one search per partition of `rows` rows (≤ 500), whatever the depth.
 */
async function readNeuronsFrom(
  loaders: Loaders,
  query: NeuronsQuery,
  start: PartitionPositions,
  rows: number,
): Promise<NeuronsWindow> {
  if (start.size === 0) return { devices: [], after: [], totalCount: 0 };
  const order = `${query.sortField}.${query.sortOrder}`;
  const after = encodePartitionCursor(order, start);
  const page = await loaders.neuronsDeviceConnection({ ...query, after, limit: rows });
  const ids = [...start.keys()];
  return {
    devices: page.devices,
    after: page.cursors.map((cursor) => partitionPositionsAfter(cursor, order, ids)),
    totalCount: page.totalCount,
  };
}

/** Neurons rows a looked-up page reads per partition in its one search: MAX_NEURONS_WINDOWS windows of the page. */
function windowRows(limit: number): number {
  return Math.min(NEURONS_ROWS_PER_CALL, Math.max(1, limit) * MAX_NEURONS_WINDOWS);
}

function consumed(positions: PartitionPositions): number {
  return [...positions.values()].reduce((sum, offset) => sum + offset, 0);
}

/** EPMM's page alone, with merged cursors (the Neurons positions unchanged). */
function epmmDevicesAt(epmm: DevicePage, start: MergedPartitionPosition, order: string): DeviceConnectionModel {
  const merged = mergeDevicePages(epmm.devices, [], { epmm: start.epmm, neurons: 0 }, epmm.devices.length, null);
  const positions = mergedPartitionPositions(merged, start, []);
  const end = positions.at(-1) ?? start;
  return {
    nodes: merged.devices,
    offset: start.epmm,
    totalCount: epmm.totalCount,
    hasNextPage: end.epmm < epmm.totalCount,
    cursors: positions.map((position) => encodeMergedPartitionCursor(order, position)),
  };
}

/** The EPMM fields the overlap index reads of every EPMM device: the two join keys. */
const KEY_FIELDS = epmmFieldsFor(['uuid', 'serialNumber']);

/** The rest of the EPMM key scan after its first page, all pages at once (the first told the total). */
async function readEpmmKeys(loaders: Loaders, head: DevicePage): Promise<EpmmKeys> {
  const offsets: number[] = [];
  for (let offset = EPMM_MAX_PAGE; offset < head.totalCount; offset += EPMM_MAX_PAGE) offsets.push(offset);
  const rest = await Promise.all(
    offsets.map((offset) =>
      loaders.devicePage({ ...compileDeviceFilter(null), offset, limit: EPMM_MAX_PAGE, fields: KEY_FIELDS }),
    ),
  );
  return epmmKeysOf([head, ...rest].flatMap((page) => page.devices));
}

/** Exact: every Neurons row is known, so twins are joined to their EPMM row and the total counts each device once. */
function indexedPage(
  epmm: DevicePage,
  allNeurons: readonly DeviceModel[],
  keys: EpmmKeys,
  start: MergedPartitionPosition,
  limit: number,
  orderBy: DeviceOrderModel | null | undefined,
  order: string,
): MergedDeviceConnectionModel {
  const twinOf = new Map<string, DeviceModel>();
  const twins = new Set<DeviceModel>();
  for (const device of allNeurons) {
    const uuid = epmmTwinUuid(keys, device);
    if (uuid === null) continue;
    twins.add(device);
    if (!twinOf.has(uuid)) twinOf.set(uuid, device);
  }
  const { before, rows, after } = neuronsRowsFrom(allNeurons, start.neurons);
  const isTwin = (device: DeviceModel) => twins.has(device);
  const merged = mergeDevicePages(epmm.devices, rows, { epmm: start.epmm, neurons: 0 }, limit, orderBy, {
    isTwin,
    neuronsEnded: true,
  });
  const positions = mergedPartitionPositions(merged, start, after);
  const end = positions.at(-1) ?? start;
  const neuronsLeft = rows.slice(merged.positions.at(-1)?.neurons ?? 0).some((device) => !isTwin(device));
  return {
    nodes: merged.devices.map((device) =>
      device.source === 'EPMM' ? joinTwins(device, twinOf.get(device.uuid.toLowerCase()) ?? null) : neuronsOnly(device),
    ),
    // Devices shown before the page: EPMM rows passed plus the Neurons-only rows passed.
    offset: start.epmm + before.filter((device) => !isTwin(device)).length,
    totalCount: epmm.totalCount + allNeurons.length - twins.size,
    totalCountIsEstimate: false,
    hasNextPage: end.epmm < epmm.totalCount || neuronsLeft,
    cursors: positions.map((position) => encodeMergedPartitionCursor(order, position)),
  };
}

/** Windows of Neurons rows a looked-up page reads at most before it ends short (it always ends with a device). */
const MAX_NEURONS_WINDOWS = 3;

/**
 * Estimated: the overlap is not known beyond this page. Each Neurons row read is looked up in EPMM by UUID (4 per
 * search, 0 when cached; by serial number when it has no UUID), a window of `limit` rows at a time; a twin is
 * skipped, so a device is still listed once. The rows of MAX_NEURONS_WINDOWS windows come from the one search per
 * partition; only a page whose rows were all twins reads on. The total is EPMM's plus Neurons' scaled by the share
 * of this page's Neurons rows that were not twins.
 */
async function lookedUpPage(
  epmm: DevicePage,
  window: NeuronsWindow,
  start: MergedPartitionPosition,
  limit: number,
  orderBy: DeviceOrderModel | null | undefined,
  order: string,
  loaders: Loaders,
  query: NeuronsQuery,
): Promise<MergedDeviceConnectionModel> {
  const rows: DeviceModel[] = [...window.devices];
  const after: PartitionPositions[] = [...window.after];
  let neuronsTotal = window.totalCount;
  const twins = new Set<DeviceModel>();
  let marked = 0;
  const markNext = async () => {
    const next = rows.slice(marked, marked + Math.max(1, limit));
    await markTwins(loaders, next, twins);
    marked += next.length;
  };
  const ended = () => marked === rows.length && consumed(after.at(-1) ?? start.neurons) >= neuronsTotal;
  const mergeRows = () =>
    mergeDevicePages(epmm.devices, rows.slice(0, marked), { epmm: start.epmm, neurons: 0 }, limit, orderBy, {
      isTwin: (device) => twins.has(device),
      neuronsEnded: ended(),
    });
  await markNext();
  let windows = 1;
  let merged = mergeRows();
  // A page of nothing but skipped twins would give the client no cursor to go on from: read on until one device.
  while (limit > 0 && !ended() && ((merged.short && windows < MAX_NEURONS_WINDOWS) || merged.devices.length === 0)) {
    if (marked === rows.length) {
      const more = await readNeuronsFrom(loaders, query, after.at(-1) ?? start.neurons, windowRows(limit));
      if (more.devices.length === 0) break;
      rows.push(...more.devices);
      after.push(...more.after);
      neuronsTotal = more.totalCount;
    }
    await markNext();
    windows += 1;
    merged = mergeRows();
  }
  const read = rows.slice(0, marked);
  const onlyShare = read.length === 0 ? 1 : (read.length - twins.size) / read.length;
  const positions = mergedPartitionPositions(merged, start, after);
  const end = positions.at(-1) ?? start;
  // Past the last device: the Neurons rows the page passed (twins after it included).
  const neuronsEnd = merged.neuronsPassed === 0 ? start.neurons : after[merged.neuronsPassed - 1];
  return {
    nodes: merged.devices.map((device) => (device.source === 'NEURONS' ? neuronsOnly(device) : device)),
    offset: start.epmm + consumed(start.neurons),
    totalCount: epmm.totalCount + Math.round(neuronsTotal * onlyShare),
    totalCountIsEstimate: neuronsTotal > 0,
    hasNextPage: end.epmm < epmm.totalCount || consumed(neuronsEnd) < neuronsTotal,
    cursors: positions.map((position) => encodeMergedPartitionCursor(order, position)),
  };
}

/** Adds to `twins` the rows of `devices` whose device EPMM holds (by UUID, else by serial number). */
async function markTwins(loaders: Loaders, devices: readonly DeviceModel[], twins: Set<DeviceModel>): Promise<void> {
  const byUuid = loaders.deviceByUuidWith([EPMM_UUID_FIELD]);
  const serialOnly = devices.filter((device) => !joinableUuid(device.uuid) && joinableSerial(device.serialNumber));
  const serials = [...new Set(serialOnly.map((device) => joinableSerial(device.serialNumber)!))];
  const [found, bySerial] = await Promise.all([
    Promise.all(
      devices.map((device) => {
        const uuid = joinableUuid(device.uuid);
        return uuid ? byUuid.load(uuid).then((twin) => twin !== null) : false;
      }),
    ),
    Promise.all(
      chunkedEqualsQueries(EPMM_SERIAL_FIELD, serials).map((chunk) =>
        loaders.devicePage({ query: chunk.query, offset: 0, limit: chunk.values.length * 2, fields: KEY_FIELDS }),
      ),
    ),
  ]);
  const epmmSerials = epmmKeysOf(bySerial.flatMap((page) => page.devices));
  devices.forEach((device, index) => {
    if (found[index] || (serialOnly.includes(device) && epmmTwinUuid(epmmSerials, device) !== null)) twins.add(device);
  });
}

/**
 * In the merged list, a caller Neurons refuses (an EPMM help-desk admin who is not a Neurons tenant admin) can see
 * no Neurons devices: their list is the EPMM one, as it would be without Neurons. Any other failure (unavailable,
 * timeout) is an error, never silently a shorter list. `source: NEURONS` still reports the refusal.
 */
function noNeuronsIfRefused(error: unknown): { kind: 'refused' } {
  const code = error instanceof GatewayError ? error.code : undefined;
  if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return { kind: 'refused' };
  throw error;
}
