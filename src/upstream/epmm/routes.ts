import type { UpstreamRoute } from '../route.js';

/** The allow-list of EPMM routes the gateway calls. Nothing else is ever requested. */
export const EPMM_ROUTES = {
  searchDevices: { method: 'GET', path: '/api/v2/devices', idempotent: true },
  countDevices: { method: 'GET', path: '/api/v2/devices/count', idempotent: true },
  testQuery: { method: 'GET', path: '/api/v2/devices/query_test', idempotent: true },
  searchFields: { method: 'GET', path: '/api/v2/devices/search_fields', idempotent: true },
  deviceDetails: { method: 'GET', path: '/api/v2/devices/:uuid/details', idempotent: true },
  myDeviceSpaces: { method: 'GET', path: '/api/v2/device_spaces/mine', idempotent: true },
  ping: { method: 'GET', path: '/api/v2/ping', idempotent: true },
} as const satisfies Record<string, UpstreamRoute>;
