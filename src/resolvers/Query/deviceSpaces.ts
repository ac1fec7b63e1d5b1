import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { decodeIdOf } from '../../ids.js';
import { offsetAfter, pageSize } from '../../pagination.js';
import { pageOfList } from '../connection.js';
import { neuronsPartitionOfKey } from './node.js';

/** DS01 answers every visible space at once (by priority), so pages are cut from the cached list. */
export const deviceSpaces: QueryResolvers['deviceSpaces'] = async (_parent, { first, after }, { loaders, config }) => {
  pageSize(first, config.maxPageSize);
  offsetAfter(after);
  return pageOfList(await loaders.deviceSpaceList(), first, after, config.maxPageSize);
};

export const deviceSpace: QueryResolvers['deviceSpace'] = async (_parent, { id }, context) => {
  const { loaders } = context;
  const decoded = decodeIdOf(id, 'DeviceSpace', ['id']);
  if (decoded.source === 'NEURONS') return neuronsPartitionOfKey(decoded.key, context);
  return (await loaders.deviceSpaceList()).find((space) => String(space.id) === decoded.key) ?? null;
};
