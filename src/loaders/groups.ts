// Neurons groups and their members. Every read needs a `dmPartitionId`, learnt once per credential from the
// tenant's partition list. Neurons has no batch read of groups per device, so a device's groups cost one NG13
// search per partition (a batch of devices by serial number, matched back by UUID) plus one detail read per device;
// a Neurons device (which names its partition and id) costs only the detail read.
import DataLoader from 'dataloader';
import { GatewayError } from '../errors.js';
import type { DeviceModel, NeuronsDeviceRef } from '../models/device.js';
import type { DeviceSpaceModel } from '../models/device-space.js';
import type { GroupModel } from '../models/group.js';
import { neuronsDeviceDetailEntries, neuronsDeviceToModel } from '../models/neurons-device.js';
import { neuronsDeviceGroupToModel, neuronsUserGroupToModel } from '../models/neurons-group.js';
import type { NeuronsClient } from '../upstream/neurons/client.js';
import type { NeuronsDeviceDetail } from '../upstream/neurons/dto.js';
import { fqAny, fqEq } from '../upstream/neurons/fq.js';
import { cacheKey, type CacheScope, type CacheStats, type SharedCache } from '../cache/shared-cache.js';
import { batchingOptions, fanOutLoader, type BatchingSetting } from './batching.js';
import type { UpstreamCaller } from '../upstream/caller.js';

export interface NeuronsLoaderDeps {
  client: NeuronsClient;
  caller: UpstreamCaller;
  credentialScope: string;
}

export interface GroupLoaderDeps extends BatchingSetting {
  neurons: NeuronsLoaderDeps | undefined;
  cache: SharedCache;
  stats: CacheStats;
}

export interface Partitions {
  /** The partition new device groups go to by default: the tenant's default one if visible, else the first visible. */
  active: number;
  /** Every partition the caller holds, in the partition list's order: Neurons reads span all of them. */
  all: number[];
  /** The same partitions as device spaces (`Device.deviceSpace` of a Neurons device, `node` of a partition id). */
  spaces: DeviceSpaceModel[];
}

export interface GroupDevicePage {
  devices: DeviceModel[];
  totalCount: number;
}

/** NG13's `rows` cap. */
const NEURONS_MAX_ROWS = 500;
/** NG02 pages by `start`/`rows`; this many per call. */
const USER_GROUP_PAGE = 100;
/** Serial numbers per NG13 search: each `(SERIALNUMBER EQ '…')` is about 40 characters, well inside `fq`'s 4,000. */
const SERIALS_PER_SEARCH = 50;

/** The `upstream` of Neurons cache keys (what a Neurons mutation invalidates). */
export function neuronsCacheUpstream(origin: string): string {
  // The embedded simulator serves Neurons on EPMM's origin: the prefix keeps the two upstreams' keys apart.
  return `neurons:${origin}`;
}

export function neuronsCacheScope(n: NeuronsLoaderDeps, partitionId: number | 'none'): CacheScope {
  return {
    upstream: neuronsCacheUpstream(n.client.origin),
    credentialScope: n.credentialScope,
    deviceSpaceId: partitionId,
  };
}

export function notSupported(what: string): GatewayError {
  return new GatewayError('NOT_SUPPORTED_BY_SOURCE', `${what} needs Neurons for MDM, which is not configured.`);
}

export interface GroupLoaders {
  partitions(): Promise<Partitions>;
  userGroups(): Promise<GroupModel[]>;
  deviceGroups(partitionId: number): Promise<GroupModel[]>;
  /** The device groups of every partition the caller holds, partition by partition (one NG10 each, concurrent). */
  allDeviceGroups(): Promise<GroupModel[]>;
  deviceGroup(partitionId: number, id: number): Promise<GroupModel | null>;
  groupDevices(partitionId: number, fq: string | null, offset: number, limit: number): Promise<GroupDevicePage>;
  /** A Neurons device by partition and id (one detail read each, cached); null when Neurons does not know it. */
  neuronsDevice: DataLoader<NeuronsDeviceRef, DeviceModel | null, string>;
  /** The same read as `neuronsDevice`, as `Device.details` entries. */
  neuronsDeviceDetails: DataLoader<NeuronsDeviceRef, Array<{ name: string; value: string | null }> | null, string>;
  groupsOfDevice: DataLoader<DeviceModel, GroupModel[], string>;
}

