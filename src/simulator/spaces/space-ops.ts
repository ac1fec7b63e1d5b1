// The state changes behind DS04 (create/update), DS05 (mark for deletion), DS10 (priority) and DS11 (evaluate).
// Every change that can move devices re-runs the assignment at once, so a device search right after a change
// already reflects it; `status` PENDING only records that DS11 has not yet been run since.
import type { SimDeviceSpace, World } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';
import { epmmError } from '../http/respond.js';
import { parseAdvancedQuery, SearchSyntaxError } from '../search/index.js';
import { spaceInScope, validationError, type SpaceScope } from './admin-scope.js';
import { resolveCriteriaField } from './criteria-fields.js';
import { reassignDevices } from './membership.js';
import { spaceState } from './space-state.js';

const PARSE_FAILURE = 'com.mobileiron.vsp.messages.advancedsearch.parse.failure';

export interface SpaceInput {
  id?: number;
  name: string;
  parentId: number;
  criteria: string;
}

/** DS04: creates a space (lowest priority among all) or, with `id`, replaces its name, parent and criteria. */
export function upsertSpace(world: World, scope: SpaceScope, input: SpaceInput): SimDeviceSpace {
  checkCriteria(input.criteria);
  const parent = spaceInScope(world, scope, input.parentId);
  const state = spaceState(world);
  if (state.markedForDeletion.has(parent.id))
    throw validationError(`parentId: device space ${parent.id} is marked for deletion.`, 'parentId');
  const target = input.id === undefined ? undefined : spaceInScope(world, scope, input.id);
  if (target && target.parentId === null) throw validationError('The Global device space cannot be changed.', 'id');
  if (target && parent.path.startsWith(target.path))
    throw validationError('parentId: a device space cannot be placed below itself.', 'parentId');
  const name = input.name.trim();
  const clash = world.spaces.find((space) => space !== target && space.name.toLowerCase() === name.toLowerCase());
  if (clash) {
    throw new SimHttpError(
      400,
      epmmError(
        'com.mobileiron.vsp.messages.device.space.name.not.unique',
        `A device space named ${name} already exists.`,
        [name],
      ),
    );
  }

  let space: SimDeviceSpace;
  if (target) {
    const oldPath = target.path;
    target.name = name;
    target.criteria = input.criteria;
    target.parentId = parent.id;
    target.status = 'PENDING';
    const newPath = `${parent.path}${target.id}/`;
    // Moving a space moves its descendants' paths with it.
    for (const other of world.spaces)
      if (other.path.startsWith(oldPath)) other.path = newPath + other.path.slice(oldPath.length);
    space = target;
  } else {
    const id = state.nextId++;
    space = {
      id,
      name,
      description: null, // DS04 has no description input
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      priority: Math.max(...world.spaces.map((other) => other.priority)) + 1,
      criteria: input.criteria,
      countryCodes: [], // criteria-driven: membership comes from spaces/membership.ts, not from countries
      status: 'PENDING',
    };
    world.spaces.push(space);
  }
  reassignDevices(world);
  return space;
}

/** DS05: marks the space; DS11 deletes it. */
export function markForDeletion(world: World, scope: SpaceScope, id: number): SimDeviceSpace {
  const space = spaceInScope(world, scope, id);
  if (space.parentId === null) throw validationError('The Global device space cannot be deleted.', 'id');
  if (world.spaces.some((other) => other.parentId === space.id)) {
    throw validationError(`Device space ${space.id} has child device spaces; delete them first.`, 'id');
  }
  spaceState(world).markedForDeletion.add(space.id);
  space.status = 'PENDING';
  return space;
}

/**
 * DS10: places the space directly below `aboveId` among its siblings (0 = first). Priorities stay one total
 * order, Global first at 1, renumbered without gaps; only sibling order decides where a device goes.
 */
export function changePriority(world: World, scope: SpaceScope, id: number, aboveId: number): SimDeviceSpace {
  const target = spaceInScope(world, scope, id);
  if (target.parentId === null)
    throw validationError('The priority of the Global device space cannot be changed.', 'deviceSpaceId');
  const ordered = [...world.spaces].sort((a, b) => rank(a) - rank(b)).filter((space) => space !== target);
  let index: number;
  if (aboveId === 0) {
    const firstSibling = ordered.findIndex((space) => space.parentId === target.parentId);
    index = firstSibling >= 0 ? firstSibling : ordered.findIndex((space) => space.id === target.parentId) + 1;
  } else {
    const above = spaceInScope(world, scope, aboveId);
    if (above === target || above.parentId !== target.parentId) {
      throw validationError(
        `deviceSpaceIdAboveMe: device space ${aboveId} is not a sibling of device space ${id}.`,
        'deviceSpaceIdAboveMe',
      );
    }
    index = ordered.indexOf(above) + 1;
  }
  ordered.splice(index, 0, target);
  ordered.forEach((space, position) => {
    space.priority = position + 1;
  });
  target.status = 'PENDING';
  reassignDevices(world);
  return target;
}

/** DS11: deletes the marked spaces (their devices fall to the next matching space) and settles every status. */
export function evaluateSpaces(world: World): void {
  const state = spaceState(world);
  for (const id of state.markedForDeletion) {
    const index = world.spaces.findIndex((space) => space.id === id);
    if (index >= 0) world.spaces.splice(index, 1);
    state.assignments.delete(id);
    state.restrictions.delete(id);
    for (const admin of world.admins) {
      const at = admin.spaceIds.indexOf(id);
      if (at >= 0) admin.spaceIds.splice(at, 1);
    }
  }
  state.markedForDeletion.clear();
  for (const space of world.spaces) space.status = 'ACTIVE';
  reassignDevices(world);
}

function checkCriteria(criteria: string): void {
  try {
    parseAdvancedQuery(criteria, resolveCriteriaField);
  } catch (error) {
    if (!(error instanceof SearchSyntaxError)) throw error;
    throw new SimHttpError(400, epmmError(PARSE_FAILURE, error.message, [error.token, error.position]));
  }
}

/** Global first whatever its number, then by priority. */
function rank(space: SimDeviceSpace): number {
  return space.parentId === null ? Number.NEGATIVE_INFINITY : space.priority;
}
