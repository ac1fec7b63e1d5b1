import type { DeviceResolvers } from '../generated/resolvers-types.js';
import { encodeId } from '../ids.js';

export const Device: DeviceResolvers = {
  id: (device) => encodeId('Device', device.source, device.uuid),
  details: async (device, { includeBatteryStats }, { loaders }) => {
    const batteryStats = includeBatteryStats === true && device.platform === 'ANDROID';
    const entries = await loaders.deviceDetails.load({ uuid: device.uuid, batteryStats, os: device.platformName ?? undefined });
    return entries.map((entry) => ({ name: entry.name, value: entry.value === null ? null : String(entry.value) }));
  },
};
