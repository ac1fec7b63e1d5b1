// `GET /api/v2/ping`: not in the documents, but real EPMM servers answer it (recorded in the real-world
// fixtures, `xsoar-mobileiron-core/ping.json`) and integrations use it as a connectivity check.
import type { RouteDefinition } from '../http/route.js';

export const epmmPingRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/v2/ping',
    catalogueIds: [],
    summary: 'API version and connectivity check (not in the documents; as real servers answer it)',
    // Any authenticated administrator: it reveals nothing but the API version.
    roles: [
      'VIEW_DEVICES',
      'MANAGE_DEVICES',
      'MANAGE_SPACES',
      'VIEW_POLICY',
      'MANAGE_ACTIVESYNC',
      'LOCK_UNLOCK',
      'SEND_MESSAGE',
    ],
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'The API version',
      example: { results: { apiVersion: 2.0, vspVersion: '' } },
    },
    handle() {
      return { status: 200, body: { results: { apiVersion: 2.0, vspVersion: '' } } };
    },
  },
];
