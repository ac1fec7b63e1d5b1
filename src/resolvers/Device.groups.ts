import type { DeviceResolvers } from '../generated/resolvers-types.js';

/**
 * Device -> its Neurons device groups. Both MDMs report the serial number, and a Neurons record's `guid` is the
 * device's UUID, so an EPMM device is found in Neurons by serial and confirmed by UUID (see loaders/groups.ts).
 */
export const DeviceGroupFields: Pick<DeviceResolvers, 'groups'> = {
  groups: (device, _args, { loaders }) => loaders.groups.groupsOfDevice.load(device),
};
