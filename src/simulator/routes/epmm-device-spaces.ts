// EPMM v2 device-space endpoints (catalogue DS01-DS11). This slice: the caller's own spaces (DS02).
import type { AdminRole } from '../fleet/types.js';
import type { RouteDefinition } from '../http/route.js';

/** Every role: DS02 answers "the device spaces to which the currently logged in user belongs", for any admin. */
const ANY_ADMIN: AdminRole[] = ['VIEW_DEVICES', 'MANAGE_DEVICES', 'MANAGE_SPACES', 'VIEW_POLICY', 'MANAGE_ACTIVESYNC', 'LOCK_UNLOCK', 'SEND_MESSAGE'];

export const epmmDeviceSpaceRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/v2/device_spaces/mine',
    summary: 'Get my device spaces (DS02)',
    catalogueIds: ['DS02'],
    roles: ANY_ADMIN,
    handle({ world, admin }) {
      const results = world.spaces
        .filter((space) => admin.spaceIds.includes(space.id))
        .map((space) => ({ id: space.id, name: space.name, description: space.description }));
      // The DS02 sample has no hasMore, unlike DS01.
      return { status: 200, body: { results, totalCount: results.length, resultCount: results.length } };
    },
  },
];
