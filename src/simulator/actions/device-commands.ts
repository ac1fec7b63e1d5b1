// What each device command does to the one World, so later reads see it: a lock shows LOCKED in search,
// a retire RETIRED (and V05 may then delete the device), a wake-up a fresh check-in.
import type { DeviceStatus, Platform, SimDevice, World } from '../fleet/types.js';
import { deferCommand } from '../live/state.js';
import { FAILURE } from './outcomes.js';

export interface CommandContext {
  world: World;
  now: number;
  /** V21 `additionalParameters.isActionForced`. */
  forced?: boolean;
}

export interface DeviceCommand {
  actionType: string;
  /** Platforms the command exists for; absent = all. */
  platforms?: readonly Platform[];
  /** States in which the device can receive the command. */
  states: readonly DeviceStatus[];
  /** A refusal beyond platform and state, decided when the command is sent; undefined accepts it. */
  refuse?(device: SimDevice, context: CommandContext): string | undefined;
  /**
   * The effect needs the device to act on the command, so a live world shows it only some ticks after EPMM
   * accepted it (live/state.ts); the others change only the server's own records and apply at once.
   */
  awaitsDevice?: boolean;
  /** Applies the command; returns a failure text when the device refuses it. */
  apply(device: SimDevice, context: CommandContext): string | undefined;
}

/** Enrolled devices that answer MDM commands; wiped and retired devices no longer do, pending ones never did. */
export const REACHABLE_STATES: readonly DeviceStatus[] = ['ACTIVE', 'LOCKED', 'RETIRE_PENDING'];
const MOBILE: readonly Platform[] = ['iOS', 'Android'];

function touch(device: SimDevice, context: CommandContext): void {
  device.modifiedAt = context.now;
}

/** Devices that are no longer managed carry no violations (as fleet/compliance.ts generates them). */
function stopEvaluating(device: SimDevice): void {
  device.noncomplianceReasons = [];
  device.quarantined = false;
  device.quarantinedReasons = [];
}

/** A check-in: the device reports now, is no longer out of contact, and finishes a pending retirement. */
export function checkIn(device: SimDevice, context: CommandContext): void {
  const at = new Date(Math.floor(context.now / 1000) * 1000).toISOString();
  device.lastCheckinAt = at;
  if (device.clientName !== null) device.clientLastCheckinAt = at;
  device.noncomplianceReasons = device.noncomplianceReasons.filter((reason) => reason !== 'OUT_OF_CONTACT');
  if (device.status === 'RETIRE_PENDING') retireNow(device, context);
}

function retireNow(device: SimDevice, context: CommandContext): void {
  device.status = 'RETIRED';
  stopEvaluating(device);
  touch(device, context);
  // EPMM flags the device's ActiveSync partnerships as trash (the V12 "Retired" column).
  for (const partnership of context.world.activeSyncDevices)
    if (partnership.miDeviceUuid === device.uuid) partnership.retired = true;
}

const noChange = (): undefined => undefined;

export const LOCK: DeviceCommand = {
  actionType: 'LOCK',
  states: ['ACTIVE', 'LOCKED'],
  awaitsDevice: true,
  apply(device, context) {
    device.status = 'LOCKED';
    touch(device, context);
    return undefined;
  },
};

export const UNLOCK: DeviceCommand = {
  actionType: 'UNLOCK',
  states: ['ACTIVE', 'LOCKED'],
  awaitsDevice: true,
  apply(device, context) {
    device.status = 'ACTIVE';
    touch(device, context);
    return undefined;
  },
};

export const WAKEUP: DeviceCommand = {
  actionType: 'WAKEUP_DEVICE',
  states: REACHABLE_STATES,
  awaitsDevice: true,
  apply(device, context) {
    checkIn(device, context);
    return undefined;
  },
};

export const WIPE: DeviceCommand = {
  actionType: 'WIPE',
  states: REACHABLE_STATES,
  awaitsDevice: true,
  apply(device, context) {
    device.status = 'WIPED';
    stopEvaluating(device);
    touch(device, context);
    return undefined;
  },
};

/**
 * Retire: an out-of-contact device cannot acknowledge, so it stays RETIRE_PENDING until it checks in (a wake-up)
 * or an admin forces it (000's isActionForced); everything else is retired at once.
 */
