// Device spaces (DS01) and their policy restrictions (DS08). DS01 answers every visible space in one call
// (its default limit is 10,000), so the list is read once and paged locally; DS08 takes one space per call.
import type DataLoader from 'dataloader';
import type { DeviceSpaceModel, DeviceSpacePolicyRestrictionModel } from '../models/device-space.js';
import { epmmDeviceSpaceToModel, epmmPolicyRestrictionToModel } from '../models/epmm-device-space.js';
import type { EpmmCaller } from '../upstream/epmm/client.js';
import type { EpmmClients } from '../upstream/clients.js';
import { fanOutLoader } from './batching.js';
import { cacheKey, type CacheScope, type CacheStats, type SharedCache } from '../cache/shared-cache.js';

export interface DeviceSpaceLoaderDeps {
  epmm: Pick<EpmmClients, 'deviceSpaces'>;
  caller: EpmmCaller;
  cache: SharedCache;
  scope: CacheScope;
  stats: CacheStats;
}

export function loadDeviceSpaceList(deps: DeviceSpaceLoaderDeps): Promise<DeviceSpaceModel[]> {
  return deps.cache.getOrLoad(
    cacheKey(deps.scope, 'reference', 'device_spaces'),
    'reference',
    async () => (await deps.epmm.deviceSpaces.listDeviceSpaces(deps.caller)).results.map(epmmDeviceSpaceToModel),
    deps.stats,
  );
}

export function createPolicyRestrictionsLoader(
  deps: DeviceSpaceLoaderDeps,
): DataLoader<number, DeviceSpacePolicyRestrictionModel[]> {
  return fanOutLoader((id: number) =>
    deps.cache.getOrLoad(
      cacheKey(deps.scope, 'reference', `policy_restrictions:${id}`),
      'reference',
      async () =>
        (await deps.epmm.deviceSpaces.policyRestrictions(deps.caller, id)).policyRestrictions.map(
          epmmPolicyRestrictionToModel,
        ),
      deps.stats,
    ),
  );
}
