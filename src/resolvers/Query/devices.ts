import { GatewayError } from '../../errors.js';
import type { GatewayContext } from '../../context.js';
import type { QueryDevicesArgs, QueryResolvers } from '../../generated/resolvers-types.js';
import { notSupported } from '../../loaders/groups.js';
import { EPMM_MAX_PAGE, type DevicePage } from '../../loaders/devices.js';
import type { DeviceConnectionModel } from '../../models/connection.js';
import type { DeviceModel } from '../../models/device.js';
import {
  epmmKeysOf,
  epmmTwinUuid,
  joinableSerial,
  joinableUuid,
  joinTwins,
  EPMM_SERIAL_FIELD,
  MERGE_INDEX_MAX_CALLS,
  mergeDevicePages,
  mergeOrderTag,
  NEURONS_ROWS_PER_CALL,
  neuronsOnly,
  type EpmmKeys,
  type MergedDeviceConnectionModel,
} from '../../models/device-merge.js';
import { EPMM_UUID_FIELD } from '../../models/epmm-device.js';
import { epmmFieldsFor } from '../../models/epmm-device-projection.js';
import { chunkedEqualsQueries } from '../../upstream/epmm/search-query.js';
import {
  encodeMergedCursor,
  mergedPositionAfter,
  offsetAfter,
  pageSize,
  type MergedPosition,
} from '../../pagination.js';
import { compileDeviceFilter, compileDeviceOrder } from '../../upstream/epmm/device-filter.js';
import { compileNeuronsDeviceFilter, compileNeuronsDeviceOrder } from '../../upstream/neurons/device-filter.js';
import { epmmProjection, selectedConnectionDeviceFields } from '../device-projection.js';

export const devices: QueryResolvers['devices'] = async (_parent, args, context, info) => {
  const { source } = args;
  // Projection: EPMM is asked only for the fields the selection needs (plus the uuid and the merge's sort key).
  const fields = epmmProjection(context.config, selectedConnectionDeviceFields(info), args.orderBy?.field);
  if (source === 'EPMM') return epmmDevices(args, context, fields);
  if (source === 'NEURONS') {
    if (!context.loaders.neuronsConfigured) throw notSupported('source: NEURONS');
    return neuronsDevices(args, context);
  }
  return context.loaders.neuronsConfigured ? mergedDevices(args, context, fields) : epmmDevices(args, context, fields);
};

async function epmmDevices({ first, after, filter, orderBy }: QueryDevicesArgs, { loaders, config }: GatewayContext, fields: readonly string[] | undefined): Promise<DeviceConnectionModel> {
  const limit = pageSize(first, config.maxPageSize);
  const offset = offsetAfter(after);
  const page = await loaders.devicePage({ ...compileDeviceFilter(filter), ...compileDeviceOrder(orderBy), offset, limit, fields });
  return { nodes: page.devices, offset, totalCount: page.totalCount, hasNextPage: offset + page.devices.length < page.totalCount };
}

/** Every partition the caller holds, merged; each cursor carries every partition's position (docs/data-loading.md). */
async function neuronsDevices({ first, after, filter, orderBy }: QueryDevicesArgs, { loaders, config }: GatewayContext): Promise<DeviceConnectionModel> {
  const limit = pageSize(first, config.maxPageSize);
  const page = await loaders.neuronsDeviceConnection({ fq: compileNeuronsDeviceFilter(filter), ...compileNeuronsDeviceOrder(orderBy), after, limit });
  return { nodes: page.devices, offset: page.offset, totalCount: page.totalCount, hasNextPage: page.hasNextPage, cursors: page.cursors };
}

/**
 * One device, one row (docs/data-loading.md): EPMM's devices, plus the Neurons devices EPMM does not hold. A Neurons
 * row whose device EPMM also holds (a twin) is shown once, at its EPMM row, with EPMM's id. Each page reads a page of
 * each source; whether a Neurons row is a twin comes from the overlap index when the fleet is small enough to read
 * every key within MERGE_INDEX_MAX_CALLS (exact total), else from a UUID lookup of that page's Neurons rows
 * (estimated total, `totalCountIsEstimate`). Filters either source cannot apply are refused (docs/decisions.md).
 */
