// Neurons devices (NG13) across every partition the caller holds. NG13 searches one `dmPartitionId` per call, so a
// device list is a k-way merge of one sorted search per partition, and its cursor carries each partition's position
// (docs/data-loading.md, Neurons partitions). Each partition search is cached on its own, under its partition's scope.
import { GatewayError } from '../errors.js';
import type { DeviceModel, NeuronsDeviceRef } from '../models/device.js';
import type { DeviceSpaceModel } from '../models/device-space.js';
import { neuronsDeviceToModel } from '../models/neurons-device.js';
import { encodePartitionCursor, partitionPositionsAfter, type PartitionPositions } from '../pagination.js';
import type { DeviceSearchResult, NeuronsDevice } from '../upstream/neurons/dto.js';
import type { FqExpression } from '../upstream/neurons/fq.js';
import type { DevicePage } from './devices.js';
import {
  neuronsCacheScope,
  notSupported,
  type GroupLoaders,
  type NeuronsLoaderDeps,
  type Partitions,
} from './groups.js';
import { cacheKey, type CacheStats, type SharedCache } from '../cache/shared-cache.js';

/** NG13's `rows` cap. */
const NEURONS_MAX_ROWS = 500;

export interface NeuronsDevicePageRequest {
  fq: FqExpression | null;
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

export interface NeuronsDevicePageDeps {
  neurons: NeuronsLoaderDeps | undefined;
  cache: SharedCache;
  stats: CacheStats;
  partitions(): Promise<Partitions>;
}

export interface NeuronsPartitionReadRequest {
  fq: FqExpression | null;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
  /** Devices already consumed in each partition (from a cursor); every partition the caller holds must be present. */
  start: PartitionPositions;
  limit: number;
}

export interface NeuronsPartitionRead {
  devices: DeviceModel[];
  /** Per device, the positions after it: what its cursor encodes. */
  positions: PartitionPositions[];
  /** Sum of the partitions' totals. */
  totalCount: number;
  /** Each partition's own total, as its search reported it. */
  totals: ReadonlyMap<number, number>;
}

/** One partition's sorted stream: records fetched from `consumed` on, in NG13's order for that partition. */
interface Stream {
  partitionId: number;
  consumed: number;
  buffer: NeuronsDevice[];
  head: number;
  total: number;
  done: boolean;
}

const COLLATOR = new Intl.Collator('en', { sensitivity: 'base' });

/** The merge's order: the sort field as NG13 names it on the record, then the numeric id; absent values last. */
function comparator(sortField: string, sortOrder: 'ASC' | 'DESC'): (a: NeuronsDevice, b: NeuronsDevice) => number {
  const direction = sortOrder === 'DESC' ? -1 : 1;
  const value = (record: NeuronsDevice) => (record as Record<string, unknown>)[sortField];
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    const xAbsent = x === null || x === undefined;
    const yAbsent = y === null || y === undefined;
    let order = 0;
    if (xAbsent || yAbsent) order = xAbsent === yAbsent ? 0 : xAbsent ? 1 : -1;
    else if (typeof x === 'number' && typeof y === 'number') order = direction * (x - y);
    else order = direction * COLLATOR.compare(String(x), String(y));
    return order || a.id - b.id;
  };
}

/**
 * The k-way merge of one sorted NG13 search per partition, from `start`, skipping `skip` devices then taking `limit`.
 * `rowsFor` sizes each search: a partition is searched again only once its buffer is used up, so with `limit` rows
 * per search (≤ 500) a page costs exactly one search per partition. Ties keep each partition's own order (a
 * partition's stream is consumed strictly in order), so paging by the positions visits every device exactly once.
 */
