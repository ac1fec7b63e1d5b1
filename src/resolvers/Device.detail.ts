// Device's per-device detail fields: each reads its own loader, so a query pays only for the fields it
// selects. All are EPMM reads by UUID (see device-source.ts for Neurons devices). Merged into the Device
// resolvers in resolvers/index.ts.
import type { DeviceResolvers } from '../generated/resolvers-types.js';
import { epmmOnly } from './device-source.js';

export const DeviceDetailFields: DeviceResolvers = {
  appCompliance: epmmOnly((device, _args, { loaders }) => loaders.deviceDetail.appCompliance.load(device.uuid)),
  ruleCompliance: epmmOnly((device, _args, { loaders }) => loaders.deviceDetail.ruleCompliance.load(device.uuid)),
  activeSync: epmmOnly((device, _args, { loaders }) => loaders.deviceDetail.activeSync.load(device.uuid)),
  simDetails: epmmOnly((device, _args, { loaders }) => loaders.deviceDetail.simDetails.load(device.uuid)),
  profiles: epmmOnly((device, _args, { loaders }) => loaders.deviceDetail.profiles.load(device.uuid)),
  appSettings: epmmOnly((device, _args, { loaders }) => loaders.deviceDetail.appSettings.load(device.uuid)),
  complianceState: epmmOnly((device, _args, { loaders }) => loaders.deviceDetail.complianceState.load(device.uuid)),
  // The battery variant is part of the V10 details: the same loader (and cache entry) as
  // `details(includeBatteryStats: true)`, so asking for both costs one call. Only Android reports it.
  battery: epmmOnly((device, _args, { loaders }) =>
    device.platform === 'ANDROID' ? loaders.deviceDetail.battery(device.uuid, device.platformName ?? undefined) : null,
  ),
};
