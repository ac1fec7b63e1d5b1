// EPMM device-space lifecycle on the shared pipeline: create and update (DS04), delete (DS05, destructive),
// priority (DS10) and evaluation (DS11). Spaces are checked against the caller's DS01 list before anything is
// sent; what EPMM alone can judge (a name clash in a space the caller cannot see, a non-sibling, a space with
// children) comes back as FAILED with EPMM's message key.
import type { GatewayContext } from '../context.js';
import type { ResourceClass } from '../cache/shared-cache.js';
import type { DeviceSpaceModel } from '../models/device-space.js';
import {
  checkCriteria,
  nameErrors,
  resolveSpace,
  spaceIdOf,
  visibleSpace,
  type SpaceRef,
} from './device-space-targets.js';
import { outcome } from './item-outcome.js';
import { runMutation, type MutationUserError } from './run-mutation.js';

export interface SpaceMutationOptions {
  note?: string | null;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

/** Space changes move devices between spaces (criteria, order, deletion), so device entries go stale too. */
const MOVES_DEVICES: { upstream: 'epmm'; resources: readonly ResourceClass[] } = {
  upstream: 'epmm',
  resources: ['spaces', 'reference', 'device'],
};
const PENDING = 'It stays PENDING until the device spaces are evaluated (evaluateDeviceSpaces).';

const pipeline = (options: SpaceMutationOptions) => ({
  note: options.note,
  dryRun: options.dryRun,
  idempotencyKey: options.idempotencyKey,
});

export function createDeviceSpace(
  context: GatewayContext,
  options: SpaceMutationOptions & { name: string; parentId?: string | null; criteria: string },
) {
  const { deviceSpaces } = context.mutations.epmm;
  const parentId = options.parentId
    ? spaceIdOf(options.parentId, ['input', 'parentId'])
    : context.epmm.adminDeviceSpaceId;
  const name = options.name.trim();
  let criteria = '';
  return runMutation<SpaceRef>(context, {
    operation: 'createDeviceSpace',
    scope: 'admin',
    destructive: false,
    ids: [name],
    ...pipeline(options),
    input: { name, parentId: options.parentId ?? null, criteria: options.criteria },
    async validate() {
      const errors = nameErrors(name, await context.loaders.deviceSpaceList(), null);
      if (!(await visibleSpace(context, parentId))) errors.push(parentNotFound());
      const checked = await checkCriteria(context, options.criteria, ['input', 'criteria']);
      if ('errors' in checked) errors.push(...checked.errors);
      else criteria = checked.criteria;
      return errors;
    },
    resolve: async () => new Map([[name, { id: name, key: name, value: { spaceId: null } }]]),
    async send([target]) {
      const id = await deviceSpaces.saveDeviceSpace(context.epmm, { name, parentId, criteria });
      target.value.spaceId = id;
      return new Map([[target.id, outcome('SUCCEEDED', `Created device space ${id}. ${PENDING}`)]]);
    },
    invalidates: MOVES_DEVICES,
  });
}

export function updateDeviceSpace(
  context: GatewayContext,
  options: SpaceMutationOptions & { id: string; name?: string | null; parentId: string; criteria?: string | null },
) {
  const { deviceSpaces } = context.mutations.epmm;
  const spaceId = spaceIdOf(options.id, ['input', 'id']);
  const parentId = spaceIdOf(options.parentId, ['input', 'parentId']);
  let criteria: string | undefined;
  let current: DeviceSpaceModel | null = null;
  return runMutation<SpaceRef>(context, {
    operation: 'updateDeviceSpace',
    scope: 'admin',
    destructive: false,
    ids: [options.id],
    ...pipeline(options),
    input: {
      id: options.id,
      name: options.name ?? null,
      parentId: options.parentId,
      criteria: options.criteria ?? null,
    },
    async validate() {
      const errors: MutationUserError[] = [];
      if (options.name != null)
        errors.push(...nameErrors(options.name, await context.loaders.deviceSpaceList(), spaceId));
      if (parentId === spaceId)
        errors.push({
          message: 'A device space cannot be its own parent.',
          field: ['input', 'parentId'],
          code: 'PARENT_INVALID',
        });
      else if (!(await visibleSpace(context, parentId))) errors.push(parentNotFound());
      if (options.criteria != null) {
        const checked = await checkCriteria(context, options.criteria, ['input', 'criteria']);
        if ('errors' in checked) errors.push(...checked.errors);
        else criteria = checked.criteria;
      }
      return errors;
    },
    async resolve() {
      current = await visibleSpace(context, spaceId);
      return resolveSpace(context, options.id, spaceId, 'The Global device space cannot be changed.');
    },
    async send([target]) {
      // DS04 replaces name, parent and criteria together: what the client left out is resent as EPMM lists it.
      const name = options.name?.trim() ?? current!.name;
      const kept = criteria ?? current!.listing?.criteria;
      if (kept === undefined)
        return new Map([
          [
            target.id,
            outcome('SKIPPED', "EPMM's space list did not give the space's criteria: send them with the update."),
          ],
        ]);
      await deviceSpaces.saveDeviceSpace(context.epmm, { id: spaceId, name, parentId, criteria: kept });
      return new Map([[target.id, outcome('SUCCEEDED', `Updated device space ${spaceId}. ${PENDING}`)]]);
    },
    invalidates: MOVES_DEVICES,
  });
}

export function deleteDeviceSpace(context: GatewayContext, options: SpaceMutationOptions & { id: string }) {
  const { deviceSpaces } = context.mutations.epmm;
  const spaceId = spaceIdOf(options.id, ['input', 'id']);
  return runMutation<SpaceRef>(context, {
    operation: 'deleteDeviceSpace',
    // Destructive adds the 'destructive' scope to this one (run-mutation.ts): deleting a space needs both.
    scope: 'admin',
    destructive: true,
    ids: [options.id],
    ...pipeline(options),
    input: { id: options.id },
    resolve: () => resolveSpace(context, options.id, spaceId, 'The Global device space cannot be deleted.'),
    async send([target]) {
      const marked = await deviceSpaces.deleteDeviceSpace(context.epmm, spaceId);
      const result =
        marked === spaceId
          ? outcome(
              'SUCCEEDED',
              'Marked for deletion: EPMM deletes the space at the next evaluateDeviceSpaces, or within a few hours.',
            )
          : outcome(
              'UNCONFIRMED',
              `EPMM reports device space ${marked} marked for deletion, not ${spaceId}: check both.`,
            );
      return new Map([[target.id, result]]);
    },
    // Marking moves no device yet (evaluation does), but the space's status and the viewer's spaces change.
    invalidates: { upstream: 'epmm', resources: ['spaces', 'reference'] },
  });
}

export function changeDeviceSpacePriority(
  context: GatewayContext,
  options: SpaceMutationOptions & { id: string; placeBelowId?: string | null },
) {
  const { deviceSpaces } = context.mutations.epmm;
  const spaceId = spaceIdOf(options.id, ['input', 'id']);
  // EPMM's 0: "no other spaces above it" among its siblings.
  const aboveId = options.placeBelowId ? spaceIdOf(options.placeBelowId, ['input', 'placeBelowId']) : 0;
  return runMutation<SpaceRef>(context, {
    operation: 'changeDeviceSpacePriority',
    scope: 'admin',
    destructive: false,
    ids: [options.id],
    ...pipeline(options),
    input: { id: options.id, placeBelowId: options.placeBelowId ?? null },
    async validate() {
      if (aboveId === 0) return [];
      if (aboveId === spaceId)
        return [
          {
            message: 'A device space cannot be placed below itself.',
            field: ['input', 'placeBelowId'],
            code: 'PLACE_BELOW_INVALID',
          },
        ];
      return (await visibleSpace(context, aboveId))
        ? []
        : [
            {
              message: 'No such device space is visible to you.',
              field: ['input', 'placeBelowId'],
              code: 'PLACE_BELOW_NOT_FOUND',
            },
          ];
    },
    resolve: () =>
      resolveSpace(context, options.id, spaceId, 'The priority of the Global device space cannot be changed.'),
    async send([target]) {
      const detail = await deviceSpaces.changePriority(context.epmm, spaceId, aboveId);
      return new Map([
        [
          target.id,
          outcome('SUCCEEDED', `Device space ${detail.id} is now at priority ${detail.priority} (${detail.status}).`),
        ],
      ]);
    },
    invalidates: MOVES_DEVICES,
  });
}

/** The pseudo-item of an evaluation: DS11 takes no space, it evaluates all of them. */
export const ALL_DEVICE_SPACES = 'allDeviceSpaces';

export function evaluateDeviceSpaces(context: GatewayContext, options: SpaceMutationOptions) {
  const { deviceSpaces } = context.mutations.epmm;
  return runMutation<SpaceRef>(context, {
    operation: 'evaluateDeviceSpaces',
    scope: 'admin',
    destructive: false,
    ids: [ALL_DEVICE_SPACES],
    ...pipeline(options),
    input: {},
    resolve: async () => new Map([[ALL_DEVICE_SPACES, { id: ALL_DEVICE_SPACES, key: '*', value: { spaceId: null } }]]),
    async send([target]) {
      await deviceSpaces.evaluate(context.epmm);
      return new Map([
        [
          target.id,
          outcome(
            'SUCCEEDED',
            'EPMM evaluated the device spaces: spaces marked for deletion are gone and the others settle.',
          ),
        ],
      ]);
    },
    // Deleted spaces hand their devices to the next matching space.
    invalidates: MOVES_DEVICES,
  });
}

function parentNotFound(): MutationUserError {
  return {
    message: 'No such parent device space is visible to you.',
    field: ['input', 'parentId'],
    code: 'PARENT_NOT_FOUND',
  };
}