export const RETIRE: DeviceCommand = {
  actionType: 'RETIRE',
  states: ['ACTIVE', 'LOCKED', 'PENDING', 'WIPED', 'RETIRE_PENDING'],
  awaitsDevice: true,
  refuse: (device, context) =>
    device.status === 'RETIRE_PENDING' && !context.forced ? FAILURE.retirePending : undefined,
  apply(device, context) {
    const reachable = device.status === 'ACTIVE' || device.status === 'LOCKED';
    if (reachable && !context.forced && device.noncomplianceReasons.includes('OUT_OF_CONTACT')) {
      device.status = 'RETIRE_PENDING';
      touch(device, context);
      return undefined;
    }
    retireNow(device, context);
    return undefined;
  },
};

export const SEND_MESSAGE: DeviceCommand = {
  actionType: 'SEND_MESSAGE',
  states: ['ACTIVE', 'LOCKED'],
  apply: noChange,
};

/** V03's action types, with the platforms the document gives each. */
export const V03_COMMANDS: Readonly<Record<string, DeviceCommand>> = {
  ENABLE_VOICE_ROAMING: {
    actionType: 'ENABLE_VOICE_ROAMING',
    platforms: ['iOS'],
    states: ['ACTIVE', 'LOCKED'],
    apply: noChange,
  },
  DISABLE_VOICE_ROAMING: {
    actionType: 'DISABLE_VOICE_ROAMING',
    platforms: ['iOS'],
    states: ['ACTIVE', 'LOCKED'],
    apply: noChange,
  },
  ENABLE_DATA_ROAMING: {
    actionType: 'ENABLE_DATA_ROAMING',
    platforms: ['iOS'],
    states: ['ACTIVE', 'LOCKED'],
    apply: noChange,
  },
  DISABLE_DATA_ROAMING: {
    actionType: 'DISABLE_DATA_ROAMING',
    platforms: ['iOS'],
    states: ['ACTIVE', 'LOCKED'],
    apply: noChange,
  },
  ENABLE_PERSONAL_HOTSPOT: {
    actionType: 'ENABLE_PERSONAL_HOTSPOT',
    platforms: ['iOS'],
    states: ['ACTIVE', 'LOCKED'],
    apply: noChange,
  },
  DISABLE_PERSONAL_HOTSPOT: {
    actionType: 'DISABLE_PERSONAL_HOTSPOT',
    platforms: ['iOS'],
    states: ['ACTIVE', 'LOCKED'],
    apply: noChange,
  },
  SEND_MESSAGE: { ...SEND_MESSAGE, platforms: MOBILE },
  UPDATE_OS: {
    actionType: 'UPDATE_OS',
    platforms: ['iOS'],
    states: ['ACTIVE', 'LOCKED'],
    apply: (device, context) => (touch(device, context), undefined),
  },
  UNLOCK_APP_CONNECT_CONTAINER: {
    actionType: 'UNLOCK_APP_CONNECT_CONTAINER',
    platforms: ['Android'],
    states: ['ACTIVE', 'LOCKED'],
    apply: noChange,
  },
  UNLOCK_DEVICE_ONLY: { ...UNLOCK, actionType: 'UNLOCK_DEVICE_ONLY', platforms: MOBILE },
};

/** Whether the device can take the command now: the failure text, or undefined. */
export function checkCommand(command: DeviceCommand, device: SimDevice, context: CommandContext): string | undefined {
  if (command.platforms && !command.platforms.includes(device.platform)) return FAILURE.platform(device.platform);
  if (!command.states.includes(device.status)) return FAILURE.state(device.status);
  return command.refuse?.(device, context);
}

/**
 * Checks, then applies, or, for a command that awaits the device in a live world, queues it: the caller answers
 * success either way, as EPMM accepts a command before the device has acted on it. Returns the failure text if any.
 */
export function runCommand(command: DeviceCommand, device: SimDevice, context: CommandContext): string | undefined {
  const failure = checkCommand(command, device, context);
  if (failure !== undefined) return failure;
  if (command.awaitsDevice && deferCommand(context.world, command, device.uuid, context.forced ?? false))
    return undefined;
  return command.apply(device, context);
}
