import type { UpstreamRoute } from '../route.js';

/**
 * The allow-list of EPMM device-space routes (catalogue DS01, DS03-DS11; DS02 is in routes.ts). Path ids use the
 * `id` pattern of route.ts. State-changing calls are never retried.
 */
export const EPMM_DEVICE_SPACE_ROUTES = {
  listDeviceSpaces: { method: 'GET', path: '/api/v2/device_spaces', idempotent: true },
  criteriaFields: { method: 'GET', path: '/api/v2/device_spaces/criteria', idempotent: true },
  saveDeviceSpace: { method: 'POST', path: '/api/v2/device_spaces', idempotent: false },
  deleteDeviceSpace: { method: 'DELETE', path: '/api/v2/device_spaces/:id', idempotent: false },
  assignAdmins: { method: 'POST', path: '/api/v2/device_spaces/:id/admins', idempotent: false },
  removeAdmins: { method: 'DELETE', path: '/api/v2/device_spaces/:id/admins', idempotent: false },
  policyRestrictions: { method: 'GET', path: '/msa/v2/policy/restrictions', idempotent: true },
  assignPolicyRestrictions: { method: 'POST', path: '/msa/v2/policy/restrictions', idempotent: false },
  changePriority: { method: 'POST', path: '/api/v2/device_spaces/:id/change_priority', idempotent: false },
  evaluate: { method: 'POST', path: '/api/v2/device_spaces/evaluate', idempotent: false },
} as const satisfies Record<string, UpstreamRoute>;
