// Runs one command over a bulk request's devices, in request order, within the admin's device space.
import type { SimDevice, World } from '../fleet/types.js';
import { findInScope, type BulkRequest } from './bulk-request.js';
import { runCommand, type DeviceCommand } from './device-commands.js';
import { ActionOutcome, FAILURE } from './outcomes.js';

export interface BulkRun {
  world: World;
  now: number;
  inScope: (device: SimDevice) => boolean;
  request: BulkRequest;
  forced?: boolean;
}

/** Successes are listed in deviceResults (every command call; label and compliance calls build their own). */
export function runBulk(command: DeviceCommand, run: BulkRun): ActionOutcome {
  const outcome = new ActionOutcome(command.actionType, true);
  for (const uuid of run.request.deviceUuids) {
    // A device in another space is reported exactly like a missing one, so its existence does not leak.
    const device = findInScope(run.world, uuid, run.inScope);
    if (!device) {
      outcome.failure(uuid, FAILURE.deviceNotFound);
      continue;
    }
    const failure = runCommand(command, device, { world: run.world, now: run.now, forced: run.forced });
    if (failure === undefined) outcome.success(uuid);
    else outcome.failure(uuid, failure);
  }
  return outcome;
}
