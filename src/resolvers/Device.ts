import type { DeviceResolvers } from '../generated/resolvers-types.js';
import { deviceGlobalId } from '../ids.js';
import { bySource } from './device-source.js';

export const Device: DeviceResolvers = {
  id: (device) => deviceGlobalId(device),
  details: bySource({
    EPMM: async (device, { includeBatteryStats }, { loaders }) => {
      const batteryStats = includeBatteryStats === true && device.platform === 'ANDROID';
      const entries = await loaders.deviceDetails.load({ uuid: device.uuid, batteryStats, os: device.platformName ?? undefined });
      return entries.map((entry) => ({ name: entry.name, value: entry.value === null ? null : String(entry.value) }));
    },
    // Neurons' device record is its details; battery statistics are an EPMM request option Neurons has no match for.
    NEURONS: (device, _args, { loaders }) => (device.neurons ? loaders.groups.neuronsDeviceDetails.load(device.neurons) : null),
  }),
};
