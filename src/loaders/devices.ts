// Device loading: a per-request DataLoader by uuid that batches into as few searches as EPMM's 255-character
// query limit allows, and page reads that prime it. Both go through the shared cache.
import DataLoader from 'dataloader';
import { GatewayError } from '../errors.js';
import type { DeviceModel } from '../models/device.js';
import { epmmDetailsToDevice } from '../models/epmm-device-detail.js';
import {
  EPMM_DEVICE_FIELDS,
  EPMM_UUID_FIELD,
  epmmProjectedDevicesToModels,
  mergeProjectedDevices,
} from '../models/epmm-device.js';
import { carriesFields, isEveryField } from '../models/epmm-device-projection.js';
import type { DeviceSearchParams, EpmmCaller } from '../upstream/epmm/client.js';
import type { DeviceDetailsResponse } from '../upstream/epmm/dto.js';
import type { EpmmClients } from '../upstream/clients.js';
import { chunkedEqualsQueries } from '../upstream/epmm/search-query.js';
import {
  cacheKey,
  type CacheKey,
  type CacheScope,
  type CacheStats,
  type CacheTicket,
  type SharedCache,
} from '../cache/shared-cache.js';
import { batchingOptions, type BatchingSetting } from './batching.js';

/** EPMM's maximum `limit` for one search page. */
export const EPMM_MAX_PAGE = 200;

export interface DevicePage {
  devices: DeviceModel[];
  totalCount: number;
}

export interface DeviceLoaderDeps extends BatchingSetting {
  epmm: EpmmClients;
  caller: EpmmCaller;
  cache: SharedCache;
  scope: CacheScope;
  stats: CacheStats;
}

/**
 * The device cached by uuid if it carries `fields` (every field by default). Rows of projected searches are cached
 * too, marked with their fields, so that they serve later readers needing no more than they hold.
 */
export function cachedDevice(
  deps: DeviceLoaderDeps,
  uuid: string,
  fields: readonly string[] = EPMM_DEVICE_FIELDS,
): DeviceModel | undefined {
  const cached = deps.cache.get(deviceKey(deps.scope, uuid));
  return cached && carriesFields(cached.epmmFields, fields) ? cached : undefined;
}

/** A device by uuid, as `cacheDevice` stores it. */
function deviceKey(scope: CacheScope, uuid: string): CacheKey<DeviceModel> {
  return cacheKey(scope, 'device', uuid);
}

/** The ticket to take before a read whose devices will be cached with `cacheDevice`. */
export function deviceTicket(deps: DeviceLoaderDeps): CacheTicket {
  return deps.cache.ticket(deps.scope, 'device');
}

/**
 * Caches a device by uuid, unless the device class was invalidated since `ticket` (taken before the read that
 * returned the device). A narrow read never evicts a wide one; when neither row carries the other's fields (a
 * list page's row, then a device page's), the two are merged, else the device page's read would never be cached
 * while the list page keeps refreshing its rows.
 */
export function cacheDevice(deps: DeviceLoaderDeps, ticket: CacheTicket, device: DeviceModel): void {
  const existing = deps.cache.get(deviceKey(deps.scope, device.uuid));
  if (existing && !carriesFields(device.epmmFields, existing.epmmFields ?? EPMM_DEVICE_FIELDS)) {
    if (carriesFields(existing.epmmFields, device.epmmFields ?? EPMM_DEVICE_FIELDS)) return;
    deps.cache.set(ticket, device.uuid, mergeProjectedDevices(existing, device));
    return;
  }
  deps.cache.set(ticket, device.uuid, device);
}

