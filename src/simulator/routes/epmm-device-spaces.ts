// EPMM v2 device-space endpoints (catalogue DS01-DS11): list, mine, criteria fields, create/update, delete,
// priority and evaluation here; admins (DS06/DS07) and policy restrictions (DS08/DS09) beside it in
// epmm-device-space-admins.ts and epmm-device-space-policies.ts.
import type { AdminRole } from '../fleet/types.js';
import type { RouteDefinition } from '../http/route.js';
import { spaceScope, validationError } from '../spaces/admin-scope.js';
import { objectBody, optionalInteger, requiredInteger, requiredString } from '../spaces/body.js';
import { CRITERIA_FIELDS } from '../spaces/criteria-fields.js';
import { adminsText } from '../spaces/space-admins.js';
import { deviceCounts } from '../spaces/membership.js';
import { pathId } from '../spaces/path-id.js';
import { changePriority, evaluateSpaces, markForDeletion, upsertSpace } from '../spaces/space-ops.js';

/** Every role: DS02 answers "the device spaces to which the currently logged in user belongs", for any admin. */
const ANY_ADMIN: AdminRole[] = [
  'VIEW_DEVICES',
  'MANAGE_DEVICES',
  'MANAGE_SPACES',
  'VIEW_POLICY',
  'MANAGE_ACTIVESYNC',
  'LOCK_UNLOCK',
  'SEND_MESSAGE',
];
/** Admin Management / "Manage administrators and device spaces". */
const MANAGE: AdminRole[] = ['MANAGE_SPACES'];
const ADMIN_SPACE = {
  type: 'integer',
  min: 0,
  description: 'Device space ID of the administrator (0 or absent: the first space of the administrator).',
} as const;
/** DS01 documents 10,000 as both the maximum and the default page size. */
const MAX_LIMIT = 10_000;

