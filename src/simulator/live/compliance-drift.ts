// How a device's compliance moves when it checks in (the moment EPMM re-evaluates it): each violation the device can
// have may appear or, if present, be fixed. The invariants of fleet/compliance.ts hold after every change:
// compliant ⇔ no reasons, compromised ⇔ COMPROMISED, quarantined ⇒ at least one quarantine trigger among its reasons.
import { QUARANTINE_RATE, QUARANTINE_TRIGGERS, type NoncomplianceReason } from '../fleet/compliance.js';
import { isOsOutdated } from '../fleet/hardware.js';
import type { SeededRandom } from '../fleet/random.js';
import type { SimDevice } from '../fleet/types.js';

interface ReasonDrift {
  reason: NoncomplianceReason;
  /** Chance per check-in that the violation appears on a device without it. */
  appear: number;
  /** Chance per check-in that it is fixed on a device with it. */
  fix: number;
  applies(device: SimDevice): boolean;
}

const mobile = (device: SimDevice) => device.platform === 'iOS' || device.platform === 'Android';

/**
 * Per reason, appear / (appear + fix) is the share fleet/compliance.ts generates (passcode 4%, app 3%, device admin 3%,
 * compromise 2% of phones, 30% of outdated OSes), so a fleet ticking for hours keeps the mix it started with. A
 * compromise or a removed device administrator is fixed more slowly than what the user corrects in a minute.
 * In the order fleet/compliance.ts lists reasons, which the device's list keeps.
 */
export const REASON_DRIFT: readonly ReasonDrift[] = [
  { reason: 'COMPROMISED', appear: 0.0005, fix: 0.025, applies: mobile },
  { reason: 'DEVICE_ADMIN_DEACTIVE', appear: 0.003, fix: 0.1, applies: () => true },
  {
    reason: 'OS_VERSION_OUT_OF_DATE',
    appear: 0.1,
    fix: 0.25,
    applies: (device) => isOsOutdated(device.platform, device.osVersion),
  },
  { reason: 'PASSCODE_NOT_COMPLIANT', appear: 0.01, fix: 0.25, applies: () => true },
  { reason: 'DISALLOWED_APP', appear: 0.008, fix: 0.25, applies: mobile },
];
const ORDER: readonly string[] = [
  'COMPROMISED',
  'DEVICE_ADMIN_DEACTIVE',
  'OS_VERSION_OUT_OF_DATE',
  'PASSCODE_NOT_COMPLIANT',
  'OUT_OF_CONTACT',
  'DISALLOWED_APP',
];

export interface Drift {
  gained: NoncomplianceReason[];
  fixed: NoncomplianceReason[];
}

/** One draw per reason, in REASON_DRIFT's order, whether it applies or not, so draws line up across devices. */
export function driftCompliance(rng: SeededRandom, device: SimDevice): Drift {
  const drift: Drift = { gained: [], fixed: [] };
  for (const entry of REASON_DRIFT) {
    const roll = rng.next();
    if (!entry.applies(device)) continue;
    const has = device.noncomplianceReasons.includes(entry.reason);
    if (has && roll < entry.fix) drift.fixed.push(entry.reason);
    if (!has && roll < entry.appear) drift.gained.push(entry.reason);
  }
  if (drift.gained.length === 0 && drift.fixed.length === 0) return drift;
  const reasons = new Set(device.noncomplianceReasons);
  for (const reason of drift.fixed) reasons.delete(reason);
  for (const reason of drift.gained) reasons.add(reason);
  device.noncomplianceReasons = [...reasons].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  applyFlags(device);
  requarantine(rng, device, drift.gained);
  return drift;
}

/** The flags generation derives from the reasons. */
function applyFlags(device: SimDevice): void {
  const has = (reason: NoncomplianceReason) => device.noncomplianceReasons.includes(reason);
  device.compromised = has('COMPROMISED');
  device.deviceAdminEnabled = !has('DEVICE_ADMIN_DEACTIVE');
  // Legacy Device Admin enrolment is not full MDM (as fleet/devices.ts decides).
  device.mdmManaged = device.deviceAdminEnabled && device.androidRegistrationStatus !== 'Device Admin';
  if (mobile(device)) {
    // A phone's data protection follows its passcode, and so does an iPhone's encryption.
    device.dataProtectionEnabled = !has('PASSCODE_NOT_COMPLIANT');
    if (device.platform === 'iOS') device.deviceEncrypted = device.dataProtectionEnabled;
  }
}

/** A new trigger may quarantine the device (a compromise always); the quarantine lifts once no trigger remains. */
function requarantine(rng: SeededRandom, device: SimDevice, gained: readonly NoncomplianceReason[]): void {
  const triggers = device.noncomplianceReasons.filter((reason) =>
    QUARANTINE_TRIGGERS.has(reason as NoncomplianceReason),
  );
  const newTrigger = gained.some((reason) => QUARANTINE_TRIGGERS.has(reason));
  const quarantine = gained.includes('COMPROMISED') || (newTrigger && rng.chance(QUARANTINE_RATE));
  device.quarantined = triggers.length > 0 && (device.quarantined || quarantine);
  device.quarantinedReasons = device.quarantined ? triggers : [];
}