/** `fields`: the EPMM fields the callers need (projection); every field by default. */
export function createDeviceByUuidLoader(
  deps: DeviceLoaderDeps,
  fields: readonly string[] = EPMM_DEVICE_FIELDS,
): DataLoader<string, DeviceModel | null> {
  return new DataLoader<string, DeviceModel | null>(
    async (uuids) => {
      const found = new Map<string, DeviceModel>();
      const missing: string[] = [];
      for (const uuid of uuids) {
        const cached = cachedDevice(deps, uuid, fields);
        if (cached) {
          deps.stats.hits += 1;
          found.set(uuid, cached);
        } else {
          missing.push(uuid);
        }
      }
      const chunks = chunkedEqualsQueries(EPMM_UUID_FIELD, missing);
      const ticket = deviceTicket(deps);
      await Promise.all(
        chunks.map(async (chunk) => {
          deps.stats.misses += 1;
          const response = await deps.epmm.search.searchDevices(deps.caller, {
            query: chunk.query,
            fields,
            limit: chunk.values.length,
            offset: 0,
          });
          for (const device of epmmProjectedDevicesToModels(response.results, fields)) {
            found.set(device.uuid, device);
            cacheDevice(deps, ticket, device);
          }
        }),
      );
      return uuids.map((uuid) => found.get(uuid) ?? null);
    },
    batchingOptions(deps, { cacheKeyFn: (uuid) => uuid.toLowerCase() }),
  );
}

/** The EPMM fields this upstream's V09 details were seen without (reference class): a selection needing one searches. */
const DETAILS_LACK = 'details-lack';

/**
 * One device for a selection that also reads its V09 details (`details` selected): V09 first, its answer cached by
 * the details loader, so `Device.details` reads it again without a call; the Device is built from it when it carries
 * every field of `fields` (src/models/epmm-device-detail.ts, epmmDetailsToDevice). That saves the uuid search: the
 * device page's one call above the minimum (docs/data-loading.md). `byUuid` (the search for `fields`) is read
 * instead when the device is cached with those fields, or this upstream's V09 was seen without one of them, and
 * after V09 when its answer lacks a field (remembered for the reference TTL, so later pages search first, as
 * before) or is 404: V09, like the search, answers only in the caller's device space (`adminDeviceSpaceId`), and its
 * 404 is confirmed by the search, so a device V09 refuses is never hidden if the search shows it.
 */
export async function loadDeviceThroughDetails(
  deps: DeviceLoaderDeps,
  loadDetails: (uuid: string) => Promise<DeviceDetailsResponse['results']>,
  byUuid: DataLoader<string, DeviceModel | null>,
  uuid: string,
  fields: readonly string[],
): Promise<DeviceModel | null> {
  const lackKey = cacheKey<readonly string[]>(deps.scope, 'reference', DETAILS_LACK);
  const lacks = deps.cache.get(lackKey);
  if (cachedDevice(deps, uuid, fields) || lacks?.some((name) => fields.includes(name))) return byUuid.load(uuid);
  const ticket = deviceTicket(deps);
  const lackTicket = deps.cache.ticket(deps.scope, 'reference');
  let entries: DeviceDetailsResponse['results'];
  try {
    entries = await loadDetails(uuid);
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'NOT_FOUND') return byUuid.load(uuid);
    throw error;
  }
  const read = epmmDetailsToDevice(entries, uuid, fields);
  if (read.device) {
    cacheDevice(deps, ticket, read.device);
    return read.device;
  }
  if (read.missing.length > 0) {
    const known = deps.cache.get(lackKey) ?? [];
    deps.cache.set(lackTicket, DETAILS_LACK, [...new Set([...known, ...read.missing])]);
  }
  return byUuid.load(uuid);
}

export interface DevicePageRequest {
  query: string;
  labelId?: number;
  offset: number;
  limit: number;
  sortField?: string;
  sortOrder?: 'ASC' | 'DESC';
  /** The EPMM fields to ask for (projection); every field when absent. */
  fields?: readonly string[];
}

/**
 * Reads one page of devices (several EPMM pages when `limit` exceeds EPMM's 200), caching the page as a
 * whole and each device by uuid so that a later `node` refetch costs nothing.
 */
