// The devices that alerts are about, read by whichever costs fewer EPMM calls: uuid searches or the whole space.
import DataLoader from 'dataloader';
import type { DeviceModel } from '../models/device.js';
import { EPMM_UUID_FIELD, epmmDeviceToModel } from '../models/epmm-device.js';
import type { DeviceSearchResponse } from '../upstream/epmm/dto.js';
import { chunkedEqualsQueries } from '../upstream/epmm/search-query.js';
import { cachedDevice, deviceTicket, type DeviceLoaderDeps } from './devices.js';
import { cacheKey, type CacheTicket } from '../cache/shared-cache.js';
import { deviceOwnersKey, scanPage, scanSpace, type DeviceOwners } from './users.js';
import { batchingOptions } from './batching.js';

export interface AlertDeviceReads {
  device: DataLoader<string, DeviceModel | null>;
  /**
   * Starts the space's first page now, before the alert list it is for has arrived, when the devices of up to
   * `alertCount` alerts will be asked for and the plan would most likely read that page (see the loader).
   */
  startFirstPage(alertCount: number): void;
}

/**
 * Alerts name their device by uuid only, and a v2 search finds at most 4 uuids (the 255-character query limit),
 * while a whole device space reads at 200 devices a call. For a list of alerts, whichever is cheaper is used:
 * when the uuids need more than one search, the first page of the space is read (which also tells its size),
 * and the scan is finished only if its remaining pages cost no more than searching the uuids still missing.
 * A finished scan also serves `users` and every user's devices.
 *
 * The inbox starts that first page beside its alert list (`startFirstPage`), so the plan takes 2 rounds instead
 * of 3. It is started only when the plan would read it unless the alerts' devices are already cached; that is
 * ruled out by a marker written whenever a plan for more than one search's worth of uuids has run, which lives
 * in the device class as long as the devices it read. A page started but not needed still serves the devices
 * on it, so only the uuids not on it are searched.
 */
export function createAlertDeviceReads(
  deps: DeviceLoaderDeps,
  deviceByUuid: DataLoader<string, DeviceModel | null>,
): AlertDeviceReads {
  const ownersKey = deviceOwnersKey(deps.scope);
  const readMarkerKey = cacheKey<true>(deps.scope, 'device', READ_MARKER);
  /** The early first page, with the ticket taken before it was read. */
  let early: { page: Promise<DeviceSearchResponse>; ticket: CacheTicket } | undefined;
  let earlyStarted = false;

  const primeFromPage = (page: DeviceSearchResponse, ticket: CacheTicket) => {
    for (const device of page.results.map(epmmDeviceToModel)) {
      if (!device) continue;
      deviceByUuid.prime(device.uuid, device);
      deps.cache.set(ticket, device.uuid, device);
    }
  };

  const device = new DataLoader<string, DeviceModel | null>(
    async (uuids) => {
      // The early page serves the first batch only: it was started for that list.
      const started = early;
      early = undefined;
      // The oldest read this batch may store rows of: the early page's, else the reads below.
      const ticket = started?.ticket ?? deviceTicket(deps);
      // Complete rows only: an alert's device may be asked for any field.
      const cached = (uuid: string) => cachedDevice(deps, uuid);
      const owners = deps.cache.get(ownersKey);
      // After a whole-space read, a uuid not in it is not visible to this admin (devices without a user are
      // not in the owner lists but were cached by uuid by the same read).
      const fromScan = (scan: DeviceOwners) => {
        const byUuid = ownersByUuid(scan);
        return uuids.map((uuid) => byUuid.get(uuid.toLowerCase()) ?? cached(uuid.toLowerCase()) ?? null);
      };
      if (owners) return fromScan(owners);
      const missing = uuids.filter((uuid) => !cached(uuid));
      const markRead = <T>(result: T) => {
        if (needsMoreThanOneSearch(uuids.length)) deps.cache.set(ticket, READ_MARKER, true);
        return result;
      };
      if (chunkedEqualsQueries(EPMM_UUID_FIELD, missing).length > 1) {
        if (!started) deps.stats.misses += 1;
        const first = await (started?.page ?? scanPage(deps, 0));
        const onFirstPage = new Set(first.results.map((row) => epmmDeviceToModel(row)?.uuid));
        const stillMissing = missing.filter((uuid) => !onFirstPage.has(uuid));
        const searchesLeft = chunkedEqualsQueries(EPMM_UUID_FIELD, stillMissing).length;
        const scanned = await scanSpace(deps, ticket, first, (remainingPages) => remainingPages <= searchesLeft);
        if (scanned) return markRead(fromScan(scanned));
        primeFromPage(first, ticket);
      } else if (started) {
        // Started beside the list but not needed: it was paid for, so its rows spare searching the uuids on it.
        // If it failed, the searches below answer instead.
        const first = await started.page.catch(() => undefined);
        if (first) primeFromPage(first, ticket);
      }
      return markRead(await deviceByUuid.loadMany(uuids));
    },
    batchingOptions(deps, { cacheKeyFn: (uuid) => uuid.toLowerCase() }),
  );

  return {
    device,
    startFirstPage(alertCount) {
      // Once per request; never when the plan reads no page (a scan is cached, too few alerts for two searches,
      // the devices were just read) or in the no-batching baseline, whose lookups are one uuid per call.
      if (earlyStarted || deps.batching === false || !needsMoreThanOneSearch(alertCount)) return;
      if (deps.cache.get(ownersKey) !== undefined || deps.cache.get(readMarkerKey) !== undefined) return;
      earlyStarted = true;
      deps.stats.misses += 1;
      early = { ticket: deviceTicket(deps), page: scanPage(deps, 0) };
      // A failure matters only to a plan that uses the page, which then awaits it and sees the error.
      early.page.catch(() => undefined);
    },
  };
}

/** The id of the marker entry (device class) that says a plan for several searches' worth of uuids has run. */
const READ_MARKER = 'alert-devices-read';

/** A uuid of the length every uuid has, to ask the query chunker how many uuids one search takes. */
const ANY_UUID = '00000000-0000-0000-0000-000000000000';

/** Whether `count` distinct uuids need more than one v2 search (the same rule the batches are cut by). */
function needsMoreThanOneSearch(count: number): boolean {
  return chunkedEqualsQueries(EPMM_UUID_FIELD, new Array<string>(count).fill(ANY_UUID)).length > 1;
}

/** Every owned device of a whole-space read, by uuid. */
function ownersByUuid(owners: DeviceOwners): Map<string, DeviceModel> {
  return new Map(
    Object.values(owners.devicesByPrincipal)
      .flat()
      .map((device) => [device.uuid, device]),
  );
}