async function mergedDevices(
  { first, after, filter, orderBy }: QueryDevicesArgs,
  { loaders, config }: GatewayContext,
  fields: readonly string[] | undefined,
): Promise<MergedDeviceConnectionModel> {
  const limit = pageSize(first, config.maxPageSize);
  const order = mergeOrderTag(orderBy);
  const start = mergedPositionAfter(after, order);
  const epmmCriteria = compileDeviceFilter(filter);
  const fq = compileNeuronsDeviceFilter(filter);
  const neuronsOrder = compileNeuronsDeviceOrder(orderBy);
  const neuronsPage = (offset: number, rows: number): Promise<DevicePage & { refused?: true }> =>
    loaders.neuronsDevicePage({ fq, ...neuronsOrder, offset, limit: rows }).catch(noDevicesIfRefused);
  const [epmm, window, keyHead] = await Promise.all([
    loaders.devicePage({ ...epmmCriteria, ...compileDeviceOrder(orderBy), offset: start.epmm, limit, fields }),
    neuronsPage(start.neurons, limit),
    loaders.devicePage({ ...compileDeviceFilter(null), offset: 0, limit: EPMM_MAX_PAGE, fields: KEY_FIELDS }),
  ]);
  // Neurons is read per partition: at most one more call per partition than its rows need.
  const partitions = window.totalCount > 0 ? (await loaders.groups.partitions()).all.length : 0;
  // A caller Neurons refuses sees EPMM's list as without Neurons: no records joined (no twin is known).
  if (window.refused) return { ...(await epmmDevicesAt(epmm, start, order)), totalCountIsEstimate: false };
  const indexCalls =
    Math.ceil(keyHead.totalCount / EPMM_MAX_PAGE) +
    Math.ceil(window.totalCount / NEURONS_ROWS_PER_CALL) +
    Math.max(0, partitions - 1);
  if (indexCalls <= MERGE_INDEX_MAX_CALLS) {
    // Small enough to know the overlap: every EPMM key and every (filtered) Neurons row, each cached 30 s.
    const [epmmKeys, neurons] = await Promise.all([
      readEpmmKeys(loaders, keyHead),
      start.neurons === 0 && window.devices.length >= window.totalCount ? window : neuronsPage(0, window.totalCount),
    ]);
    return indexedPage(epmm, neurons.devices, epmmKeys, start, limit, orderBy, order);
  }
  return lookedUpPage(epmm, window, start, limit, orderBy, order, loaders, neuronsPage);
}

/** EPMM's page alone, with merged cursors (Neurons stays at 0). */
function epmmDevicesAt(epmm: DevicePage, start: MergedPosition, order: string): DeviceConnectionModel {
  const merged = mergeDevicePages(epmm.devices, [], start, epmm.devices.length, null);
  const end = merged.positions.at(-1) ?? start;
  return {
    nodes: merged.devices,
    offset: start.epmm,
    totalCount: epmm.totalCount,
    hasNextPage: end.epmm < epmm.totalCount,
    cursors: merged.positions.map((position) => encodeMergedCursor(order, position)),
  };
}

/** The EPMM fields the overlap index reads of every EPMM device: the two join keys. */
const KEY_FIELDS = epmmFieldsFor(['uuid', 'serialNumber']);

/** The rest of the EPMM key scan after its first page, all pages at once (the first told the total). */
async function readEpmmKeys(loaders: GatewayContext['loaders'], head: DevicePage): Promise<EpmmKeys> {
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
  start: MergedPosition,
  limit: number,
  orderBy: QueryDevicesArgs['orderBy'],
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
  const rest = allNeurons.slice(start.neurons);
  const isTwin = (device: DeviceModel) => twins.has(device);
  const merged = mergeDevicePages(epmm.devices, rest, start, limit, orderBy, { isTwin, neuronsEnded: true });
  const neuronsOnlyCount = allNeurons.length - twins.size;
  const totalCount = epmm.totalCount + neuronsOnlyCount;
  const end = merged.positions.at(-1) ?? start;
  const neuronsLeft = allNeurons.slice(end.neurons).some((device) => !twins.has(device));
  return {
    nodes: merged.devices.map((device) =>
      device.source === 'EPMM' ? joinTwins(device, twinOf.get(device.uuid.toLowerCase()) ?? null) : neuronsOnly(device),
    ),
    offset: shownBefore(start, allNeurons, twins),
    totalCount,
    totalCountIsEstimate: false,
    hasNextPage: end.epmm < epmm.totalCount || neuronsLeft,
    cursors: merged.positions.map((position) => encodeMergedCursor(order, position)),
  };
}

