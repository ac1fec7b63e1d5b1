import type { DeviceResolvers } from '../generated/resolvers-types.js';
import { GatewayError } from '../errors.js';
import { loadNeuronsPartition } from '../loaders/neurons-devices.js';
import { bySource } from './device-source.js';

/**
 * EPMM gives a device only its space's name; the space comes from the (cached, one-call) DS01 list. An admin
 * without the role for DS01 still gets the spaces they belong to, from `/device_spaces/mine`. A Neurons device's
 * space is the partition it was read in (its id carries it), from the cached partition list: no extra call.
 */
export const DeviceSpaceField: Pick<DeviceResolvers, 'deviceSpace'> = {
  deviceSpace: bySource({
    NEURONS: (device, _args, { loaders }) => {
      if (!device.neurons) return null;
      return loadNeuronsPartition(loaders.groups, loaders.neuronsConfigured, device.neurons.partitionId);
    },
    EPMM: async (device, _args, { loaders, viewer }) => {
      if (!device.deviceSpaceName) return null;
      const byName = (space: { name: string }) => space.name === device.deviceSpaceName;
      try {
        return (await loaders.deviceSpaceList()).find(byName) ?? null;
      } catch (error) {
        if (error instanceof GatewayError && error.code === 'FORBIDDEN')
          return viewer.deviceSpaces.find(byName) ?? null;
        throw error;
      }
    },
  }),
};
