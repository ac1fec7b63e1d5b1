// A device space's administrators (DS06 assign, DS07 remove) and policy restrictions (DS09). The input is
// checked against the documented limits before anything is sent: EPMM's own answer to a bad list is one
// refusal for every administrator of the call.
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import type { AdminSelection, LdapEntity, PolicyRestrictionInput } from '../upstream/epmm/device-spaces-client.js';
import { resolveSpace, spaceIdOf, visibleSpace, type SpaceRef } from './device-space-targets.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import { runMutation, type MutationUserError, type Target } from './run-mutation.js';
import type { SpaceMutationOptions } from './device-spaces.js';

/** DS06/DS07 limits. */
const MAX_ADMINS = 500;
const MAX_USER_ID = 50;
const MAX_ROLES = 100;

export interface AdminsOptions extends SpaceMutationOptions {
  deviceSpaceId: string;
  adminUsers?: readonly string[] | null;
  adminLdapEntities?: readonly LdapEntity[] | null;
}

type AdminTarget = SpaceRef & { admin: string | LdapEntity };

export function assignDeviceSpaceAdmins(
  context: GatewayContext,
  options: AdminsOptions & { roles: readonly number[] },
) {
  const { deviceSpaces } = context.mutations.epmm;
  return adminsMutation(context, options, 'assignDeviceSpaceAdmins', {
    extraInput: { roles: options.roles },
    validate: () => roleErrors(options.roles),
    call: (spaceId, selection) => deviceSpaces.assignAdmins(context.epmm, spaceId, selection, options.roles),
    done: 'Assigned to the device space with the requested roles.',
  });
}

export function removeDeviceSpaceAdmins(context: GatewayContext, options: AdminsOptions) {
  const { deviceSpaces } = context.mutations.epmm;
  return adminsMutation(context, options, 'removeDeviceSpaceAdmins', {
    extraInput: {},
    validate: () => [],
    call: (spaceId, selection) => deviceSpaces.removeAdmins(context.epmm, spaceId, selection),
    // EPMM answers 200 whether or not the name was an administrator of the space.
    done: 'No longer an administrator of the device space.',
  });
}

interface AdminsCall {
  extraInput: Record<string, unknown>;
  validate(): MutationUserError[];
  call(spaceId: number, selection: AdminSelection): Promise<void>;
  done: string;
}

/** Items are the administrators: principals, or LDAP entities identified by their DN. */
function adminsMutation(context: GatewayContext, options: AdminsOptions, operation: string, spec: AdminsCall) {
  const spaceId = spaceIdOf(options.deviceSpaceId, ['input', 'deviceSpaceId']);
  const users = options.adminUsers ?? null;
  const entities = options.adminLdapEntities ?? null;
  // Both lists is malformed input, like `device(id, uuid)` (docs/errors.md).
  if (users && entities)
    throw new GatewayError('BAD_USER_INPUT', 'Give either adminUsers or adminLdapEntities, not both.', {
      field: ['input', 'adminLdapEntities'],
    });
  const byId = new Map<string, string | LdapEntity>([
    ...(users ?? []).map((user): [string, string] => [user, user]),
    ...(entities ?? []).map((entity): [string, LdapEntity] => [entity.dn, entity]),
  ]);
  return runMutation<AdminTarget>(context, {
    operation,
    scope: 'admin',
    destructive: false,
    ids: [...byId.keys()],
    idsAt: { field: ['input', entities ? 'adminLdapEntities' : 'adminUsers'] },
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { deviceSpaceId: options.deviceSpaceId, adminUsers: users, adminLdapEntities: entities, ...spec.extraInput },
    async validate() {
      const errors = [...selectionErrors(users, entities), ...spec.validate()];
      if (!(await visibleSpace(context, spaceId)))
        errors.push({
          message: 'No such device space is visible to you.',
          field: ['input', 'deviceSpaceId'],
          code: 'DEVICE_SPACE_NOT_FOUND',
        });
      return errors;
    },
    resolve: async (ids) =>
      new Map(
        ids.map((id): [string, Target<AdminTarget>] => [id, { id, key: id, value: { spaceId, admin: byId.get(id)! } }]),
      ),
    async send(targets) {
      const admins = targets.map((target) => target.value.admin);
      const selection: AdminSelection = users
        ? { adminUsers: admins.filter((admin): admin is string => typeof admin === 'string') }
        : { adminLdapEntities: admins.filter((admin): admin is LdapEntity => typeof admin !== 'string') };
      await spec.call(spaceId, selection);
      return new Map(targets.map((target): [string, ItemOutcome] => [target.id, outcome('SUCCEEDED', spec.done)]));
    },
    // DS01's admins and each admin's own spaces (/device_spaces/mine) change.
    invalidates: { upstream: 'epmm', resources: ['spaces', 'reference'] },
  });
}