async function mergePartitions(
  deps: NeuronsDevicePageDeps,
  n: NeuronsLoaderDeps,
  request: Omit<NeuronsPartitionReadRequest, 'limit'> & {
    skip: number;
    limit: number;
    rowsFor(stream: Stream, wanted: number): number;
  },
): Promise<NeuronsPartitionRead> {
  const compare = comparator(request.sortField, request.sortOrder);
  const streams: Stream[] = [...request.start.entries()].map(([partitionId, consumed]) => ({
    partitionId,
    consumed,
    buffer: [],
    head: 0,
    total: 0,
    done: false,
  }));
  const search = async (stream: Stream, wanted: number) => {
    const start = stream.consumed;
    const rows = Math.max(1, Math.min(NEURONS_MAX_ROWS, request.rowsFor(stream, wanted)));
    const { sortField, sortOrder } = request;
    const query = { fq: request.fq?.text ?? null, sortField, sortOrder, start, rows };
    const page = await deps.cache.getOrLoad(
      cacheKey<DeviceSearchResult>(
        neuronsCacheScope(n, stream.partitionId),
        'device',
        `device_search:${JSON.stringify(query)}`,
      ),
      'device',
      () =>
        n.client.searchDevices(n.caller, {
          dmPartitionId: stream.partitionId,
          fq: request.fq,
          rows,
          start,
          sortField,
          sortOrder,
        }),
      deps.stats,
    );
    stream.total = page.totalCount;
    stream.buffer = page.searchResults;
    stream.head = 0;
    stream.done = page.searchResults.length < rows || start + page.searchResults.length >= page.totalCount;
  };
  const wanted = () => request.skip + request.limit - taken;
  let taken = 0;
  const devices: DeviceModel[] = [];
  const positions: PartitionPositions[] = [];
  // Every partition is searched once even for `first: 0`: its total is part of totalCount.
  await Promise.all(streams.map((stream) => search(stream, wanted())));
  while (taken < request.skip + request.limit) {
    const empty = streams.filter((stream) => stream.head >= stream.buffer.length && !stream.done);
    if (empty.length > 0) await Promise.all(empty.map((stream) => search(stream, wanted())));
    let best: Stream | undefined;
    for (const stream of streams) {
      if (stream.head >= stream.buffer.length) continue;
      if (!best || compare(stream.buffer[stream.head], best.buffer[best.head]) < 0) best = stream;
    }
    if (!best) break;
    const record = best.buffer[best.head];
    best.head += 1;
    best.consumed += 1;
    taken += 1;
    if (taken <= request.skip) continue;
    devices.push(neuronsDeviceToModel(record, best.partitionId));
    positions.push(new Map(streams.map((stream) => [stream.partitionId, stream.consumed])));
  }
  const totals = new Map(streams.map((stream) => [stream.partitionId, stream.total]));
  return { devices, positions, totals, totalCount: streams.reduce((sum, stream) => sum + stream.total, 0) };
}

function neuronsDeps(deps: NeuronsDevicePageDeps): NeuronsLoaderDeps {
  if (!deps.neurons) throw notSupported('Neurons devices');
  return deps.neurons;
}

/**
 * A page of Neurons devices from per-partition positions: one NG13 search per partition per page of up to 500
 * (⌈limit / 500⌉ beyond that). For a connection over Neurons devices that keeps a position per partition (the
 * `source: NEURONS` list, and the merged EPMM + Neurons list through it: docs/data-loading.md, "One device, one row").
 */
export async function readNeuronsAcrossPartitions(
  deps: NeuronsDevicePageDeps,
  request: NeuronsPartitionReadRequest,
): Promise<NeuronsPartitionRead> {
  const n = neuronsDeps(deps);
  const { all } = await deps.partitions();
  if (all.length !== request.start.size || all.some((id) => !request.start.has(id))) {
    const message = 'The position was made for other Neurons partitions; start again without `after`.';
    throw new GatewayError('BAD_USER_INPUT', message, { field: ['after'] });
  }
  // Each partition is read for the whole page: any one of them may hold all of the page's devices.
  return mergePartitions(deps, n, { ...request, skip: 0, rowsFor: (_stream, wanted) => wanted });
}

