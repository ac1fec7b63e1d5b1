import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { alertMatches, alertUpstreamRequest, filtersOnlyByReadState } from '../../models/alert-filter.js';
import { alertFilterOf } from '../../models/filter-inputs.js';
import { offsetAfter, pageSize } from '../../pagination.js';
import { pageOfList } from '../connection.js';
import { selectedConnectionNodeFields } from '../device-projection.js';

/** `Alert.device` and `Alert.user` both read the alert's device. */
const ALERT_TYPES = new Set(['Alert', 'Node']);

export const alerts: QueryResolvers['alerts'] = async (
  _parent,
  { first, after, filter: input },
  { loaders, config },
  info,
) => {
  const filter = alertFilterOf(input);
  const size = pageSize(first, config.maxPageSize);
  offsetAfter(after);
  const request = alertUpstreamRequest(filter);
  const matches = alertMatches(filter);
  // The inbox: its page's devices are planned before the list arrives, so their first read can overlap it
  // (docs/data-loading.md, Users and alerts).
  const selected = selectedConnectionNodeFields(info, ALERT_TYPES);
  if (filtersOnlyByReadState(filter) && (selected.has('device') || selected.has('user')))
    loaders.alerts.expectDevicesOf(request, size);
  return pageOfList((await loaders.alerts.alertList(request)).filter(matches), first, after, config.maxPageSize);
};
