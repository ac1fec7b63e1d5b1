import type { NodeResolvers } from '../generated/resolvers-types.js';
import type { DeviceModel } from '../models/device.js';
import type { DeviceSpaceModel } from '../models/device-space.js';
import type { UserModel } from '../models/user.js';
import type { LabelModel } from '../models/label.js';
import type { PolicyModel } from '../models/policy.js';
import type { GroupModel } from '../models/group.js';
import type { AlertModel } from '../models/alert.js';

type NodeModel = DeviceModel | UserModel | DeviceSpaceModel | LabelModel | PolicyModel | GroupModel | AlertModel;

/**
 * The type of a model cached by a build before models carried `kind` (a Redis L2 entry outlives a deploy until its
 * TTL; docs/decisions.md, "Schema and resolvers by domain"). Every mapper of this build sets `kind`.
 */
function kindOfOlderModel(model: object): NodeModel['kind'] {
  if ('alertId' in model) return 'Alert';
  if ('groupKind' in model) return 'Group';
  if ('uuid' in model) return 'Device';
  if ('principal' in model) return 'User';
  return 'DeviceSpace';
}

export const Node: NodeResolvers = {
  __resolveType: (model: NodeModel) => (model.kind as NodeModel['kind'] | undefined) ?? kindOfOlderModel(model),
};
