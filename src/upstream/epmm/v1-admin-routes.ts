import type { UpstreamRoute } from '../route.js';

/**
 * The allow-list of EPMM v1 administration routes (catalogue E30-E47): ActiveSync, users, alerts, policies,
 * application settings. State-changing calls are never retried.
 */
export const EPMM_V1_ADMIN_ROUTES = {
  activeSyncDevices: { method: 'GET', path: '/api/v1/eas/devices', idempotent: true },
  activeSyncDevice: { method: 'GET', path: '/api/v1/eas/devices/:easUuid', idempotent: true },
  activeSyncAction: { method: 'PUT', path: '/api/v1/eas/devices', idempotent: false },
  updatePassword: { method: 'PUT', path: '/api/v1/sm/authentication/users/:userName', idempotent: false },
  findUser: { method: 'GET', path: '/api/v1/sm/users/:userName', idempotent: true },
  // E35: the document's example uses the query form; the URI table's path form is accepted by the simulator too.
  searchLdapUsers: { method: 'GET', path: '/api/v1/sm/users/search/ldap', idempotent: true },
  // E36 is a POST that changes nothing, but a credential check is not retried either.
  authenticateUser: { method: 'POST', path: '/api/v1/sm/authentication', idempotent: false },
  alerts: { method: 'GET', path: '/api/v1/alerts', idempotent: true },
  alertsByPhone: { method: 'GET', path: '/api/v1/alerts/phones/:phoneNumber', idempotent: true },
  alertsByUser: { method: 'GET', path: '/api/v1/alerts/users/:userName', idempotent: true },
  alertsByUserAndPhone: { method: 'GET', path: '/api/v1/alerts/users/:userName/phones/:phoneNumber', idempotent: true },
  updateAlert: { method: 'PUT', path: '/api/v1/alerts/:id', idempotent: false },
  updateAlerts: { method: 'PUT', path: '/api/v1/alerts', idempotent: false },
  policies: { method: 'GET', path: '/api/v1/policies', idempotent: true },
  devicePolicies: { method: 'GET', path: '/api/v1/policies/devices/:uuid', idempotent: true },
  policyLabel: { method: 'PUT', path: '/api/v1/policies/:policyId', idempotent: false },
  appSettings: { method: 'GET', path: '/api/v1/appsettings', idempotent: true },
  deviceAppSettings: { method: 'GET', path: '/api/v1/appsettings/devices/:uuid', idempotent: true },
} as const satisfies Record<string, UpstreamRoute>;
