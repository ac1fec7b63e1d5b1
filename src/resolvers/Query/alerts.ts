import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { alertMatches, alertUpstreamRequest } from '../../models/alert-filter.js';
import { offsetAfter, pageSize } from '../../pagination.js';
import { pageOfList } from '../connection.js';

export const alerts: QueryResolvers['alerts'] = async (_parent, { first, after, filter }, { loaders, config }) => {
  pageSize(first, config.maxPageSize);
  offsetAfter(after);
  const request = alertUpstreamRequest(filter);
  const matches = alertMatches(filter);
  return pageOfList((await loaders.alerts.alertList(request)).filter(matches), first, after, config.maxPageSize);
};
