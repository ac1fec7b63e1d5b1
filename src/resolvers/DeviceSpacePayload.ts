import type { DeviceSpacePayloadResolvers } from '../generated/resolvers-types.js';
import type { SpaceRef } from '../mutations/device-space-targets.js';

const isSpaceRef = (value: unknown): value is SpaceRef =>
  typeof value === 'object' && value !== null && 'spaceId' in value;

export const DeviceSpacePayload: DeviceSpacePayloadResolvers = {
  // Read after the change: the mutation invalidated the space list, so this is EPMM's answer, not the cache's.
  deviceSpace: async (result, _args, { loaders }) => {
    const spaceId = result.results.map((item) => item.target).find(isSpaceRef)?.spaceId ?? null;
    if (spaceId === null) return null;
    return (await loaders.deviceSpaceList()).find((space) => space.id === spaceId) ?? null;
  },
};
