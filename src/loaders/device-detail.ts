// Per-device detail loaders. EPMM has no batch call for any of these reads, so each is a fan-out: one
// upstream call per device, all of a page's at once (src/loaders/batching.ts), each result cached in the
// 'device' class per uuid (so a device page revisited within the TTL costs nothing). ActiveSync is the exception:
// v1 lists every partnership in one call, which is cached once per scope and filtered by device here.
import DataLoader from 'dataloader';
import { GatewayError } from '../errors.js';
import type {
  ActiveSyncPartnershipModel,
  AndroidBatteryModel,
  AppViolationModel,
  ComplianceStateModel,
  DeviceAppSettingModel,
  DeviceProfileModel,
  RuleViolationModel,
  SimSlotModel,
} from '../models/device-detail.js';
import {
  epmmActiveSyncPartnership,
  epmmAndroidBattery,
  epmmAppViolations,
  epmmComplianceState,
  epmmDeviceAppSettings,
  epmmDeviceProfiles,
  epmmRuleViolations,
  epmmSimSlots,
} from '../models/epmm-device-detail.js';
import type { EpmmCaller } from '../upstream/epmm/client.js';
import type { DeviceDetailsResponse } from '../upstream/epmm/dto.js';
import type { EpmmClients } from '../upstream/clients.js';
import { cacheKey, type CacheScope, type CacheStats, type SharedCache } from '../cache/shared-cache.js';
import { batchingOptions, fanOutLoader, type BatchingSetting } from './batching.js';

export interface DeviceDetailLoaderDeps extends BatchingSetting {
  epmm: EpmmClients;
  caller: EpmmCaller;
  cache: SharedCache;
  scope: CacheScope;
  stats: CacheStats;
}

export interface DeviceDetailLoaders {
  appCompliance: DataLoader<string, AppViolationModel[]>;
  ruleCompliance: DataLoader<string, RuleViolationModel[]>;
  activeSync: DataLoader<string, ActiveSyncPartnershipModel[]>;
  /** Every ActiveSync partnership the caller sees (E30), including phones only Exchange knows; one cached call. */
  activeSyncPartnerships(): Promise<ActiveSyncPartnershipModel[]>;
  simDetails: DataLoader<string, SimSlotModel[]>;
  profiles: DataLoader<string, DeviceProfileModel[]>;
  appSettings: DataLoader<string, DeviceAppSettingModel[]>;
  /** Null when v1 does not know the device (or it lies outside the caller's spaces). */
  complianceState: DataLoader<string, ComplianceStateModel | null>;
  /** The Android battery variant of the V10 details, null when none is reported. */
  battery(uuid: string, os: string | undefined): Promise<AndroidBatteryModel | null>;
}

/** Loads V10 details through the existing details loader (src/loaders/index.ts), whose call and cache entry `battery` shares. */
export type LoadDetails = (key: {
  uuid: string;
  batteryStats: boolean;
  os?: string;
}) => Promise<DeviceDetailsResponse['results']>;

/** One upstream call per uuid, through the shared cache; a failure fails only its own key. */
function perDevice<T>(
  deps: DeviceDetailLoaderDeps,
  kind: string,
  load: (uuid: string) => Promise<T>,
): DataLoader<string, T> {
  return fanOutLoader<string, T>(
    (uuid) =>
      deps.cache.getOrLoad(
        cacheKey(deps.scope, 'device', `${kind}:${uuid.toLowerCase()}`),
        'device',
        () => load(uuid),
        deps.stats,
      ),
    { cacheKeyFn: (uuid) => uuid.toLowerCase() },
  );
}

export function createDeviceDetailLoaders(deps: DeviceDetailLoaderDeps, loadDetails: LoadDetails): DeviceDetailLoaders {
  const { epmm: clients, caller } = deps;
  const activeSyncPartnerships = () =>
    deps.cache.getOrLoad(
      cacheKey<ActiveSyncPartnershipModel[]>(deps.scope, 'device', 'activesync:all'),
      'device',
      async () => (await clients.v1Admin.activeSyncDevices(caller)).map(epmmActiveSyncPartnership),
      deps.stats,
    );
  return {
    activeSyncPartnerships,
    battery: async (uuid, os) => epmmAndroidBattery(await loadDetails({ uuid, batteryStats: true, os })),
    appCompliance: perDevice(deps, 'app_compliance', async (uuid) =>
      epmmAppViolations(await clients.v2Devices.appCompliance(caller, uuid)),
    ),
    ruleCompliance: perDevice(deps, 'rule_compliance', async (uuid) =>
      epmmRuleViolations(await clients.v2Devices.ruleCompliance(caller, uuid)),
    ),
    simDetails: perDevice(deps, 'sim_details', async (uuid) =>
      epmmSimSlots(await clients.v2Devices.simDetails(caller, uuid)),
    ),
    profiles: perDevice(deps, 'profiles', async (uuid) =>
      epmmDeviceProfiles(await clients.v1Devices.profiles(caller, uuid)),
    ),
    appSettings: perDevice(deps, 'app_settings', async (uuid) => {
      try {
        return epmmDeviceAppSettings(await clients.v1Admin.deviceAppSettings(caller, uuid));
      } catch (error) {
        // E47 answers 404 for a device without settings as for an unknown one; the device itself was already found.
        if (error instanceof GatewayError && error.code === 'NOT_FOUND') return [];
        throw error;
      }
    }),
    complianceState: perDevice(deps, 'v1_device', async (uuid) => {
      const device = await clients.v1Devices.device(caller, uuid);
      return device === null ? null : epmmComplianceState(device);
    }),
    activeSync: new DataLoader<string, ActiveSyncPartnershipModel[]>(
      async (uuids) => {
        const all = await activeSyncPartnerships();
        return uuids.map((uuid) =>
          all.filter((partnership) => partnership.deviceUuid?.toLowerCase() === uuid.toLowerCase()),
        );
      },
      // One call serves every device, so the whole request's keys go in one batch.
      batchingOptions(deps, { cacheKeyFn: (uuid) => uuid.toLowerCase() }),
    ),
  };
}
