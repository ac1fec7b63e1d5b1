import type { DeviceSpaceResolvers } from '../generated/resolvers-types.js';
import { encodeId } from '../ids.js';

export const DeviceSpace: DeviceSpaceResolvers = {
  id: (space) => encodeId('DeviceSpace', 'EPMM', String(space.id)),
  legacyId: (space) => space.id,
};
