import type { SimDevice, SimLabel } from './fleet/types.js';

/** Built-in labels are computed from device attributes, as EPMM's system labels are; others are applied. */
const BUILT_IN_MEMBERSHIP: Record<string, (device: SimDevice) => boolean> = {
  'All-Smartphones': (device) => device.platform === 'iOS' || device.platform === 'Android',
};

export function deviceHasLabel(device: SimDevice, label: SimLabel): boolean {
  if (label.builtIn) return BUILT_IN_MEMBERSHIP[label.name]?.(device) ?? false;
  return device.labelIds.has(label.id);
}
