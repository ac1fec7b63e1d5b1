import type { GatewayContext } from '../context.js';
import type { DeviceSpaceResolvers } from '../generated/resolvers-types.js';
import { encodeId } from '../ids.js';
import type { DeviceSpaceListing, DeviceSpaceModel } from '../models/device-space.js';
import { offsetAfter, pageSize } from '../pagination.js';
import { offsetPage } from './connection.js';

/**
 * The DS01 record of a space; a space from `/device_spaces/mine` is looked up in the (cached) DS01 list. A Neurons
 * partition has none: its numeric id is no EPMM space's, so EPMM is never asked about it.
 */
async function listing(space: DeviceSpaceModel, { loaders }: GatewayContext): Promise<DeviceSpaceListing | null> {
  if (space.partition) return null;
  if (space.listing) return space.listing;
  return (await loaders.deviceSpaceList()).find((candidate) => candidate.id === space.id)?.listing ?? null;
}

export const DeviceSpace: DeviceSpaceResolvers = {
  id: (space) => encodeId('DeviceSpace', space.partition ? 'NEURONS' : 'EPMM', String(space.id)),
  legacyId: (space) => space.id,
  // DS01 has no description; /device_spaces/mine has, so a listed space borrows it from the viewer's spaces.
  description: (space, _args, { viewer }) =>
    space.description ??
    (space.partition ? null : (viewer.deviceSpaces.find((mine) => mine.id === space.id)?.description ?? null)),
  criteria: async (space, _args, context) => (await listing(space, context))?.criteria ?? null,
  // A partition's priority and device count come from the Neurons partition list.
  priority: async (space, _args, context) =>
    space.partition ? space.partition.priority : ((await listing(space, context))?.priority ?? null),
  status: async (space, _args, context) => (await listing(space, context))?.status ?? null,
  deviceCount: async (space, _args, context) =>
    space.partition ? space.partition.deviceCount : ((await listing(space, context))?.deviceCount ?? null),
  admins: async (space, _args, context) => (await listing(space, context))?.admins ?? null,
  policyRestrictions: (space, _args, { loaders }) =>
    space.partition ? null : loaders.policyRestrictions.load(space.id),
  devices: async (space, { first, after }, { loaders, config }) => {
    if (space.partition) {
      const limit = pageSize(first, config.maxPageSize);
      const offset = offsetAfter(after);
      // One partition: NG13 pages it by offset itself, one search per page.
      const page = await loaders.groups.groupDevices(space.id, null, offset, limit);
      return offsetPage(page.devices, offset, page.totalCount);
    }
    // As `devices(filter: {deviceSpaceName}, source: EPMM)`: the same query, sort and cache entry. The filter
    // compiler quotes and escapes the name, so a space name can never change the query's structure.
    const filter = { deviceSpaceName: space.name };
    return loaders.deviceConnection(filter, null, { first, after, maxPageSize: config.maxPageSize }, 'EPMM');
  },
};
