import type { DeviceCapability, DeviceResolvers } from '../generated/resolvers-types.js';
import { deviceGlobalId } from '../ids.js';
import type { DeviceRecords } from '../models/device.js';
import { deviceDisplayName } from '../models/device-display-name.js';
import { bySource } from './device-source.js';
import { recordsOf, withRecords } from '../loaders/device-twins.js';

/** What each MDM's record serves (schema/device.graphql, DeviceCapability); DETAILS is served by both. */
const EPMM_CAPABILITIES: readonly DeviceCapability[] = [
  'DETAILS',
  'LABELS',
  'POLICIES',
  'ALERTS',
  'APP_COMPLIANCE',
  'RULE_COMPLIANCE',
  'ACTIVE_SYNC',
  'SIM_DETAILS',
  'PROFILES',
  'APP_SETTINGS',
  'COMPLIANCE_STATE',
  'BATTERY',
];

function capabilities(records: DeviceRecords): DeviceCapability[] {
  const out = new Set<DeviceCapability>(records.epmm ? EPMM_CAPABILITIES : []);
  if (records.neurons) out.add('DETAILS').add('GROUPS');
  return [...out];
}

export const Device: DeviceResolvers = {
  id: (device) => deviceGlobalId(device),
  displayName: (device) => deviceDisplayName(device),
  // One device, one row: attached by the merged list, looked up elsewhere (loaders/device-twins.ts).
  sources: async (device, _args, { loaders }) => {
    const records = await recordsOf(device, loaders);
    return [...(records.epmm ? (['EPMM'] as const) : []), ...(records.neurons ? (['NEURONS'] as const) : [])];
  },
  epmm: async (device, _args, { loaders }) => {
    const records = await recordsOf(device, loaders);
    return withRecords(records.epmm, records);
  },
  neurons: async (device, _args, { loaders }) => {
    const records = await recordsOf(device, loaders);
    return withRecords(records.neurons, records);
  },
  capabilities: async (device, _args, { loaders }) => capabilities(await recordsOf(device, loaders)),
  details: bySource({
    EPMM: async (device, { includeBatteryStats }, { loaders }) => {
      const batteryStats = includeBatteryStats === true && device.platform === 'ANDROID';
      const entries = await loaders.deviceDetails.load({
        uuid: device.uuid,
        batteryStats,
        os: device.platformName ?? undefined,
      });
      return entries.map((entry) => ({ name: entry.name, value: entry.value === null ? null : String(entry.value) }));
    },
    // Neurons' device record is its details; battery statistics are an EPMM request option Neurons has no match for.
    NEURONS: (device, _args, { loaders }) =>
      device.neurons ? loaders.groups.neuronsDeviceDetails.load(device.neurons) : null,
  }),
};
