import type { DeviceResolvers } from '../generated/resolvers-types.js';
import { GatewayError } from '../errors.js';
import { epmmOnly } from './device-source.js';

/**
 * EPMM gives a device only its space's name; the space comes from the (cached, one-call) DS01 list. An admin
 * without the role for DS01 still gets the spaces they belong to, from `/device_spaces/mine`. A Neurons device's
 * partition is no EPMM device space (`deviceSpaceName` carries its name).
 */
export const DeviceSpaceField: Pick<DeviceResolvers, 'deviceSpace'> = {
  deviceSpace: epmmOnly(async (device, _args, { loaders, viewer }) => {
    if (!device.deviceSpaceName) return null;
    const byName = (space: { name: string }) => space.name === device.deviceSpaceName;
    try {
      return (await loaders.deviceSpaceList()).find(byName) ?? null;
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'FORBIDDEN') return viewer.deviceSpaces.find(byName) ?? null;
      throw error;
    }
  }),
};