/** Devices shown before the page: EPMM rows passed plus the Neurons-only rows passed. */
function shownBefore(
  start: MergedPosition,
  allNeurons: readonly DeviceModel[],
  twins: ReadonlySet<DeviceModel>,
): number {
  return start.epmm + allNeurons.slice(0, start.neurons).filter((device) => !twins.has(device)).length;
}

/** Windows of Neurons rows a looked-up page reads at most before it ends short (it always ends with a device). */
const MAX_NEURONS_WINDOWS = 3;

/**
 * Estimated: the overlap is not known beyond this page. Each Neurons row read is looked up in EPMM by UUID (4 per
 * search, 0 when cached; by serial number when it has no UUID); a twin is skipped, so a device is still listed
 * once. The total is EPMM's plus Neurons' scaled by the share of this page's Neurons rows that were not twins.
 */
async function lookedUpPage(
  epmm: DevicePage,
  first: DevicePage,
  start: MergedPosition,
  limit: number,
  orderBy: QueryDevicesArgs['orderBy'],
  order: string,
  loaders: GatewayContext['loaders'],
  neuronsPage: (offset: number, rows: number) => Promise<DevicePage>,
): Promise<MergedDeviceConnectionModel> {
  const rows: DeviceModel[] = [...first.devices];
  const twins = new Set<DeviceModel>();
  await markTwins(loaders, first.devices, twins);
  let windows = 1;
  const mergeRows = () =>
    mergeDevicePages(epmm.devices, rows, start, limit, orderBy, {
      isTwin: (device) => twins.has(device),
      neuronsEnded: start.neurons + rows.length >= first.totalCount,
    });
  let merged = mergeRows();
  // A page of nothing but skipped twins would give the client no cursor to go on from: read on until one device.
  while (merged.short && (merged.devices.length === 0 || windows < MAX_NEURONS_WINDOWS)) {
    const next = await neuronsPage(start.neurons + rows.length, limit);
    if (next.devices.length === 0) break;
    await markTwins(loaders, next.devices, twins);
    rows.push(...next.devices);
    windows += 1;
    merged = mergeRows();
  }
  const onlyShare = rows.length === 0 ? 1 : (rows.length - twins.size) / rows.length;
  const end = merged.positions.at(-1) ?? start;
  return {
    nodes: merged.devices.map((device) => (device.source === 'NEURONS' ? neuronsOnly(device) : device)),
    offset: start.epmm + start.neurons,
    totalCount: epmm.totalCount + Math.round(first.totalCount * onlyShare),
    totalCountIsEstimate: true,
    hasNextPage: end.epmm < epmm.totalCount || start.neurons + merged.neuronsPassed < first.totalCount,
    cursors: merged.positions.map((position) => encodeMergedCursor(order, position)),
  };
}

/** Adds to `twins` the rows of `devices` whose device EPMM holds (by UUID, else by serial number). */
async function markTwins(
  loaders: GatewayContext['loaders'],
  devices: readonly DeviceModel[],
  twins: Set<DeviceModel>,
): Promise<void> {
  const byUuid = loaders.deviceByUuidWith([EPMM_UUID_FIELD]);
  const serialOnly = devices.filter((device) => !joinableUuid(device.uuid) && joinableSerial(device.serialNumber));
  const serials = [...new Set(serialOnly.map((device) => joinableSerial(device.serialNumber)!))];
  const [found, bySerial] = await Promise.all([
    Promise.all(devices.map((device) => {
      const uuid = joinableUuid(device.uuid);
      return uuid ? byUuid.load(uuid).then((twin) => twin !== null) : false;
    })),
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
function noDevicesIfRefused(error: unknown): DevicePage & { refused: true } {
  const code = error instanceof GatewayError ? error.extensions.code : undefined;
  if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return { devices: [], totalCount: 0, refused: true };
  throw error;
}
