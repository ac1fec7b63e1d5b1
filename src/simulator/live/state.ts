// The live world's clock and the device commands still on their way to devices. Kept per World in a WeakMap, like
// the device-space and Neurons state, so a world that never ticks carries nothing and behaves as generated.
import type { DeviceCommand } from '../actions/device-commands.js';
import type { World } from '../fleet/types.js';

/** A command accepted while the world is live, whose effect shows when the world reaches `dueTick`. */
export interface PendingCommand {
  command: DeviceCommand;
  deviceUuid: string;
  forced: boolean;
  dueTick: number;
}

export interface LiveState {
  /** Ticks run so far. */
  tick: number;
  /** The world's time (epoch ms): the generator's `now`, moved on by every tick. */
  now: number;
  /**
   * Set by the first tick or by starting the tick timer, never cleared: from then on answers use the world's time and
   * device commands are delayed. Before, the simulator answers exactly as a world that never moves.
   */
  active: boolean;
  /** Ticks between a command's acceptance and its effect; 0 applies commands at once even while live. */
  actionDelayTicks: number;
  /** In acceptance order. */
  pending: PendingCommand[];
}

export const DEFAULT_ACTION_DELAY_TICKS = 2;

const STATES = new WeakMap<World, LiveState>();

/** The world's live state, created on first use. */
export function liveState(world: World): LiveState {
  let state = STATES.get(world);
  if (!state) {
    state = {
      tick: 0,
      now: world.generatedAt,
      active: false,
      actionDelayTicks: DEFAULT_ACTION_DELAY_TICKS,
      pending: [],
    };
    STATES.set(world, state);
  }
  return state;
}

/**
 * The time a request is answered at: the world's own once it is live (so a command's dates agree with the check-ins
 * around it), the wall clock before, as the simulator always answered.
 */
export function worldNow(world: World, wallClock: number): number {
  const state = STATES.get(world);
  return state?.active ? state.now : wallClock;
}

/** Queues the command when the live world delays commands; false means the caller applies it now. */
export function deferCommand(world: World, command: DeviceCommand, deviceUuid: string, forced: boolean): boolean {
  const state = STATES.get(world);
  if (!state?.active || state.actionDelayTicks === 0) return false;
  state.pending.push({ command, deviceUuid, forced, dueTick: state.tick + state.actionDelayTicks });
  return true;
}
