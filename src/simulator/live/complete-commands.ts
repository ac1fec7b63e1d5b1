// Device commands reaching their devices: each command queued by live/state.ts whose tick has come takes effect now,
// unless the device changed meanwhile so that it can no longer take it (wiped before a queued lock, deleted).
import { checkCommand } from '../actions/device-commands.js';
import type { World } from '../fleet/types.js';
import type { LiveState } from './state.js';

export interface Completed {
  completed: number;
  refused: number;
}

export function completeDueCommands(world: World, state: LiveState): Completed {
  const result: Completed = { completed: 0, refused: 0 };
  const due = state.pending.filter((pending) => pending.dueTick <= state.tick);
  if (due.length === 0) return result;
  state.pending = state.pending.filter((pending) => pending.dueTick > state.tick);
  for (const { command, deviceUuid, forced } of due) {
    const device = world.devicesByUuid.get(deviceUuid);
    const context = { world, now: state.now, forced };
    const failure = device ? (checkCommand(command, device, context) ?? command.apply(device, context)) : 'deleted';
    if (failure === undefined) result.completed += 1;
    else result.refused += 1;
  }
  return result;
}
