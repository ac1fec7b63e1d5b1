// The devices that alerts are about, read by whichever costs fewer EPMM calls: uuid searches or the whole space.
import DataLoader from 'dataloader';
import type { DeviceModel } from '../models/device.js';
import { EPMM_UUID_FIELD, epmmDeviceToModel } from '../models/epmm-device.js';
import { chunkedEqualsQueries } from '../upstream/epmm/search-query.js';
import { cachedDevice, type DeviceLoaderDeps } from './devices.js';
import { cacheKey } from './shared-cache.js';
import { scanPage, scanSpace, type DeviceOwners } from './users.js';
import { batchingOptions } from './batching.js';

/**
 * Alerts name their device by uuid only, and a v2 search finds at most 4 uuids (the 255-character query limit),
 * while a whole device space reads at 200 devices a call. For a list of alerts, whichever is cheaper is used:
 * when the uuids need more than one search, the first page of the space is read (which also tells its size),
 * and the scan is finished only if its remaining pages cost no more than searching the uuids still missing.
 * A finished scan also serves `users` and every user's devices.
 */
export function createAlertDeviceLoader(deps: DeviceLoaderDeps, deviceByUuid: DataLoader<string, DeviceModel | null>): DataLoader<string, DeviceModel | null> {
  return new DataLoader<string, DeviceModel | null>(async (uuids) => {
    // Complete rows only: an alert's device may be asked for any field.
    const cached = (uuid: string) => cachedDevice(deps, uuid);
    const owners = deps.cache.get<DeviceOwners>(cacheKey(deps.scope, 'device', 'device-owners'));
    // After a whole-space read, a uuid not in it is not visible to this admin (devices without a user are
    // not in the owner lists but were cached by uuid by the same read).
    const fromScan = (scan: DeviceOwners) => {
      const byUuid = ownersByUuid(scan);
      return uuids.map((uuid) => byUuid.get(uuid.toLowerCase()) ?? cached(uuid.toLowerCase()) ?? null);
    };
    if (owners) return fromScan(owners);
    const missing = uuids.filter((uuid) => !cached(uuid));
    if (chunkedEqualsQueries(EPMM_UUID_FIELD, missing).length > 1) {
      const first = await scanPage(deps, 0);
      deps.stats.misses += 1;
      const onFirstPage = new Set(first.results.map((row) => epmmDeviceToModel(row)?.uuid));
      const stillMissing = missing.filter((uuid) => !onFirstPage.has(uuid));
      const scanned = await scanSpace(deps, first, (remainingPages) => remainingPages <= chunkedEqualsQueries(EPMM_UUID_FIELD, stillMissing).length);
      if (scanned) return fromScan(scanned);
      for (const device of first.results.map(epmmDeviceToModel)) {
        if (!device) continue;
        deviceByUuid.prime(device.uuid, device);
        deps.cache.set(cacheKey(deps.scope, 'device', device.uuid), 'device', device);
      }
    }
    return deviceByUuid.loadMany(uuids);
  }, batchingOptions(deps, { cacheKeyFn: (uuid) => uuid.toLowerCase() }));
}

/** Every owned device of a whole-space read, by uuid. */
function ownersByUuid(owners: DeviceOwners): Map<string, DeviceModel> {
  return new Map(Object.values(owners.devicesByPrincipal).flat().map((device) => [device.uuid, device]));
}
