import type { GroupResolvers } from '../generated/resolvers-types.js';
import { GatewayError } from '../errors.js';
import { groupGlobalId } from '../models/group-id.js';
import { offsetAfter, pageSize } from '../pagination.js';
import { offsetPage } from './connection.js';

export const Group: GroupResolvers = {
  id: (group) => groupGlobalId(group),
  kind: (group) => group.groupKind,
  devices: async (group, { first, after }, { loaders, config }) => {
    const limit = pageSize(first, config.maxPageSize);
    const offset = offsetAfter(after);
    const { membership } = group;
    if (membership.kind === 'unsupported') throw new GatewayError('NOT_SUPPORTED_BY_SOURCE', membership.reason);
    if (group.partitionId === null)
      throw new GatewayError('NOT_SUPPORTED_BY_SOURCE', 'The group has no device partition.');
    if (membership.kind === 'rule') {
      // The rule is the group's own (NG11's documented recipe: treeView -> fq), so NG13 pages exactly its members.
      const page = await loaders.groups.groupDevices(group.partitionId, membership.fq, offset, limit);
      return offsetPage(page.devices, offset, page.totalCount);
    }
    // Static members are listed by id only; each is one device read (NG13 cannot filter by id).
    const partitionId = group.partitionId;
    const ids = membership.deviceIds.slice(offset, offset + limit);
    const devices = await loaders.groups.neuronsDevice.loadMany(ids.map((id) => ({ partitionId, id })));
    const nodes = devices
      .filter((device) => device !== null)
      .map((device) => {
        if (device instanceof Error) throw device;
        return device;
      });
    // hasNextPage counts member ids, not the devices still found.
    return offsetPage(nodes, offset, membership.deviceIds.length, ids.length);
  },
};