function selectionErrors(users: readonly string[] | null, entities: readonly LdapEntity[] | null): MutationUserError[] {
  const field = (name: string, index?: number) => ['input', name, ...(index === undefined ? [] : [String(index)])];
  const list = users ?? entities ?? [];
  const name = users ? 'adminUsers' : 'adminLdapEntities';
  if (list.length > MAX_ADMINS)
    return [
      {
        message: `At most ${MAX_ADMINS} administrators per call (${list.length} given).`,
        field: field(name),
        code: 'TOO_MANY_ADMINS',
      },
    ];
  const errors: MutationUserError[] = [];
  users?.forEach((user, index) => {
    if (user.trim() === '' || user.length > MAX_USER_ID)
      errors.push({
        message: `An administrator's login name is 1 to ${MAX_USER_ID} characters.`,
        field: field(name, index),
        code: 'ADMIN_USER_INVALID',
      });
  });
  entities?.forEach((entity, index) => {
    if (entity.name.trim() === '' || entity.dn.trim() === '')
      errors.push({
        message: 'An LDAP entity needs a name and a DN.',
        field: field(name, index),
        code: 'ADMIN_LDAP_ENTITY_INVALID',
      });
  });
  return errors;
}

function roleErrors(roles: readonly number[]): MutationUserError[] {
  if (roles.length < 1 || roles.length > MAX_ROLES) {
    return [
      {
        message: `Give 1 to ${MAX_ROLES} role ids (${roles.length} given).`,
        field: ['input', 'roles'],
        code: 'ROLES_OUT_OF_RANGE',
      },
    ];
  }
  const bad = roles.findIndex((role) => !Number.isSafeInteger(role) || role < 1);
  return bad < 0
    ? []
    : [
        {
          message: `Role ids are positive numbers; ${roles[bad]} is not one.`,
          field: ['input', 'roles', String(bad)],
          code: 'ROLES_OUT_OF_RANGE',
        },
      ];
}

const SAVE_SUCCESS = 'com.mobileiron.vsp.messages.policy.restrictions.in.space.save.success';

export function setDeviceSpacePolicyRestrictions(
  context: GatewayContext,
  options: SpaceMutationOptions & { id: string; restrictions: readonly PolicyRestrictionInput[] },
) {
  const { deviceSpaces } = context.mutations.epmm;
  const spaceId = spaceIdOf(options.id, ['input', 'id']);
  if (options.restrictions.length === 0)
    throw new GatewayError('BAD_USER_INPUT', 'Give at least one policy restriction.', {
      field: ['input', 'restrictions'],
    });
  return runMutation<SpaceRef>(context, {
    operation: 'setDeviceSpacePolicyRestrictions',
    scope: 'admin',
    destructive: false,
    ids: [options.id],
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { id: options.id, restrictions: options.restrictions },
    validate() {
      const types = options.restrictions.map((restriction) => restriction.policyProfileType);
      if (new Set(types).size !== types.length)
        return [
          {
            message: 'Each profile type may appear once.',
            field: ['input', 'restrictions'],
            code: 'RESTRICTION_REPEATED',
          },
        ];
      return [];
    },
    resolve: () => resolveSpace(context, options.id, spaceId, null),
    async send([target]) {
      const messages = await deviceSpaces.assignPolicyRestrictions(context.epmm, spaceId, options.restrictions);
      const saved = messages.find((message) => message.messageKey === SAVE_SUCCESS);
      const result = saved
        ? outcome('SUCCEEDED', 'EPMM saved the policy restrictions of the space.', saved.messageKey)
        : outcome(
            'UNCONFIRMED',
            'EPMM answered without confirming that the restrictions were saved.',
            messages[0]?.messageKey ?? null,
          );
      return new Map([[target.id, result]]);
    },
    // DS08 answers are cached as reference data; EPMM re-evaluates and re-pushes the affected policies itself.
    invalidates: { upstream: 'epmm', resources: ['reference', 'spaces'] },
  });
}