export async function loadDevicePage(
  deps: DeviceLoaderDeps,
  byUuid: DataLoader<string, DeviceModel | null>,
  request: DevicePageRequest,
): Promise<DevicePage> {
  // The field set is part of the page key, so a projected page never answers a wider selection; a cached page
  // with every field answers any selection.
  const fields = request.fields && !isEveryField(request.fields) ? request.fields : undefined;
  const pageKey = (withFields: readonly string[] | undefined) =>
    cacheKey<DevicePage>(deps.scope, 'device', devicePageId(request, withFields));
  // Before the page is looked up: a page read (or joined) before a mutation must not store its rows after it.
  const ticket = deviceTicket(deps);
  const full = fields ? deps.cache.get(pageKey(undefined)) : undefined;
  if (full) deps.stats.hits += 1;
  const page =
    full ??
    (await deps.cache.getOrLoad(
      pageKey(fields),
      'device',
      () => fetchPage(deps, request, fields ?? EPMM_DEVICE_FIELDS),
      deps.stats,
    ));
  for (const device of page.devices) {
    // `byUuid` answers every field: only complete rows may prime it.
    if (!device.epmmFields) byUuid.prime(device.uuid, device);
    cacheDevice(deps, ticket, device);
  }
  return page;
}

/** The id of a page entry within its scope and class: the request, with the field set it was read with. */
function devicePageId(request: DevicePageRequest, fields: readonly string[] | undefined): string {
  return `page:${JSON.stringify({ ...request, fields })}`;
}

/**
 * Reads a page (every field) from EPMM whatever the cache holds, and stores it where `loadDevicePage` would, with each
 * device by uuid: for the subscription pollers, whose reads must see changes younger than the cache's TTL, and
 * whose results then serve queries too.
 */
export async function refreshDevicePage(deps: DeviceLoaderDeps, request: DevicePageRequest): Promise<DevicePage> {
  const ticket = deviceTicket(deps);
  const page = await fetchPage(deps, request, EPMM_DEVICE_FIELDS);
  deps.cache.set(ticket, devicePageId({ ...request, fields: undefined }, undefined), page);
  for (const device of page.devices) cacheDevice(deps, ticket, device);
  return page;
}

/** Devices by uuid (every field) read from EPMM whatever the cache holds, and cached by uuid; absent ones are left out. */
export async function refreshDevicesByUuid(deps: DeviceLoaderDeps, uuids: readonly string[]): Promise<DeviceModel[]> {
  const ticket = deviceTicket(deps);
  const pages = await Promise.all(
    chunkedEqualsQueries(EPMM_UUID_FIELD, uuids).map((chunk) =>
      deps.epmm.search.searchDevices(deps.caller, {
        query: chunk.query,
        fields: EPMM_DEVICE_FIELDS,
        limit: chunk.values.length,
        offset: 0,
      }),
    ),
  );
  const devices = pages.flatMap((page) => epmmProjectedDevicesToModels(page.results, EPMM_DEVICE_FIELDS));
  for (const device of devices) cacheDevice(deps, ticket, device);
  return devices;
}

async function fetchPage(
  deps: DeviceLoaderDeps,
  request: DevicePageRequest,
  fields: readonly string[],
): Promise<DevicePage> {
  const devices: DeviceModel[] = [];
  let totalCount = 0;
  let offset = request.offset;
  // limit 0 still makes one call: it is how the total count is learnt.
  do {
    const limit = Math.min(EPMM_MAX_PAGE, request.limit - devices.length);
    const params: DeviceSearchParams = {
      query: request.query,
      labelId: request.labelId,
      fields,
      limit,
      offset,
      sortField: request.sortField,
      sortOrder: request.sortOrder,
    };
    const response = await deps.epmm.search.searchDevices(deps.caller, params);
    totalCount = response.totalCount;
    devices.push(...epmmProjectedDevicesToModels(response.results, fields));
    offset += response.results.length;
    if (response.results.length < limit || response.hasMore === false) break;
  } while (devices.length < request.limit);
  return { devices, totalCount };
}