const refKey = (ref: NeuronsDeviceRef) => `${ref.partitionId}:${ref.id}`;
/** A Neurons device and its EPMM twin share a UUID (its `guid`): keyed apart, as they are read apart. */
const deviceKey = (device: DeviceModel) => (device.neurons ? `neurons:${refKey(device.neurons)}` : device.uuid);

/** Split by concern: partitions, Neurons devices by reference, each device's groups, and the group reads. */
export function createGroupLoaders(deps: GroupLoaderDeps): GroupLoaders {
  const partitions = (): Promise<Partitions> => loadPartitions(deps);
  const loaders: GroupLoaders = {
    partitions,
    allDeviceGroups: async () => {
      // NG12 spans partitions but only by group name; listing needs NG10 once per partition (docs/data-loading.md).
      const { all } = await partitions();
      return (await Promise.all(all.map((partitionId) => loaders.deviceGroups(partitionId)))).flat();
    },
    userGroups: () => loadUserGroups(deps),
    deviceGroups: (partitionId) => loadDeviceGroups(deps, partitionId),
    deviceGroup: (partitionId, id) => loadDeviceGroup(deps, partitionId, id),
    groupDevices: (partitionId, fq, offset, limit) => loadGroupDevices(deps, partitionId, fq, offset, limit),
    neuronsDevice: createNeuronsDeviceLoader(deps, (record, ref) => neuronsDeviceToModel(record, ref.partitionId)),
    // The same cached read as `neuronsDevice`: a device read by `node` and its details cost one call.
    neuronsDeviceDetails: createNeuronsDeviceLoader(deps, (record) => neuronsDeviceDetailEntries(record)),
    groupsOfDevice: createGroupsOfDeviceLoader(deps, partitions),
  };
  return loaders;
}

function requireNeurons(deps: GroupLoaderDeps, what: string): NeuronsLoaderDeps {
  if (!deps.neurons) throw notSupported(what);
  return deps.neurons;
}

// Partitions

function loadPartitions(deps: GroupLoaderDeps): Promise<Partitions> {
  const n = requireNeurons(deps, 'Neurons groups');
  return deps.cache.getOrLoad(
    cacheKey(neuronsCacheScope(n, 'none'), 'spaces', 'partitions'),
    'spaces',
    async () => {
      const page = await n.client.listDevicePartitions(n.caller);
      const visible = page.searchResults;
      const active = visible.find((partition) => partition.defaultPartition) ?? visible[0];
      if (!active) throw new GatewayError('FORBIDDEN', 'The administrator has no device partition in Neurons.');
      const spaces = visible.map(
        (partition): DeviceSpaceModel => ({
          kind: 'DeviceSpace',
          id: partition.id,
          name: partition.name,
          description: partition.description,
          partition: {
            defaultPartition: partition.defaultPartition,
            priority: partition.priority,
            deviceCount: partition.deviceCount ?? null,
          },
        }),
      );
      return { active: active.id, all: visible.map((partition) => partition.id), spaces };
    },
    deps.stats,
  );
}

// Neurons devices by reference (partition and id)

function readDevice(
  deps: GroupLoaderDeps,
  n: NeuronsLoaderDeps,
  partitionId: number,
  id: number,
): Promise<NeuronsDeviceDetail> {
  const key = cacheKey<NeuronsDeviceDetail>(neuronsCacheScope(n, partitionId), 'device', `device:${id}`);
  return deps.cache.getOrLoad(key, 'device', () => n.client.getDevice(n.caller, id, partitionId), deps.stats);
}

/**
 * One detail read per device (Neurons has no multi-device read), turned into what the caller needs; unknown reads
 * as null.
 */
