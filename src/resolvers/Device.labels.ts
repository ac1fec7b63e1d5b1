// Device -> labels and policies: each is one EPMM call per device (V25, E44), a bounded fan-out through the
// per-device loaders. Neurons devices have neither EPMM labels nor EPMM policies (their groups are `groups`).
import type { DeviceResolvers } from '../generated/resolvers-types.js';
import { epmmOnly } from './device-source.js';

export const DeviceLabelFields: Pick<DeviceResolvers, 'labels' | 'policies'> = {
  labels: epmmOnly((device, _args, { loaders }) => loaders.labels.labelsByDevice.load(device.uuid)),
  policies: epmmOnly((device, _args, { loaders }) => loaders.policies.policiesByDevice.load(device.uuid)),
};
