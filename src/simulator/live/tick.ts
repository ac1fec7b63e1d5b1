// One step of the world's life. Everything random in a tick draws from streams seeded by the world's seed and the
// tick's number alone, so the same seed, the same ticks and the same requests in between give the same world
// (docs/decisions.md "A live simulator").
import { checkIn, REACHABLE_STATES } from '../actions/device-commands.js';
import { hashString, SeededRandom } from '../fleet/random.js';
import type { SimDevice, World } from '../fleet/types.js';
import { completeDueCommands } from './complete-commands.js';
import { driftCompliance } from './compliance-drift.js';
import { raiseAlerts, type Violation } from './raise-alerts.js';
import { liveState } from './state.js';

/** Chance, per tick, that a managed device in contact checks in. */
export const CHECK_IN_RATE = 0.02;
/** The same for a device out of contact: most stay away. */
export const RETURN_RATE = 0.001;

export interface TickCounts {
  checkIns: number;
  /** Devices whose noncompliance reasons changed (a check-in ends OUT_OF_CONTACT; drift adds or fixes one). */
  complianceChanges: number;
  /** Devices quarantined or released. */
  quarantineChanges: number;
  alertsRaised: number;
  /** Queued device commands that took effect. */
  actionsCompleted: number;
  /** Queued device commands the device could no longer take. */
  actionsRefused: number;
}

export function emptyCounts(): TickCounts {
  return {
    checkIns: 0,
    complianceChanges: 0,
    quarantineChanges: 0,
    alertsRaised: 0,
    actionsCompleted: 0,
    actionsRefused: 0,
  };
}

/** Moves the world on by one tick of `stepMs` of world time and says what changed. */
export function tickWorld(world: World, stepMs: number): TickCounts {
  const state = liveState(world);
  state.active = true;
  state.tick += 1;
  state.now += stepMs;
  const counts = emptyCounts();
  const actions = completeDueCommands(world, state);
  counts.actionsCompleted = actions.completed;
  counts.actionsRefused = actions.refused;

  const checkIns = stream(world, state.tick, 'check-ins');
  const drift = stream(world, state.tick, 'compliance');
  const violations: Violation[] = [];
  const context = { world, now: state.now };
  for (const device of world.devices) {
    if (!REACHABLE_STATES.includes(device.status)) continue;
    const away = device.noncomplianceReasons.includes('OUT_OF_CONTACT');
    if (!checkIns.chance(away ? RETURN_RATE : CHECK_IN_RATE)) continue;
    const before = snapshot(device);
    checkIn(device, context);
    counts.checkIns += 1;
    // A check-in that finished a retirement leaves nothing to evaluate.
    if (REACHABLE_STATES.includes(device.status)) {
      for (const reason of driftCompliance(drift, device).gained) violations.push({ device, reason });
    }
    if (device.noncomplianceReasons.join() !== before.reasons) counts.complianceChanges += 1;
    if (device.quarantined !== before.quarantined) counts.quarantineChanges += 1;
  }
  counts.alertsRaised = raiseAlerts(world, stream(world, state.tick, 'alerts'), state.now, violations);
  return counts;
}

/** One stream per concern, so a change in how often one thing happens does not reshuffle the others. */
function stream(world: World, tick: number, concern: string): SeededRandom {
  return new SeededRandom(hashString(`${world.seed}/${tick}/${concern}`));
}

function snapshot(device: SimDevice) {
  return { reasons: device.noncomplianceReasons.join(), quarantined: device.quarantined };
}
