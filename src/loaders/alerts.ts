// Event Center alerts (EPMM v1 E37-E40). v1 neither pages nor looks alerts up by id or device, so each read
// is one whole list, cached as a unit: E37 for everything (which also serves every per-device and per-user
// relationship, one call whatever the number of parents), E38/E39/E40 when the root field is filtered by
// phone and/or user, which keeps those answers small.
import type DataLoader from 'dataloader';
import type { AlertModel } from '../models/alert.js';
import type { DeviceModel } from '../models/device.js';
import { epmmAlertToModel } from '../models/epmm-alert.js';
import type { EpmmAlert } from '../upstream/epmm/v1-admin-dto.js';
import type { DeviceLoaderDeps } from './devices.js';
import { cacheKey, type CacheKey } from '../cache/shared-cache.js';
import { createAlertDeviceReads } from './alert-devices.js';

/** Which list EPMM is asked for; everything else in an AlertFilter is applied by the gateway. */
export interface AlertListRequest {
  read?: boolean;
  userPrincipal?: string;
  /** Digits only. */
  phoneNumber?: string;
}

/** The alerts EPMM returns for the request, newest first (EPMM's own order is by id). */
export function loadAlertList(deps: DeviceLoaderDeps, request: AlertListRequest): Promise<AlertModel[]> {
  return deps.cache.getOrLoad(
    alertListKey(deps, request),
    'alerts',
    async () => newestFirst((await fetchAlerts(deps, request)).map(epmmAlertToModel)),
    deps.stats,
  );
}

/**
 * Reads the list from EPMM whatever the cache holds, and stores it where `loadAlertList` would: for the subscription
 * pollers, which must see alerts younger than the cache's TTL, and whose reads then serve queries too.
 */
export async function refreshAlertList(deps: DeviceLoaderDeps, request: AlertListRequest): Promise<AlertModel[]> {
  const ticket = deps.cache.ticket(deps.scope, 'alerts');
  const alerts = newestFirst((await fetchAlerts(deps, request)).map(epmmAlertToModel));
  deps.cache.set(ticket, alertListId(request), alerts);
  return alerts;
}

function alertListId(request: AlertListRequest): string {
  return `alerts:${JSON.stringify([request.read ?? null, request.userPrincipal?.toLowerCase() ?? null, request.phoneNumber ?? null])}`;
}

function alertListKey(deps: DeviceLoaderDeps, request: AlertListRequest): CacheKey<AlertModel[]> {
  return cacheKey(deps.scope, 'alerts', alertListId(request));
}

function fetchAlerts(
  deps: DeviceLoaderDeps,
  { read, userPrincipal, phoneNumber }: AlertListRequest,
): Promise<EpmmAlert[]> {
  const filter = { read };
  const { v1Admin } = deps.epmm;
  if (userPrincipal !== undefined && phoneNumber !== undefined)
    return v1Admin.alertsByUserAndPhone(deps.caller, userPrincipal, phoneNumber, filter);
  if (userPrincipal !== undefined) return v1Admin.alertsByUser(deps.caller, userPrincipal, filter);
  if (phoneNumber !== undefined) return v1Admin.alertsByPhone(deps.caller, phoneNumber, filter);
  return v1Admin.alerts(deps.caller, filter);
}

function newestFirst(alerts: AlertModel[]): AlertModel[] {
  const time = (alert: AlertModel) => (alert.createdAt === null ? 0 : Date.parse(alert.createdAt));
  return alerts.sort((a, b) => time(b) - time(a) || b.alertId - a.alertId);
}

export interface AlertLoaders {
  alertList(request: AlertListRequest): Promise<AlertModel[]>;
  /**
   * Says, before `alertList(request)` is called, that the devices of up to `alertCount` of its alerts will be
   * read: if the list is not cached, the device reads' first page starts now, beside it (see createAlertDeviceReads).
   */
  expectDevicesOf(request: AlertListRequest, alertCount: number): void;
  /** The devices alerts are about (see createAlertDeviceReads). */
  device: DataLoader<string, DeviceModel | null>;
}

export function createAlertLoaders(
  deps: DeviceLoaderDeps,
  deviceByUuid: DataLoader<string, DeviceModel | null>,
): AlertLoaders {
  const devices = createAlertDeviceReads(deps, deviceByUuid);
  return {
    alertList: (request) => loadAlertList(deps, request),
    expectDevicesOf(request, alertCount) {
      // A cached list answers at once, and the plan then runs on the actual uuids: nothing to overlap.
      if (deps.cache.get(alertListKey(deps, request)) === undefined) devices.startFirstPage(alertCount);
    },
    device: devices.device,
  };
}
