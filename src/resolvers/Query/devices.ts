import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { offsetAfter, pageSize } from '../../pagination.js';
import { compileDeviceFilter, compileDeviceOrder } from '../../upstream/epmm/device-filter.js';

export const devices: QueryResolvers['devices'] = async (_parent, { first, after, filter, orderBy }, { loaders, config }) => {
  const limit = pageSize(first, config.maxPageSize);
  const offset = offsetAfter(after);
  const criteria = compileDeviceFilter(filter);
  const page = await loaders.devicePage({ ...criteria, ...compileDeviceOrder(orderBy), offset, limit });
  return {
    nodes: page.devices,
    offset,
    totalCount: page.totalCount,
    hasNextPage: offset + page.devices.length < page.totalCount,
  };
};
