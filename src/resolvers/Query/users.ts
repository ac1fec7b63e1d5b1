import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { offsetAfter, pageSize } from '../../pagination.js';
import { pageOfList } from '../connection.js';

export const users: QueryResolvers['users'] = async (_parent, { first, after, search }, { loaders, config }) => {
  // Arguments are checked before any upstream call.
  pageSize(first, config.maxPageSize);
  offsetAfter(after);
  const text = search?.trim();
  const all = text ? await loaders.users.search(text) : (await loaders.users.deviceOwners()).users;
  return pageOfList(all, first, after, config.maxPageSize);
};
