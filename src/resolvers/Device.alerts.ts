import type { DeviceResolvers } from '../generated/resolvers-types.js';
import { alertMatches, alertUpstreamRequest } from '../models/alert-filter.js';
import { alertFilterOf } from '../models/filter-inputs.js';
import { offsetAfter, pageSize } from '../pagination.js';
import { pageOfList } from './connection.js';
import { epmmOnly } from './device-source.js';

/** EPMM has no alerts-by-device call: one cached E37 list serves every device's alerts. Alerts are EPMM's Event Center's. */
export const DeviceAlertFields: Pick<DeviceResolvers, 'alerts'> = {
  alerts: epmmOnly(async (device, { first, after, filter: input }, { loaders, config }) => {
    const filter = alertFilterOf(input);
    pageSize(first, config.maxPageSize);
    offsetAfter(after);
    const matches = alertMatches(filter);
    const alerts = await loaders.alerts.alertList(alertUpstreamRequest(filter, true));
    return pageOfList(
      alerts.filter((alert) => alert.deviceUuid === device.uuid && matches(alert)),
      first,
      after,
      config.maxPageSize,
    );
  }),
};
