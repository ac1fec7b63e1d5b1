// Device -> labels and policies: each is one EPMM call per device (V25, E44), a bounded fan-out through the
// per-device loaders. Neurons devices have neither EPMM labels nor EPMM policies.
import type { DeviceResolvers } from '../generated/resolvers-types.js';
import { GatewayError } from '../errors.js';
import type { DeviceModel } from '../models/device.js';

function epmmOnly(device: DeviceModel, field: string): void {
  if (device.source !== 'EPMM') throw new GatewayError('NOT_SUPPORTED_BY_SOURCE', `\`${field}\` is only available for EPMM devices.`);
}

export const DeviceLabelFields: Pick<DeviceResolvers, 'labels' | 'policies'> = {
  labels: (device, _args, { loaders }) => {
    epmmOnly(device, 'labels');
    return loaders.labels.labelsByDevice.load(device.uuid);
  },
  policies: (device, _args, { loaders }) => {
    epmmOnly(device, 'policies');
    return loaders.policies.policiesByDevice.load(device.uuid);
  },
};
