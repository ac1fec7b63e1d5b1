// DS06/DS07: assign admins to, and delete admins from, a device space. Both answer HTTP 200 with no body.
import type { RouteDefinition } from '../http/route.js';
import { spaceInScope, spaceScope, validationError } from '../spaces/admin-scope.js';
import { missing, objectBody, optionalArray, requiredInteger, type Body } from '../spaces/body.js';
import { pathId } from '../spaces/path-id.js';
import { assignAdmins, removeAdmins, type AdminTarget } from '../spaces/space-admins.js';
import type { LdapEntityType } from '../spaces/space-state.js';

const ADMIN_SPACE = {
  type: 'integer',
  min: 0,
  description: 'Device space ID of the administrator (0 or absent: the first space of the administrator).',
} as const;
const MAX_ADMINS = 500;
const MAX_ROLES = 100;
const MAX_USER_ID = 50;
const LDAP_TYPES: readonly LdapEntityType[] = ['GROUP', 'USER', 'OU'];
const LDAP_EXAMPLE = [
  { name: 'testuser000000', type: 'USER', dn: 'cn=testuser000000,ou=contacts,dc=auto2,dc=mobileiron,dc=com' },
];

export const epmmDeviceSpaceAdminRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/api/v2/device_spaces/:deviceSpaceId/admins',
    summary: 'Assign admins to device space (DS06)',
    catalogueIds: ['DS06'],
    roles: ['MANAGE_SPACES'],
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    requestBody: {
      contentTypes: ['application/json'],
      description:
        "`roles` (1-100 role ids) and either `adminUsers` (1-500 principals of at most 50 characters) or `adminLdapEntities` (1-500 `{name, type: GROUP|USER|OU, dn}`), not both. Adds to the space's admins.",
      example: {
        roles: [2, 4, 5, 7, 8, 3, 6, 13, 14, 15, 16, 33, 18, 20, 21, 23, 35],
        adminLdapEntities: LDAP_EXAMPLE,
      },
    },
    response: { status: 200, contentType: 'application/json', description: 'HTTP 200 with no body.' },
    handle({ world, admin, query, params, body }) {
      const scope = spaceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const space = spaceInScope(world, scope, pathId(params.deviceSpaceId, 'deviceSpaceId'));
      const input = objectBody(body);
      const roles = readRoles(input);
      assignAdmins(world, space.id, readTargets(input), roles);
      return { status: 200, body: '' };
    },
  },
  {
    method: 'DELETE',
    path: '/api/v2/device_spaces/:deviceSpaceId/admins',
    summary: 'Delete admins from device space (DS07)',
    catalogueIds: ['DS07'],
    roles: ['MANAGE_SPACES'],
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    requestBody: {
      contentTypes: ['application/json'],
      description:
        '`deviceSpaceId` (the same as in the path: the document requires both) and either `adminUsers` or `adminLdapEntities`. Names that are not admins of the space are ignored.',
      example: {
        deviceSpaceId: 5,
        adminLdapEntities: [
          { name: 'testuser000004', type: 'USER', dn: 'cn=testuser000004,ou=contacts,dc=auto2,dc=mobileiron,dc=com' },
        ],
      },
    },
    response: { status: 200, contentType: 'application/json', description: 'HTTP 200 with no body.' },
    handle({ world, admin, query, params, body }) {
      const scope = spaceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const id = pathId(params.deviceSpaceId, 'deviceSpaceId');
      const input = objectBody(body);
      if (requiredInteger(input, 'deviceSpaceId') !== id) {
        throw validationError(
          'deviceSpaceId: the request body must name the device space of the request path.',
          'deviceSpaceId',
        );
      }
      const space = spaceInScope(world, scope, id);
      removeAdmins(world, space.id, readTargets(input));
      return { status: 200, body: '' };
    },
  },
];

function readRoles(input: Body): number[] {
  const roles = optionalArray(input, 'roles', MAX_ROLES);
  if (roles === undefined) throw missing('roles');
  if (!roles.every((role) => typeof role === 'number' && Number.isSafeInteger(role) && role > 0)) {
    throw validationError('roles: each role must be a role id (a positive number).', 'roles');
  }
  return roles as number[];
}

/** `adminUsers` or `adminLdapEntities`: "May not be used if … is used", and one of them is needed. */
function readTargets(input: Body): AdminTarget[] {
  const users = optionalArray(input, 'adminUsers', MAX_ADMINS);
  const entities = optionalArray(input, 'adminLdapEntities', MAX_ADMINS);
  if (users && entities)
    throw validationError('adminUsers may not be used if adminLdapEntities is used.', 'adminUsers');
  if (users) {
    return users.map((user) => {
      if (typeof user !== 'string' || user.trim() === '' || user.length > MAX_USER_ID) {
        throw validationError(
          `adminUsers: each element must be a user id of no more than ${MAX_USER_ID} characters.`,
          'adminUsers',
        );
      }
      return { kind: 'user', userId: user };
    });
  }
  if (entities) return entities.map(readEntity);
  throw validationError('One of adminUsers or adminLdapEntities is required.', 'adminUsers');
}

function readEntity(entity: unknown): AdminTarget {
  const { name, type, dn } = (typeof entity === 'object' && entity !== null ? entity : {}) as Record<string, unknown>;
  if (
    typeof name !== 'string' ||
    name.trim() === '' ||
    typeof dn !== 'string' ||
    dn.trim() === '' ||
    !LDAP_TYPES.includes(type as LdapEntityType)
  ) {
    throw validationError(
      'adminLdapEntities: each entity needs a name, a type (GROUP, USER or OU) and a dn.',
      'adminLdapEntities',
    );
  }
  return { kind: 'ldap', name, type: type as LdapEntityType, dn };
}
