import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';
import { decodeId } from '../../ids.js';
import { offsetAfter, pageSize } from '../../pagination.js';
import { neuronsPartitionOfKey } from './node.js';

/** DS01 answers every visible space at once (by priority), so pages are cut from the cached list. */
export const deviceSpaces: QueryResolvers['deviceSpaces'] = async (_parent, { first, after }, { loaders, config }) => {
  const limit = pageSize(first, config.maxPageSize);
  const offset = offsetAfter(after);
  const all = await loaders.deviceSpaceList();
  const nodes = all.slice(offset, offset + limit);
  return { nodes, offset, totalCount: all.length, hasNextPage: offset + nodes.length < all.length };
};

export const deviceSpace: QueryResolvers['deviceSpace'] = async (_parent, { id }, context) => {
  const { loaders } = context;
  const decoded = decodeId(id);
  if (decoded.type !== 'DeviceSpace')
    throw new GatewayError('BAD_USER_INPUT', '`id` is not a device space id.', { field: ['id'] });
  if (decoded.source === 'NEURONS') return neuronsPartitionOfKey(decoded.key, context);
  return (await loaders.deviceSpaceList()).find((space) => String(space.id) === decoded.key) ?? null;
};
