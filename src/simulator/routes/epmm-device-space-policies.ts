// DS08/DS09: which policy types the admins of a space may create, and whether those override global policies.
// Note the different prefix (/msa/v2). A space never configured answers both types, creation not allowed.
import type { World } from '../fleet/types.js';
import type { RouteDefinition } from '../http/route.js';
import { spaceInScope, spaceScope, validationError } from '../spaces/admin-scope.js';
import { objectBody, optionalArray } from '../spaces/body.js';
import { spaceState, type PolicyProfileType, type PolicyRestriction } from '../spaces/space-state.js';

const PROFILE_TYPES: readonly PolicyProfileType[] = ['PRIVACY', 'SECURITY'];
const KEY_PREFIX = 'com.mobileiron.vsp.messages.policy.restrictions.in.space';

export const epmmDeviceSpacePolicyRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/msa/v2/policy/restrictions',
    summary: 'Get policy restrictions of a device space (DS08)',
    catalogueIds: ['DS08'],
    // "You can also make this call with the Policy management > View policy role."
    roles: ['MANAGE_SPACES', 'VIEW_POLICY'],
    query: {
      adminDeviceSpaceId: {
        type: 'integer',
        required: true,
        min: 0,
        description: 'Device space ID of the administrator (0: the first space of the administrator).',
      },
      deviceSpaceId: {
        type: 'integer',
        required: true,
        min: 1,
        max: 10_000_000,
        rangeMessage: 'Must be at least 1 and no more than 10,000,000.',
        description: 'The ID of device space whose settings to list.',
      },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'Both profile types with their settings, and an Info message.',
      example: {
        results: {
          policyRestrictions: [
            { policyProfileType: 'PRIVACY', creationAllowedInSpace: true, overrideGlobalPolicies: false },
          ],
          deviceSpaceId: 3,
        },
        messages: [
          {
            type: 'Info',
            messageKey: `${KEY_PREFIX}.get.success`,
            localizedMessage: 'Policy restrictions in space successfully fetched.',
          },
        ],
      },
    },
    handle({ world, admin, query }) {
      const scope = spaceScope(world, admin, query.adminDeviceSpaceId as number);
      const space = spaceInScope(world, scope, query.deviceSpaceId as number);
      return {
        status: 200,
        body: {
          results: { policyRestrictions: restrictionsOf(world, space.id), deviceSpaceId: space.id },
          messages: [
            {
              type: 'Info',
              messageKey: `${KEY_PREFIX}.get.success`,
              localizedMessage: 'Policy restrictions in space successfully fetched.',
            },
          ],
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/msa/v2/policy/restrictions',
    summary: 'Assign policy restrictions to a device space (DS09)',
    catalogueIds: ['DS09'],
    roles: ['MANAGE_SPACES'],
    query: {
      deviceSpaceId: {
        type: 'integer',
        required: true,
        description: 'The ID of device space for which to configure policy restrictions.',
      },
      // Not documented for DS09 (its sample omits it); accepted like on every other device-space call.
      adminDeviceSpaceId: {
        type: 'integer',
        min: 0,
        description: 'Device space ID of the administrator (absent: the first space of the administrator).',
      },
    },
    requestBody: {
      contentTypes: ['application/json'],
      description:
        '`policyRestrictions`: 1-2 `{policyProfileType: PRIVACY|SECURITY, creationAllowedInSpace, overrideGlobalPolicies}`; a type not sent keeps its setting.',
      example: {
        policyRestrictions: [
          { policyProfileType: 'PRIVACY', creationAllowedInSpace: true, overrideGlobalPolicies: false },
          { policyProfileType: 'SECURITY', creationAllowedInSpace: true, overrideGlobalPolicies: false },
        ],
      },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'An Info message naming the space.',
      example: {
        messages: [
          {
            type: 'Info',
            messageKey: `${KEY_PREFIX}.save.success`,
            localizedMessage: 'Policy restrictions saved successfully for space: ForDocs.',
            messageParameters: ['ForDocs'],
          },
        ],
      },
    },
    handle({ world, admin, query, body }) {
      const scope = spaceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const space = spaceInScope(world, scope, query.deviceSpaceId as number);
      const items = optionalArray(objectBody(body), 'policyRestrictions', PROFILE_TYPES.length);
      if (items === undefined)
        throw validationError('policyRestrictions: Required parameter is missing.', 'policyRestrictions');
      const restrictions = items.map(readRestriction);
      if (new Set(restrictions.map((item) => item.policyProfileType)).size !== restrictions.length) {
        throw validationError('policyRestrictions: each policyProfileType may appear once.', 'policyRestrictions');
      }
      const state = spaceState(world);
      const saved = state.restrictions.get(space.id) ?? new Map<PolicyProfileType, PolicyRestriction>();
      for (const restriction of restrictions) saved.set(restriction.policyProfileType, restriction);
      state.restrictions.set(space.id, saved);
      return {
        status: 200,
        body: {
          messages: [
            {
              type: 'Info',
              messageKey: `${KEY_PREFIX}.save.success`,
              localizedMessage: `Policy restrictions saved successfully for space: ${space.name}.`,
              messageParameters: [space.name],
            },
          ],
        },
      };
    },
  },
];

function restrictionsOf(world: World, spaceId: number): PolicyRestriction[] {
  const saved = spaceState(world).restrictions.get(spaceId);
  return PROFILE_TYPES.map((type) => ({
    ...(saved?.get(type) ?? { policyProfileType: type, creationAllowedInSpace: false, overrideGlobalPolicies: false }),
  }));
}

function readRestriction(item: unknown): PolicyRestriction {
  const { policyProfileType, creationAllowedInSpace, overrideGlobalPolicies } = (
    typeof item === 'object' && item !== null ? item : {}
  ) as Record<string, unknown>;
  if (!PROFILE_TYPES.includes(policyProfileType as PolicyProfileType)) {
    throw validationError('policyProfileType: Can be PRIVACY or SECURITY.', 'policyProfileType');
  }
  if (typeof creationAllowedInSpace !== 'boolean' || typeof overrideGlobalPolicies !== 'boolean') {
    throw validationError(
      'creationAllowedInSpace and overrideGlobalPolicies must be true or false.',
      'policyRestrictions',
    );
  }
  return { policyProfileType: policyProfileType as PolicyProfileType, creationAllowedInSpace, overrideGlobalPolicies };
}