function createNeuronsDeviceLoader<T>(
  deps: GroupLoaderDeps,
  map: (record: NeuronsDeviceDetail, ref: NeuronsDeviceRef) => T,
): DataLoader<NeuronsDeviceRef, T | null, string> {
  return fanOutLoader<NeuronsDeviceRef, T | null, string>(
    async (key) => {
      const n = requireNeurons(deps, 'Neurons devices');
      try {
        return map(await readDevice(deps, n, key.partitionId, key.id), key);
      } catch (error) {
        if (error instanceof GatewayError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    { cacheKeyFn: refKey },
  );
}

// Each device's groups

function createGroupsOfDeviceLoader(
  deps: GroupLoaderDeps,
  partitions: () => Promise<Partitions>,
): DataLoader<DeviceModel, GroupModel[], string> {
  return new DataLoader<DeviceModel, GroupModel[], string>(
    async (devices) => {
      const n = requireNeurons(deps, 'Device groups');
      const results = new Map<string, GroupModel[] | Error>();
      const missing: DeviceModel[] = [];
      const groupsOf = (detail: NeuronsDeviceDetail) =>
        (detail.groups ?? []).map((group) => neuronsDeviceGroupToModel(group, false));
      const own: Array<[DeviceModel, NeuronsDeviceRef]> = [];
      for (const device of devices) {
        // A Neurons device names its own record: its groups are on it, no search needed.
        if (device.neurons) {
          own.push([device, device.neurons]);
          continue;
        }
        const cached = deps.cache.get(
          cacheKey<GroupModel[]>(neuronsCacheScope(n, 'none'), 'device', `groups_of:${device.uuid}`),
        );
        if (cached) {
          deps.stats.hits += 1;
          results.set(device.uuid, cached);
        } else if (!device.serialNumber) {
          // The serial number is the only searchable identity both MDMs report; the UUID is not an NG13 field.
          results.set(
            device.uuid,
            new GatewayError(
              'NOT_SUPPORTED_BY_SOURCE',
              'The device reports no serial number to find it in Neurons by.',
            ),
          );
        } else {
          missing.push(device);
        }
      }
      await Promise.all(
        own.map(async ([device, ref]) => {
          const groups = await readDevice(deps, n, ref.partitionId, ref.id).then(groupsOf, (error: unknown) =>
            error instanceof Error ? error : new Error(String(error)),
          );
          results.set(deviceKey(device), groups);
        }),
      );
      if (missing.length > 0) {
        // Before the search and the detail reads whose answer is stored below.
        const ticket = deps.cache.ticket(neuronsCacheScope(n, 'none'), 'device');
        const found = await findInNeurons(deps, n, await partitions(), missing);
        await Promise.all(
          missing.map(async (device) => {
            const link = found.get(device.uuid);
            try {
              const groups = link ? await readDevice(deps, n, link.partitionId, link.id).then(groupsOf) : [];
              deps.cache.set(ticket, `groups_of:${device.uuid}`, groups);
              results.set(device.uuid, groups);
            } catch (error) {
              results.set(device.uuid, error instanceof Error ? error : new Error(String(error)));
            }
          }),
        );
      }
      return devices.map((device) => results.get(deviceKey(device)) ?? []);
    },
    batchingOptions(deps, { cacheKeyFn: deviceKey }),
  );
}

/** One NG13 search per partition and chunk of serials; a record is the device's only when its `guid` is the device's UUID. */
async function findInNeurons(
  deps: GroupLoaderDeps,
  n: NeuronsLoaderDeps,
  known: Partitions,
  devices: DeviceModel[],
): Promise<Map<string, { partitionId: number; id: number }>> {
  const byUuid = new Map(devices.map((device) => [device.uuid, device]));
  const serials = [
    ...new Set(devices.map((device) => device.serialNumber).filter((serial): serial is string => serial !== null)),
  ];
  const chunks: string[][] = [];
  for (let index = 0; index < serials.length; index += SERIALS_PER_SEARCH)
    chunks.push(serials.slice(index, index + SERIALS_PER_SEARCH));
  const found = new Map<string, { partitionId: number; id: number }>();
  await Promise.all(
    known.all.flatMap((partitionId) =>
      chunks.map(async (chunk) => {
        deps.stats.misses += 1;
        const page = await n.client.searchDevices(n.caller, {
          dmPartitionId: partitionId,
          fq: fqAny(chunk.map((serial) => fqEq('SERIALNUMBER', serial))),
          rows: NEURONS_MAX_ROWS,
          start: 0,
        });
        for (const record of page.searchResults) {
          const uuid = record.guid?.toLowerCase();
          if (uuid && byUuid.has(uuid)) found.set(uuid, { partitionId, id: record.id });
        }
      }),
    ),
  );
  return found;
}

// Group lists, one group, and a group's devices

function loadUserGroups(deps: GroupLoaderDeps): Promise<GroupModel[]> {
  const n = requireNeurons(deps, 'Neurons user groups');
  return deps.cache.getOrLoad(
    cacheKey(neuronsCacheScope(n, 'none'), 'spaces', 'user_groups'),
    'spaces',
    async () => {
      const groups: GroupModel[] = [];
      let total = 0;
      do {
        const page = await n.client.listUserGroups(n.caller, { start: groups.length, rows: USER_GROUP_PAGE });
        total = page.totalCount;
        groups.push(...page.searchResults.map(neuronsUserGroupToModel));
        if (page.searchResults.length === 0) break;
      } while (groups.length < total);
      return groups;
    },
    deps.stats,
  );
}

function loadDeviceGroups(deps: GroupLoaderDeps, partitionId: number): Promise<GroupModel[]> {
  const n = requireNeurons(deps, 'Neurons device groups');
  return deps.cache.getOrLoad(
    cacheKey(neuronsCacheScope(n, partitionId), 'spaces', 'device_groups'),
    'spaces',
    async () =>
      (
        await n.client.listDeviceGroups(n.caller, partitionId, { memberCount: true, assignedPoliciesAndConfigs: true })
      ).searchResults.map((group) => neuronsDeviceGroupToModel(group, true)),
    deps.stats,
  );
}

async function loadDeviceGroup(deps: GroupLoaderDeps, partitionId: number, id: number): Promise<GroupModel | null> {
  const n = requireNeurons(deps, 'Neurons device groups');
  try {
    return await deps.cache.getOrLoad(
      cacheKey(neuronsCacheScope(n, partitionId), 'spaces', `device_group:${id}`),
      'spaces',
      async () =>
        neuronsDeviceGroupToModel(
          await n.client.getDeviceGroup(n.caller, id, partitionId, {
            memberCount: true,
            assignedPoliciesAndConfigs: true,
          }),
          true,
        ),
      deps.stats,
    );
  } catch (error) {
    if (error instanceof GatewayError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return null;
    throw error;
  }
}

function loadGroupDevices(
  deps: GroupLoaderDeps,
  partitionId: number,
  fq: string | null,
  offset: number,
  limit: number,
): Promise<GroupDevicePage> {
  const n = requireNeurons(deps, 'Neurons device groups');
  return deps.cache.getOrLoad(
    cacheKey(neuronsCacheScope(n, partitionId), 'device', `group_devices:${JSON.stringify([fq, offset, limit])}`),
    'device',
    async () => {
      const devices: DeviceModel[] = [];
      let totalCount = 0;
      let start = offset;
      // rows 0 is not allowed: a page of one still reports the total.
      do {
        const rows = Math.max(1, Math.min(NEURONS_MAX_ROWS, limit - devices.length));
        // `fq` is text the fq module built from the group's own treeView (kept as text for the cache key).
        const page = await n.client.searchDevices(n.caller, {
          dmPartitionId: partitionId,
          fq: fq === null ? null : { text: fq },
          rows,
          start,
        });
        totalCount = page.totalCount;
        devices.push(
          ...page.searchResults
            .slice(0, Math.max(0, limit - devices.length))
            .map((record) => neuronsDeviceToModel(record, partitionId)),
        );
        start += page.searchResults.length;
        if (page.searchResults.length < rows) break;
      } while (devices.length < limit);
      return { devices, totalCount };
    },
    deps.stats,
  );
}
