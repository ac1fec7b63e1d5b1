// Per-request loaders. Created fresh for every GraphQL request (never at module level); the long-lived
// pieces (clients, shared cache) are passed in.
import type DataLoader from 'dataloader';
import type { DeviceModel } from '../models/device.js';
import type { EpmmCaller } from '../upstream/epmm/client.js';
import type { EpmmClients } from '../upstream/clients.js';
import type { DeviceDetailsResponse, SearchFieldsResponse } from '../upstream/epmm/dto.js';
import {
  createDeviceByUuidLoader,
  loadDevicePage,
  loadDeviceThroughDetails,
  type DevicePage,
  type DevicePageRequest,
} from './devices.js';
import { createUserByPrincipalLoader, createUserLoaders, type UserLoaders } from './users.js';
import { createAlertLoaders, type AlertLoaders } from './alerts.js';
import { createLabelLoaders, type LabelLoaders } from './labels.js';
import { createPolicyLoaders, type PolicyLoaders } from './policies.js';
import type { UserModel } from '../models/user.js';
import { cacheKey, type CacheScope, type CacheStats, type SharedCache } from '../cache/shared-cache.js';
import type { DeviceSpaceModel, DeviceSpacePolicyRestrictionModel } from '../models/device-space.js';
import { createPolicyRestrictionsLoader, loadDeviceSpaceList } from './device-spaces.js';
import { createGroupLoaders, type GroupLoaders, type NeuronsLoaderDeps } from './groups.js';
import { createDeviceDetailLoaders, type DeviceDetailLoaders } from './device-detail.js';
import { createReferenceLoaders, type ReferenceLoaders } from './reference.js';
import { isEveryField } from '../models/epmm-device-projection.js';
import { fanOutLoader, type BatchingSetting } from './batching.js';
import type { DeviceConnectionModel } from '../models/connection.js';
import type { DeviceFilterModel, DeviceOrderModel } from '../models/device-filter.js';
import type { MergedDeviceConnectionModel } from '../models/device-merge.js';
import { loadDeviceConnection, type DeviceConnectionPage, type DeviceConnectionSource } from './device-connection.js';
import {
  loadNeuronsDeviceConnection,
  loadNeuronsDevicePage,
  type NeuronsDeviceConnectionPage,
  type NeuronsDeviceConnectionRequest,
  type NeuronsDevicePageRequest,
} from './neurons-devices.js';

export interface Loaders {
  /** Every device space visible in the caller's space (DS01, one call, reference data). */
  deviceSpaceList(): Promise<DeviceSpaceModel[]>;
  /** DS08, one call per space. */
  policyRestrictions: DataLoader<number, DeviceSpacePolicyRestrictionModel[]>;
  /** Neurons groups, their members and each device's groups. */
  groups: GroupLoaders;
  deviceByUuid: DataLoader<string, DeviceModel | null>;
  /** Devices by uuid read with only these EPMM fields (projection); one loader per field set per request. */
  deviceByUuidWith(fields: readonly string[]): DataLoader<string, DeviceModel | null>;
  /**
   * One device for a selection with `details` and these EPMM fields: from its V09 details (one call, shared with
   * `Device.details`) when they carry the fields, else the uuid search (src/loaders/devices.ts).
   */
  deviceThroughDetails(uuid: string, fields: readonly string[]): Promise<DeviceModel | null>;
  userByPrincipal: DataLoader<string, UserModel | null>;
  devicePage(request: DevicePageRequest): Promise<DevicePage>;
  /**
   * The one device connection entry (`devices(filter:)`, a space's and a user's devices): compiles the model filter
   * and order for each MDM, so equal requests share one sort and one cache entry (src/loaders/device-connection.ts).
   */
  deviceConnection(
    filter: DeviceFilterModel | null | undefined,
    orderBy: DeviceOrderModel | null | undefined,
    page: DeviceConnectionPage,
    source: DeviceConnectionSource,
  ): Promise<DeviceConnectionModel | MergedDeviceConnectionModel>;
  /**
   * NG13 at one offset over the merge of every partition (see loadNeuronsDevicePage for its cost with several).
   * NOT_SUPPORTED_BY_SOURCE without Neurons.
   */
  neuronsDevicePage(request: NeuronsDevicePageRequest): Promise<DevicePage>;
  /** NG13 across every partition, one search per partition per page, with per-partition cursors (`source: NEURONS`). */
  neuronsDeviceConnection(request: NeuronsDeviceConnectionRequest): Promise<NeuronsDeviceConnectionPage>;
  /** Whether Neurons is configured (the merged `devices` connection needs it). */
  neuronsConfigured: boolean;
  /** Details are one call per device (EPMM has no batch details call): a bounded fan-out, cached per device. */
  deviceDetails: DataLoader<
    { uuid: string; batteryStats: boolean; os?: string },
    DeviceDetailsResponse['results'],
    string
  >;
  searchFields(): Promise<SearchFieldsResponse>;
  /** Per-device detail reads (V11, V13, V24, E02, E28, E47: one call per device; E30: one per scope) and the battery variant of V10. */
  deviceDetail: DeviceDetailLoaders;
  /** Labels: the E22 list (reference data) and each device's labels, by V25 or by members (planned per page). */
  labels: LabelLoaders;
  /** Policies: the E43 list (reference data) and E44 policies per device. */
  policies: PolicyLoaders;
  /** Accounts (E34), user search (E34 + E35), device owners and each user's devices. */
  users: UserLoaders;
  /** Event Center alert lists (E37-E40). */
  alerts: AlertLoaders;
  /** Registration reference data: v1 countries and operators (one call each, reference class). */
  reference: ReferenceLoaders;
}

