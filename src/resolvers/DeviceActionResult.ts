import type { DeviceActionResultResolvers } from '../generated/resolvers-types.js';
import type { DeviceModel } from '../models/device.js';

export const DeviceActionResult: DeviceActionResultResolvers = {
  // Read after the change: the action invalidated the caches, so this is the MDM's current view of the device.
  device: (result, _, context) => {
    const target = result.target as DeviceModel | null;
    return target ? context.loaders.deviceByUuid.load(target.uuid) : null;
  },
};