export const epmmDeviceSpaceRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/v2/device_spaces',
    summary: 'List device spaces (DS01)',
    catalogueIds: ['DS01'],
    roles: MANAGE,
    query: {
      adminDeviceSpaceId: ADMIN_SPACE,
      limit: {
        type: 'integer',
        min: 0,
        max: MAX_LIMIT,
        rangeMessage: 'Must be at least 0 and no more than 10,000.',
        description: 'Maximum number of entries to return.',
      },
      offset: { type: 'integer', min: 0, max: 10_000_000, description: 'Index of the first entry to return.' },
      excludeDeviceCount: { type: 'boolean', description: 'true: deviceCount is always 0 (faster).' },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        "The spaces visible in the administrator's space, by priority; `admins` is a comma-separated string.",
      example: {
        results: [
          { id: 1, name: 'Global', criteria: '', status: 'ACTIVE', priority: 1, deviceCount: 319, admins: 'miadmin' },
        ],
        totalCount: 1,
        resultCount: 1,
        hasMore: false,
      },
    },
    handle({ world, admin, query }) {
      const scope = spaceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const visible = world.spaces
        .filter((space) => scope.visible.has(space.id))
        .sort((a, b) => a.priority - b.priority);
      const offset = (query.offset as number | undefined) ?? 0;
      const limit = (query.limit as number | undefined) ?? MAX_LIMIT;
      const page = visible.slice(offset, offset + limit);
      const counts = query.excludeDeviceCount === true ? undefined : deviceCounts(world);
      const results = page.map((space) => ({
        id: space.id,
        name: space.name,
        criteria: space.criteria,
        status: space.status,
        priority: space.priority,
        deviceCount: counts?.get(space.id) ?? 0,
        admins: adminsText(world, space.id),
      }));
      return {
        status: 200,
        body: {
          results,
          totalCount: visible.length,
          resultCount: results.length,
          hasMore: offset + results.length < visible.length,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/device_spaces/mine',
    summary: 'Get my device spaces (DS02)',
    catalogueIds: ['DS02'],
    roles: ANY_ADMIN,
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'The spaces of the authenticated administrator.',
      example: { results: [{ id: 1, name: 'Global', description: null }], totalCount: 1, resultCount: 1 },
    },
    handle({ world, admin }) {
      const results = world.spaces
        .filter((space) => admin.spaceIds.includes(space.id))
        .map((space) => ({ id: space.id, name: space.name, description: space.description }));
      // The DS02 sample has no hasMore, unlike DS01.
      return { status: 200, body: { results, totalCount: results.length, resultCount: results.length } };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/device_spaces/criteria',
    summary: 'List fields for device space criteria (DS03)',
    catalogueIds: ['DS03'],
    roles: MANAGE,
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'The 35 advanced-search fields a space criteria may use (no hasMore, as in the sample).',
    },
    handle({ world, admin, query }) {
      spaceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const results = CRITERIA_FIELDS.map((field) => ({ ...field }));
      return { status: 200, body: { results, totalCount: results.length, resultCount: results.length } };
    },
  },
  {
    method: 'POST',
    path: '/api/v2/device_spaces',
    summary: 'Create or update a device space (DS04)',
    catalogueIds: ['DS04'],
    roles: MANAGE,
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    requestBody: {
      contentTypes: ['application/json'],
      description:
        '`name` (unique), `parentId` (number or numeric string), `criteria` (advanced-search text over the DS03 fields); `id` to update.',
      example: {
        parentId: '1',
        criteria: '"common.home_country_code" =  "US"  AND "common.home_country_name" =  "United States"',
        name: 'USA Devices',
      },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'The id of the created or updated space.',
      example: { results: { id: 4 } },
    },
    handle({ world, admin, query, body }) {
      const scope = spaceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const input = objectBody(body);
      const space = upsertSpace(world, scope, {
        id: optionalInteger(input, 'id'),
        name: requiredString(input, 'name'),
        parentId: requiredInteger(input, 'parentId'),
        criteria: requiredString(input, 'criteria'),
      });
      return { status: 200, body: { results: { id: space.id } } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/v2/device_spaces/:id',
    // "If missing or 0 (zero), the call uses the value of the current device space."
    aliases: ['/api/v2/device_spaces'],
    summary: 'Mark a device space for deletion (DS05); DS11 deletes it',
    catalogueIds: ['DS05'],
    roles: MANAGE,
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'The id of the space marked for deletion.',
      example: { results: { id: 4 } },
    },
    handle({ world, admin, query, params }) {
      const scope = spaceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const id = params.id === undefined ? 0 : pathId(params.id, 'id', 0);
      const space = markForDeletion(world, scope, id === 0 ? scope.current : id);
      return { status: 200, body: { results: { id: space.id } } };
    },
  },
  {
    method: 'POST',
    path: '/api/v2/device_spaces/:deviceSpaceId/change_priority',
    summary: 'Change device space priority (DS10)',
    catalogueIds: ['DS10'],
    roles: MANAGE,
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    requestBody: {
      contentTypes: ['application/x-www-form-urlencoded', 'application/json'],
      description:
        '`deviceSpaceIdAboveMe`: the sibling directly above the space, or 0 for the top (one id; a one-element list is accepted).',
      example: 'deviceSpaceIdAboveMe=4',
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'The space after the change.',
      example: {
        results: {
          id: 5,
          name: 'UK Devices',
          parentId: 1,
          priority: 2,
          criteria: '"common.home_country_code" =  "GB"',
          criteriaFields: '-',
          status: 'PENDING',
          path: '/1/5/',
        },
      },
    },
    handle({ world, admin, query, params, body }) {
      const scope = spaceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const id = pathId(params.deviceSpaceId, 'deviceSpaceId');
      const space = changePriority(world, scope, id, aboveMe(body));
      return {
        status: 200,
        body: {
          results: {
            id: space.id,
            name: space.name,
            parentId: space.parentId,
            priority: space.priority,
            criteria: space.criteria,
            // Unexplained in the document; reproduced as its sample shows it.
            criteriaFields: '-',
            status: space.status,
            path: space.path,
          },
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/v2/device_spaces/evaluate',
    summary: 'Evaluate device spaces (DS11): deletes marked spaces, settles PENDING ones',
    catalogueIds: ['DS11'],
    roles: MANAGE,
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    requestBody: {
      contentTypes: ['application/x-www-form-urlencoded'],
      description: "None documented; the sample's `includeLabelEvaluation=1` is accepted and ignored.",
    },
    response: { status: 200, contentType: 'application/json', description: 'HTTP 200 with no body.' },
    handle({ world, admin, query }) {
      spaceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      evaluateSpaces(world);
      return { status: 200, body: '' };
    },
  },
];

/** DS10's `deviceSpaceIdAboveMe`: documented as a List, meant as one id; a number, a numeric string or `[id]`. */
function aboveMe(body: unknown): number {
  const input = objectBody(body);
  const raw = input.deviceSpaceIdAboveMe;
  if (Array.isArray(raw) && raw.length !== 1)
    throw validationError('deviceSpaceIdAboveMe: exactly one device space id is expected.', 'deviceSpaceIdAboveMe');
  const value = optionalInteger({ deviceSpaceIdAboveMe: Array.isArray(raw) ? raw[0] : raw }, 'deviceSpaceIdAboveMe');
  if (value === undefined)
    throw validationError('deviceSpaceIdAboveMe: Required parameter is missing.', 'deviceSpaceIdAboveMe');
  if (value < 0) throw validationError('deviceSpaceIdAboveMe: Must be 0 or a device space id.', 'deviceSpaceIdAboveMe');
  return value;
}
