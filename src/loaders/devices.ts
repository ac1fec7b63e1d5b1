// Device loading: a per-request DataLoader by uuid that batches into as few searches as EPMM's 255-character
// query limit allows, and page reads that prime it. Both go through the shared cache.
import DataLoader from 'dataloader';
import type { DeviceModel } from '../models/device.js';
import { EPMM_DEVICE_FIELDS, EPMM_UUID_FIELD, epmmDeviceToModel } from '../models/epmm-device.js';
import type { DeviceSearchParams, EpmmCaller, EpmmClient } from '../upstream/epmm/client.js';
import { chunkedEqualsQueries } from '../upstream/epmm/search-query.js';
import { cacheKey, type CacheScope, type CacheStats, type SharedCache } from './shared-cache.js';

/** EPMM's maximum `limit` for one search page. */
export const EPMM_MAX_PAGE = 200;

export interface DevicePage {
  devices: DeviceModel[];
  totalCount: number;
}

export interface DeviceLoaderDeps {
  client: EpmmClient;
  caller: EpmmCaller;
  cache: SharedCache;
  scope: CacheScope;
  stats: CacheStats;
}

export function createDeviceByUuidLoader(deps: DeviceLoaderDeps): DataLoader<string, DeviceModel | null> {
  return new DataLoader<string, DeviceModel | null>(async (uuids) => {
    const found = new Map<string, DeviceModel>();
    const missing: string[] = [];
    for (const uuid of uuids) {
      const cached = deps.cache.get<DeviceModel>(cacheKey(deps.scope, 'device', uuid));
      if (cached) {
        deps.stats.hits += 1;
        found.set(uuid, cached);
      } else {
        missing.push(uuid);
      }
    }
    const chunks = chunkedEqualsQueries(EPMM_UUID_FIELD, missing);
    await Promise.all(
      chunks.map(async (chunk) => {
        deps.stats.misses += 1;
        const response = await deps.client.searchDevices(deps.caller, {
          query: chunk.query,
          fields: EPMM_DEVICE_FIELDS,
          limit: chunk.values.length,
          offset: 0,
        });
        for (const device of response.results.map(epmmDeviceToModel)) {
          if (!device) continue;
          found.set(device.uuid, device);
          deps.cache.set(cacheKey(deps.scope, 'device', device.uuid), 'device', device);
        }
      }),
    );
    return uuids.map((uuid) => found.get(uuid) ?? null);
  }, { cacheKeyFn: (uuid) => uuid.toLowerCase() });
}

export interface DevicePageRequest {
  query: string;
  labelId?: number;
  offset: number;
  limit: number;
  sortField?: string;
  sortOrder?: 'ASC' | 'DESC';
}

/**
 * Reads one page of devices (several EPMM pages when `limit` exceeds EPMM's 200), caching the page as a
 * whole and each device by uuid so that a later `node` refetch costs nothing.
 */
export async function loadDevicePage(deps: DeviceLoaderDeps, byUuid: DataLoader<string, DeviceModel | null>, request: DevicePageRequest): Promise<DevicePage> {
  const key = cacheKey(deps.scope, 'device', `page:${JSON.stringify(request)}`);
  const page = await deps.cache.getOrLoad(key, 'device', () => fetchPage(deps, request), deps.stats);
  for (const device of page.devices) {
    byUuid.prime(device.uuid, device);
    deps.cache.set(cacheKey(deps.scope, 'device', device.uuid), 'device', device);
  }
  return page;
}

async function fetchPage(deps: DeviceLoaderDeps, request: DevicePageRequest): Promise<DevicePage> {
  const devices: DeviceModel[] = [];
  let totalCount = 0;
  let offset = request.offset;
  // limit 0 still makes one call: it is how the total count is learnt.
  do {
    const limit = Math.min(EPMM_MAX_PAGE, request.limit - devices.length);
    const params: DeviceSearchParams = {
      query: request.query,
      labelId: request.labelId,
      fields: EPMM_DEVICE_FIELDS,
      limit,
      offset,
      sortField: request.sortField,
      sortOrder: request.sortOrder,
    };
    const response = await deps.client.searchDevices(deps.caller, params);
    totalCount = response.totalCount;
    const batch = response.results.map(epmmDeviceToModel).filter((device): device is DeviceModel => device !== null);
    devices.push(...batch);
    offset += response.results.length;
    if (response.results.length < limit || response.hasMore === false) break;
  } while (devices.length < request.limit);
  return { devices, totalCount };
}
