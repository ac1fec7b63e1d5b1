import type { UserResolvers } from '../generated/resolvers-types.js';
import { GatewayError } from '../errors.js';
import { encodeId } from '../ids.js';
import { alertMatches, alertUpstreamRequest } from '../models/alert-filter.js';
import { alertFilterOf } from '../models/filter-inputs.js';
import type { UserModel } from '../models/user.js';
import { offsetAfter, pageSize } from '../pagination.js';
import { pageOfList } from './connection.js';

/** Devices and alerts are looked up in EPMM by login name; another MDM's user has no such key there. */
function epmmPrincipal(user: UserModel): string {
  if (user.source !== 'EPMM')
    throw new GatewayError('NOT_SUPPORTED_BY_SOURCE', 'Devices and alerts are only known for EPMM users.');
  return user.principal;
}

export const User: UserResolvers = {
  id: (user) => encodeId('User', user.source, user.principal),
  userSource: (user) => user.userSource ?? null,
  devices: async (user, { first, after }, { loaders, config }) => {
    const maxPageSize = config.maxPageSize;
    pageSize(first, maxPageSize);
    offsetAfter(after);
    const principal = epmmPrincipal(user);
    const all = await loaders.users.devicesOfUser.load(principal);
    if (all) return pageOfList(all, first, after, maxPageSize);
    // Too many devices to read in one batch: page this user's devices as `devices(filter: {userPrincipal})` does.
    return loaders.deviceConnection({ userPrincipal: principal }, null, { first, after, maxPageSize }, 'EPMM');
  },
  alerts: async (user, { first, after, filter: input }, { loaders, config }) => {
    const filter = alertFilterOf(input);
    pageSize(first, config.maxPageSize);
    offsetAfter(after);
    const principal = epmmPrincipal(user).toLowerCase();
    const matches = alertMatches(filter);
    const alerts = await loaders.alerts.alertList(alertUpstreamRequest(filter, true));
    return pageOfList(
      alerts.filter((alert) => alert.userPrincipal?.toLowerCase() === principal && matches(alert)),
      first,
      after,
      config.maxPageSize,
    );
  },
  unreadAlertCount: async (user, _args, { loaders }) => {
    const principal = epmmPrincipal(user).toLowerCase();
    const alerts = await loaders.alerts.alertList({});
    return alerts.filter((alert) => !alert.read && alert.userPrincipal?.toLowerCase() === principal).length;
  },
};
