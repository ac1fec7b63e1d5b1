// Device -> labels and policies. Policies are one EPMM call per device (E44), a bounded fan-out; labels are planned
// per page, V25 per device or every label's members, whichever costs fewer calls (LABELS_PLAN, default `auto`;
// src/loaders/device-labels-plan.ts). Neurons devices have neither EPMM labels nor EPMM policies (their groups are
// `groups`).
import type { DeviceResolvers } from '../generated/resolvers-types.js';
import { epmmOnly } from './device-source.js';

export const DeviceLabelFields: Pick<DeviceResolvers, 'labels' | 'policies'> = {
  labels: epmmOnly((device, _args, { loaders, config }) =>
    loaders.labels.deviceLabels(config.labelsPlan).load(device.uuid),
  ),
  policies: epmmOnly((device, _args, { loaders }) => loaders.policies.policiesByDevice.load(device.uuid)),
};
