// The Event Center alerts a tick raises (served by the v1 alert routes, E37-E40): a policy-violation alert for each
// device that fell out of compliance, and now and then another event of a kind the device can have (roaming, data
// threshold and SIM swaps need a SIM).
import { REACHABLE_STATES } from '../actions/device-commands.js';
import { raiseAlert, type AlertType } from '../fleet/alerts.js';
import type { SeededRandom, Weighted } from '../fleet/random.js';
import type { SimDevice, World } from '../fleet/types.js';

/** Chance, per managed device and tick, of an alert other than a policy violation. */
export const BACKGROUND_ALERT_RATE = 0.002;

const ANY_DEVICE: readonly Weighted<AlertType>[] = [
  ['MEMORY_SIZE_EXCEEDED_ALERT', 20],
  ['SYSTEM_ALERT', 10],
];
const WITH_SIM: readonly Weighted<AlertType>[] = [
  ...ANY_DEVICE,
  ['INTERNATIONAL_ROAMING_ALERT', 15],
  ['THRESHOLD_REACHED_ALERT', 12],
  ['SIM_CHANGED_ALERT', 8],
];

export interface Violation {
  device: SimDevice;
  reason: string;
}

/** Appends the tick's alerts to the world, ids continuing the list's; returns how many were raised. */
export function raiseAlerts(world: World, rng: SeededRandom, at: number, violations: readonly Violation[]): number {
  const before = world.alerts.length;
  for (const { device, reason } of violations) add(world, rng, device, 'POLICY_VIOLATIONS_ALERT', at, reason);
  for (const device of world.devices) {
    if (!REACHABLE_STATES.includes(device.status) || !rng.chance(BACKGROUND_ALERT_RATE)) continue;
    add(world, rng, device, rng.weighted(device.phoneNumber ? WITH_SIM : ANY_DEVICE), at);
  }
  return world.alerts.length - before;
}

function add(world: World, rng: SeededRandom, device: SimDevice, type: AlertType, at: number, violation?: string) {
  const id = (world.alerts.at(-1)?.id ?? 0) + 1;
  const owner = world.usersByUuid.get(device.userUuid);
  const alert = raiseAlert(rng, { id, device, owner, type, at, violation });
  world.alerts.push(alert);
  world.alertsById.set(id, alert);
}
