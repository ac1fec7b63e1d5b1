import type { DeviceResolvers } from '../generated/resolvers-types.js';

/**
 * Device -> its Neurons device groups. Both MDMs report the serial number, and a Neurons record's `guid` is the
 * device's UUID, so an EPMM device is found in Neurons by serial and confirmed by UUID (see loaders/groups.ts).
 * A twin of the merged list carries its Neurons record, whose groups are read directly; a device the merged list
 * knows Neurons does not hold has none (no search).
 */
export const DeviceGroupFields: Pick<DeviceResolvers, 'groups'> = {
  groups: (device, _args, { loaders }) => {
    if (device.records) return device.records.neurons ? loaders.groups.groupsOfDevice.load(device.records.neurons) : [];
    return loaders.groups.groupsOfDevice.load(device);
  },
};
