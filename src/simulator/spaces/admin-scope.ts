// The spaces a device-space call may read or change: the subtree of the caller's `adminDeviceSpaceId`, which
// must be one of the admin's own spaces (or below one), as for device calls (device-scope.ts). The
// documents default the parameter to 0; 0 or absent means the admin's first space.
import type { SimAdmin, SimDeviceSpace, World } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';
import { epmmError } from '../http/respond.js';
import { spaceSubtree } from './device-scope.js';

export interface SpaceScope {
  /** The space the admin acts in ("the current device space" of DS05). */
  current: number;
  /** Ids the call may see or change. */
  visible: Set<number>;
}

export function spaceScope(world: World, admin: SimAdmin, adminDeviceSpaceId: number | undefined): SpaceScope {
  const current = adminDeviceSpaceId === undefined || adminDeviceSpaceId === 0 ? admin.spaceIds[0] : adminDeviceSpaceId;
  const allowed = new Set(admin.spaceIds.flatMap((id) => [...spaceSubtree(world, id)]));
  if (current === undefined || !allowed.has(current)) throw accessDenied(current ?? 0);
  return { current, visible: spaceSubtree(world, current) };
}

/** The space by id: 404 when there is none, 403 when it is outside the caller's scope. */
export function spaceInScope(world: World, scope: SpaceScope, id: number): SimDeviceSpace {
  const space = world.spaces.find((candidate) => candidate.id === id);
  if (!space)
    throw new SimHttpError(
      404,
      epmmError('com.mobileiron.vsp.messages.device.space.not.found', `Device space ${id} not found.`, [id]),
    );
  if (!scope.visible.has(id)) throw accessDenied(id);
  return space;
}

export function accessDenied(id: number): SimHttpError {
  return new SimHttpError(
    403,
    epmmError('com.mobileiron.vsp.messages.access.denied', `Access denied to device space ${id}.`, [id]),
  );
}

export function validationError(message: string, param?: string): SimHttpError {
  return new SimHttpError(
    400,
    epmmError('com.mobileiron.vsp.messages.validation.failure', message, param === undefined ? undefined : [param]),
  );
}
