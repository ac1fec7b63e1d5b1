import type { NodeResolvers } from '../generated/resolvers-types.js';
import type { DeviceModel } from '../models/device.js';
import type { DeviceSpaceModel } from '../models/device-space.js';
import type { UserModel } from '../models/user.js';
import type { LabelModel } from '../models/label.js';
import type { PolicyModel } from '../models/policy.js';
import type { GroupModel } from '../models/group.js';
import type { AlertModel } from '../models/alert.js';

type NodeModel = DeviceModel | UserModel | DeviceSpaceModel | LabelModel | PolicyModel | GroupModel | AlertModel;

export const Node: NodeResolvers = {
  __resolveType: (model: NodeModel) => {
    if ('alertId' in model) return 'Alert';
    if ('groupKind' in model) return 'Group';
    if ('kind' in model && model.kind === 'Label') return 'Label';
    if ('kind' in model && model.kind === 'Policy') return 'Policy';
    if ('uuid' in model) return 'Device';
    if ('principal' in model) return 'User';
    return 'DeviceSpace';
  },
};
