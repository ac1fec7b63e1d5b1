// Pages of Neurons devices (NG13) for `Query.devices`: one search per page of up to 500 rows, in the partition the
// gateway reads Neurons in (the tenant's default one, else the first visible; see groups.ts), cached as a page.
import type { DeviceModel, NeuronsDeviceRef } from '../models/device.js';
import { neuronsDeviceToModel } from '../models/neurons-device.js';
import type { FqExpression } from '../upstream/neurons/fq.js';
import type { DevicePage } from './devices.js';
import { neuronsCacheScope, notSupported, type GroupLoaders, type NeuronsLoaderDeps, type Partitions } from './groups.js';
import { cacheKey, type CacheStats, type SharedCache } from './shared-cache.js';

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

export async function loadNeuronsDevicePage(deps: NeuronsDevicePageDeps, request: NeuronsDevicePageRequest): Promise<DevicePage> {
  const n = deps.neurons;
  if (!n) throw notSupported('Neurons devices');
  const partitionId = (await deps.partitions()).active;
  const key = cacheKey(neuronsCacheScope(n, partitionId), 'device', `device_page:${JSON.stringify({ ...request, fq: request.fq?.text ?? null })}`);
  return deps.cache.getOrLoad(
    key,
    'device',
    async () => {
      const devices: DeviceModel[] = [];
      let totalCount = 0;
      let start = request.offset;
      // rows 0 is not allowed: a page of one still reports the total when the client asks for none.
      do {
        const rows = Math.max(1, Math.min(NEURONS_MAX_ROWS, request.limit - devices.length));
        const page = await n.client.searchDevices(n.caller, { dmPartitionId: partitionId, fq: request.fq, rows, start, sortField: request.sortField, sortOrder: request.sortOrder });
        totalCount = page.totalCount;
        devices.push(...page.searchResults.slice(0, Math.max(0, request.limit - devices.length)).map((record) => neuronsDeviceToModel(record, partitionId)));
        start += page.searchResults.length;
        if (page.searchResults.length < rows) break;
      } while (devices.length < request.limit);
      return { devices, totalCount };
    },
    deps.stats,
  );
}

/**
 * A Neurons device by the reference its global id carries (`node`, `nodes`): one cached detail read, batched
 * with the request's others. A partition the caller cannot see is answered null before any device read.
 */
export async function loadNeuronsDevice(groups: GroupLoaders, neuronsConfigured: boolean, ref: NeuronsDeviceRef): Promise<DeviceModel | null> {
  if (!neuronsConfigured) throw notSupported('A Neurons device');
  if (!(await groups.partitions()).all.includes(ref.partitionId)) return null;
  return groups.neuronsDevice.load(ref);
}
