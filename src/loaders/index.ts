// Per-request loaders. Created fresh for every GraphQL request (never at module level); the long-lived
// pieces (clients, shared cache) are passed in.
import DataLoader from 'dataloader';
import type { DeviceModel } from '../models/device.js';
import type { EpmmCaller, EpmmClient } from '../upstream/epmm/client.js';
import type { DeviceDetailsResponse, SearchFieldsResponse } from '../upstream/epmm/dto.js';
import { createDeviceByUuidLoader, loadDevicePage, type DevicePage, type DevicePageRequest } from './devices.js';
import { createUserByPrincipalLoader } from './users.js';
import type { UserModel } from '../models/user.js';
import { cacheKey, type CacheScope, type CacheStats, type SharedCache } from './shared-cache.js';

export interface Loaders {
  deviceByUuid: DataLoader<string, DeviceModel | null>;
  userByPrincipal: DataLoader<string, UserModel | null>;
  devicePage(request: DevicePageRequest): Promise<DevicePage>;
  /** Details are one call per device (EPMM has no batch details call): a bounded fan-out, cached per device. */
  deviceDetails: DataLoader<{ uuid: string; batteryStats: boolean; os?: string }, DeviceDetailsResponse['results'], string>;
  searchFields(): Promise<SearchFieldsResponse>;
}

export interface LoaderDeps {
  client: EpmmClient;
  caller: EpmmCaller;
  cache: SharedCache;
  scope: CacheScope;
  stats: CacheStats;
}

/** DataLoader dispatches details in batches of this size; each key is still one EPMM call. */
const DETAILS_MAX_BATCH = 10;

export function createLoaders(deps: LoaderDeps): Loaders {
  const deviceByUuid = createDeviceByUuidLoader(deps);
  return {
    deviceByUuid,
    userByPrincipal: createUserByPrincipalLoader(deps),
    devicePage: (request) => loadDevicePage(deps, deviceByUuid, request),
    deviceDetails: new DataLoader(
      (keys) =>
        Promise.all(
          keys.map((key) =>
            deps.cache
              .getOrLoad(
                cacheKey(deps.scope, 'device', `details:${key.uuid}:${key.batteryStats}`),
                'device',
                async () => (await deps.client.deviceDetails(deps.caller, key.uuid, key)).results,
                deps.stats,
              )
              .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
          ),
        ),
      { maxBatchSize: DETAILS_MAX_BATCH, cacheKeyFn: (key) => `${key.uuid}:${key.batteryStats}` },
    ),
    searchFields: () => deps.cache.getOrLoad(cacheKey(deps.scope, 'reference', 'search_fields'), 'reference', () => deps.client.searchFields(deps.caller), deps.stats),
  };
}
