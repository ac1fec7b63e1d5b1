import type { SimAdmin, SimDevice, World } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';
import { epmmError } from '../http/respond.js';

/** The ids of a space and all spaces below it (spaces nest by their `path`, e.g. "/1/2/"). */
export function spaceSubtree(world: World, spaceId: number): Set<number> {
  const root = world.spaces.find((space) => space.id === spaceId);
  if (!root) return new Set();
  return new Set(world.spaces.filter((space) => space.path.startsWith(root.path)).map((space) => space.id));
}

/**
 * Checks `adminDeviceSpaceId` against the caller's own spaces and returns a visibility test for devices.
 * An admin may name one of their spaces or a space below it; anything else is 403, so a client can never
 * widen its view by choosing the parameter.
 */
export function deviceScope(
  world: World,
  admin: SimAdmin,
  adminDeviceSpaceId: number | undefined,
): (device: SimDevice) => boolean {
  if (adminDeviceSpaceId === undefined) {
    throw new SimHttpError(
      400,
      epmmError('com.mobileiron.vsp.messages.validation.failure', 'adminDeviceSpaceId: Required parameter is missing.'),
    );
  }
  const allowed = new Set(admin.spaceIds.flatMap((id) => [...spaceSubtree(world, id)]));
  if (!allowed.has(adminDeviceSpaceId)) {
    throw new SimHttpError(
      403,
      epmmError('com.mobileiron.vsp.messages.access.denied', `Access denied to device space ${adminDeviceSpaceId}.`, [
        adminDeviceSpaceId,
      ]),
    );
  }
  const visible = spaceSubtree(world, adminDeviceSpaceId);
  return (device) => visible.has(device.spaceId);
}
