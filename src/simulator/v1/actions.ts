// What the v1 device actions do (E09-E18, E25). They run the same device commands as v2's actions
// (src/simulator/actions/device-commands.ts), so both APIs change the World alike: a v1 lock makes the device LOCKED
// in a v2 search, a v1 retire of an out-of-contact device leaves it RETIRE_PENDING as a v2 retire would.
import { LOCK, RETIRE, runCommand, UNLOCK, WAKEUP, WIPE, type DeviceCommand } from '../actions/device-commands.js';
import { hashString, SeededRandom } from '../fleet/random.js';
import type { SimDevice, World } from '../fleet/types.js';
import { v1Status } from './status.js';

export type V1Action = 'LOCK' | 'UNLOCK' | 'WAKEUP_DEVICE' | 'RETIRE' | 'WIPE';
export const V1_ACTIONS: readonly V1Action[] = ['LOCK', 'UNLOCK', 'WAKEUP_DEVICE', 'RETIRE', 'WIPE'];

const COMMANDS: Record<V1Action, DeviceCommand> = { LOCK, UNLOCK, WAKEUP_DEVICE: WAKEUP, RETIRE, WIPE };

export interface V1ActionOutcome {
  /** Set when the action cannot apply to the device in its current state: the reason, for the error message. */
  refused?: string;
  /** LOCK on a laptop: the PIN EPMM generated ("not included for Android and iOS devices"). */
  unlockPasscode?: string;
  /** UNLOCK: Q (had a passcode, now cleared), F (had none), NA (not managed, cannot unlock), or a generated PIN. */
  passcodeValue?: string;
}

/** Applies one action; refusals leave the device untouched. */
export function applyV1Action(world: World, device: SimDevice, action: V1Action, now: number): V1ActionOutcome {
  const command = COMMANDS[action];
  // Checked here, not left to runCommand, so that the refusal names the status the way v1 shows it.
  if (!command.states.includes(device.status))
    return { refused: `Action ${action} is not allowed for a device with status ${v1Status(device.status)}.` };
  if (action === 'UNLOCK' && isPhone(device) && !unlockable(device)) return { passcodeValue: 'NA' };
  const hadPasscode = device.status === 'LOCKED' || device.dataProtectionEnabled;
  const failure = runCommand(command, device, { world, now });
  if (failure !== undefined) return { refused: failure };
  if (action === 'LOCK') return isPhone(device) ? {} : { unlockPasscode: generatedPin(device, now) };
  if (action === 'UNLOCK')
    return { passcodeValue: isPhone(device) ? (hadPasscode ? 'Q' : 'F') : generatedPin(device, now) };
  return {};
}

/** iOS needs the MDM profile and Android the device administrator to clear a passcode; otherwise the value is NA. */
function unlockable(device: SimDevice): boolean {
  return device.platform === 'iOS' ? device.mdmManaged : device.deviceAdminEnabled;
}

function isPhone(device: SimDevice): boolean {
  return device.platform === 'iOS' || device.platform === 'Android';
}

/** A 6-digit PIN, like the one macOS's lock command sets; fixed per device and minute so a retry agrees. */
function generatedPin(device: SimDevice, now: number): string {
  return new SeededRandom(hashString(`${device.uuid}/pin/${Math.floor(now / 60_000)}`)).digits(6);
}