export interface NeuronsDeviceConnectionRequest {
  fq: FqExpression | null;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
  after: string | null | undefined;
  limit: number;
}

export interface NeuronsDeviceConnectionPage {
  devices: DeviceModel[];
  cursors: string[];
  /** Devices before the page, over every partition. */
  offset: number;
  totalCount: number;
  hasNextPage: boolean;
}

/** `devices(source: NEURONS)`: a page across every partition, each edge's cursor holding every partition's position. */
export async function loadNeuronsDeviceConnection(
  deps: NeuronsDevicePageDeps,
  request: NeuronsDeviceConnectionRequest,
): Promise<NeuronsDeviceConnectionPage> {
  neuronsDeps(deps);
  const order = `${request.sortField}.${request.sortOrder}`;
  const start = partitionPositionsAfter(request.after, order, (await deps.partitions()).all);
  const read = await readNeuronsAcrossPartitions(deps, { ...request, start });
  const sum = (positions: PartitionPositions) => [...positions.values()].reduce((total, offset) => total + offset, 0);
  const end = read.positions.at(-1) ?? start;
  return {
    devices: read.devices,
    cursors: read.positions.map((positions) => encodePartitionCursor(order, positions)),
    offset: sum(start),
    totalCount: read.totalCount,
    hasNextPage: sum(end) < read.totalCount,
  };
}

/**
 * A page of Neurons devices at a single offset over the merge of every partition (the merged list's overlap index
 * reads every row with it from offset 0; twin lookups by serial). With one partition the offset is that
 * partition's; with several, the merge is replayed from the start in searches of 500 per partition, cached:
 * P × ⌈(offset + limit) / 500⌉ searches for P partitions cold. A connection that keeps per-partition positions
 * (readNeuronsAcrossPartitions) pays P per page instead.
 */
export async function loadNeuronsDevicePage(
  deps: NeuronsDevicePageDeps,
  request: NeuronsDevicePageRequest,
): Promise<DevicePage> {
  const n = neuronsDeps(deps);
  const { all } = await deps.partitions();
  if (all.length === 1) {
    const start = new Map([[all[0], request.offset]]);
    const read = await mergePartitions(deps, n, { ...request, start, skip: 0, rowsFor: (_stream, wanted) => wanted });
    return { devices: read.devices, totalCount: read.totalCount };
  }
  const start = new Map(all.map((id) => [id, 0]));
  // Windows of 500 from 0 in every partition: the next page replays the same (cached) searches.
  const rowsFor = () => NEURONS_MAX_ROWS;
  const read = await mergePartitions(deps, n, { ...request, start, skip: request.offset, rowsFor });
  return { devices: read.devices, totalCount: read.totalCount };
}

/** The partition as a device space: `Device.deviceSpace` of a Neurons device, `node` of a partition's id. */
export async function loadNeuronsPartition(
  groups: GroupLoaders,
  neuronsConfigured: boolean,
  partitionId: number,
): Promise<DeviceSpaceModel | null> {
  if (!neuronsConfigured) throw notSupported('A Neurons partition');
  // `?? []`: a partition list cached (Redis tier) by a gateway version without `spaces` reads as no partition.
  return ((await groups.partitions()).spaces ?? []).find((space) => space.id === partitionId) ?? null;
}

/**
 * A Neurons device by the reference its global id carries (`node`, `nodes`): one cached detail read, batched
 * with the request's others, in the partition the id names. A partition the caller cannot see is answered null
 * before any device read.
 */
export async function loadNeuronsDevice(
  groups: GroupLoaders,
  neuronsConfigured: boolean,
  ref: NeuronsDeviceRef,
): Promise<DeviceModel | null> {
  if (!neuronsConfigured) throw notSupported('A Neurons device');
  if (!(await groups.partitions()).all.includes(ref.partitionId)) return null;
  return groups.neuronsDevice.load(ref);
}
