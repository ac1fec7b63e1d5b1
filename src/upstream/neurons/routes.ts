import type { UpstreamRoute } from '../route.js';

/** The allow-list of Neurons for MDM routes the gateway calls (without the client's path prefix). */
export const NEURONS_ROUTES = {
  createUserGroup: { method: 'POST', path: '/api/v1/group', idempotent: false },
  listUserGroups: { method: 'GET', path: '/api/v1/group', idempotent: true },
  deleteUserGroup: { method: 'DELETE', path: '/api/v1/group', idempotent: false },
  setGroupAccounts: { method: 'PUT', path: '/api/v1/group/:id/accounts', idempotent: false },
  assignAccounts: { method: 'PUT', path: '/api/v1/account', idempotent: false },
  createDeviceGroup: { method: 'POST', path: '/api/v1/rule_group', idempotent: false },
  listDeviceGroups: { method: 'GET', path: '/api/v1/rule_group', idempotent: true },
  findDeviceGroups: { method: 'GET', path: '/api/v1/rule_group/partitions', idempotent: true },
  getDeviceGroup: { method: 'GET', path: '/api/v1/rule_group/:id', idempotent: true },
  setStaticMembers: { method: 'POST', path: '/api/v1/rule_group/:id/devices', idempotent: false },
  removeStaticMembers: { method: 'DELETE', path: '/api/v1/rule_group/:id/devices', idempotent: false },
  searchDevices: { method: 'GET', path: '/api/v1/device', idempotent: true },
  getDevice: { method: 'GET', path: '/api/v1/device/:id', idempotent: true },
  devicePartitions: { method: 'GET', path: '/api/v1/tenant/partition/device', idempotent: true },
  tenantMetadata: { method: 'GET', path: '/api/v1/metadata/tenant', idempotent: true },
} as const satisfies Record<string, UpstreamRoute>;
