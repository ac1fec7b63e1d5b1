// The one search deviceChanged polls: the filter as `devices` compiles it, newest check-in first, the first
// `window` devices. Equal filters give equal requests, so their subscribers share a poller.
import type { DeviceFilterModel } from '../models/device-filter.js';
import type { DevicePageRequest } from '../loaders/devices.js';
import { compileDeviceFilter, compileDeviceOrder } from '../upstream/epmm/device-filter.js';

export function devicePollRequest(filter: DeviceFilterModel | null, window: number): DevicePageRequest {
  return {
    ...compileDeviceFilter(filter),
    ...compileDeviceOrder({ field: 'LAST_CHECK_IN', direction: 'DESC' }),
    offset: 0,
    limit: window,
  };
}
