import type { ViewerResolvers } from '../generated/resolvers-types.js';

export const Viewer: ViewerResolvers = {
  activeDeviceSpace: (viewer, _args, { epmm }) =>
    viewer.deviceSpaces.find((space) => space.id === epmm.adminDeviceSpaceId) ?? null,
};