export interface LoaderDeps extends BatchingSetting {
  /** The gateway's EPMM clients (src/upstream/clients.ts). */
  epmm: EpmmClients;
  caller: EpmmCaller;
  cache: SharedCache;
  scope: CacheScope;
  stats: CacheStats;
  /** Absent when Neurons is not configured. */
  neurons: NeuronsLoaderDeps | undefined;
}

export function createLoaders(deps: LoaderDeps): Loaders {
  const deviceByUuid = createDeviceByUuidLoader(deps);
  const projectedByUuid = new Map<string, DataLoader<string, DeviceModel | null>>();
  const groups = createGroupLoaders({
    neurons: deps.neurons,
    cache: deps.cache,
    stats: deps.stats,
    batching: deps.batching,
  });
  const loaders: Loaders = {
    deviceSpaceList: () => loadDeviceSpaceList(deps),
    policyRestrictions: createPolicyRestrictionsLoader(deps),
    groups,
    deviceByUuid,
    deviceByUuidWith: (fields) => {
      if (isEveryField(fields)) return deviceByUuid;
      const key = fields.join(',');
      let loader = projectedByUuid.get(key);
      if (!loader) projectedByUuid.set(key, (loader = createDeviceByUuidLoader(deps, fields)));
      return loader;
    },
    deviceThroughDetails: (uuid, fields) =>
      loadDeviceThroughDetails(
        deps,
        (key) => loaders.deviceDetails.load({ uuid: key, batteryStats: false }),
        loaders.deviceByUuidWith(fields),
        uuid,
        fields,
      ),
    userByPrincipal: createUserByPrincipalLoader(deps),
    labels: createLabelLoaders(deps),
    policies: createPolicyLoaders(deps),
    users: createUserLoaders(deps),
    alerts: createAlertLoaders(deps, deviceByUuid),
    reference: createReferenceLoaders(deps),
    devicePage: (request) => loadDevicePage(deps, deviceByUuid, request),
    deviceConnection: (filter, orderBy, page, source) => loadDeviceConnection(loaders, filter, orderBy, page, source),
    neuronsDevicePage: (request) =>
      loadNeuronsDevicePage(
        { neurons: deps.neurons, cache: deps.cache, stats: deps.stats, partitions: groups.partitions },
        request,
      ),
    neuronsDeviceConnection: (request) => {
      const neuronsDeps = {
        neurons: deps.neurons,
        cache: deps.cache,
        stats: deps.stats,
        partitions: groups.partitions,
      };
      return loadNeuronsDeviceConnection(neuronsDeps, request);
    },
    neuronsConfigured: deps.neurons !== undefined,
    deviceDetails: fanOutLoader(
      (key: { uuid: string; batteryStats: boolean; os?: string }) =>
        deps.cache.getOrLoad(
          cacheKey(deps.scope, 'device', `details:${key.uuid}:${key.batteryStats}`),
          'device',
          async () => (await deps.epmm.search.deviceDetails(deps.caller, key.uuid, key)).results,
          deps.stats,
        ),
      { cacheKeyFn: (key) => `${key.uuid}:${key.batteryStats}` },
    ),
    searchFields: () => {
      const key = cacheKey<SearchFieldsResponse>(deps.scope, 'reference', 'search_fields');
      return deps.cache.getOrLoad(key, 'reference', () => deps.epmm.search.searchFields(deps.caller), deps.stats);
    },
    // `battery` reads V10 through `deviceDetails` (called later, once `loaders` exists) to share its call and cache entry.
    deviceDetail: createDeviceDetailLoaders(deps, (key) => loaders.deviceDetails.load(key)),
  };
  return loaders;
}
