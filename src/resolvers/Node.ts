import type { NodeResolvers } from '../generated/resolvers-types.js';
import type { DeviceModel } from '../models/device.js';
import type { DeviceSpaceModel } from '../models/device-space.js';
import type { UserModel } from '../models/user.js';

type NodeModel = DeviceModel | UserModel | DeviceSpaceModel;

export const Node: NodeResolvers = {
  __resolveType: (model: NodeModel) => {
    if ('uuid' in model) return 'Device';
    if ('principal' in model) return 'User';
    return 'DeviceSpace';
  },
};
