// Labels: the E22 list as reference data (one call per scope, cached an hour; it also carries each label's
// device count), and the labels of each device through V25, which EPMM answers one device at a time.
import type DataLoader from 'dataloader';
import { epmmDeviceLabelToModel, epmmListLabelToModel } from '../models/epmm-label.js';
import type { LabelModel } from '../models/label.js';
import { compileDeviceFilter, compileDeviceOrder } from '../upstream/epmm/device-filter.js';
import type { DevicePageRequest, DeviceLoaderDeps } from './devices.js';
import { cacheKey } from '../cache/shared-cache.js';
import { fanOutLoader } from './batching.js';

export interface LabelLoaders {
  /** Every label the viewer can see, in EPMM's order. */
  labelList(): Promise<LabelModel[]>;
  /** One label by EPMM id, from the list (EPMM has no single-label read). */
  labelByLegacyId(legacyId: number): Promise<LabelModel | null>;
  labelsByDevice: DataLoader<string, LabelModel[]>;
}

export function createLabelLoaders(deps: DeviceLoaderDeps): LabelLoaders {
  const { v1Devices, v2Devices } = deps.epmm;
  const labelList = (): Promise<LabelModel[]> =>
    deps.cache.getOrLoad(
      cacheKey(deps.scope, 'reference', 'labels'),
      'reference',
      async () => (await v1Devices.labels(deps.caller)).map(epmmListLabelToModel),
      deps.stats,
    );
  return {
    labelList,
    labelByLegacyId: async (legacyId) => (await labelList()).find((label) => label.legacyId === legacyId) ?? null,
    labelsByDevice: fanOutLoader<string, LabelModel[]>(
      (uuid) =>
        deps.cache.getOrLoad(
          cacheKey(deps.scope, 'device', `labels:${uuid}`),
          'device',
          async () => (await v2Devices.deviceLabels(deps.caller, uuid)).results.map(epmmDeviceLabelToModel),
          deps.stats,
        ),
      { cacheKeyFn: (uuid) => uuid.toLowerCase() },
    ),
  };
}

/**
 * A label's devices are a device page with EPMM's `labelId`, built exactly as `devices(filter: {labelId})` builds
 * it, so both share one cache entry and prime the same device-by-uuid loader.
 */
export function labelDevicePageRequest(labelId: number, offset: number, limit: number): DevicePageRequest {
  return { ...compileDeviceFilter({ labelId }), ...compileDeviceOrder(undefined), offset, limit };
}
