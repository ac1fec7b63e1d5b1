import type { DeviceStatus, Platform } from './types.js';
import type { SeededRandom } from './random.js';

// Compliance is derived from the device's state rather than rolled on its own, so that the invariants the
// gateway relies on hold by construction: compliant ⇔ no reasons, compromised ⇒ non-compliant,
// quarantined ⇒ non-compliant with at least one quarantine reason.

export const NONCOMPLIANCE_REASONS = [
  'DEVICE_ADMIN_DEACTIVE', // the one value seen in the real-world fixture
  'OS_VERSION_OUT_OF_DATE',
  'PASSCODE_NOT_COMPLIANT',
  'COMPROMISED',
  'OUT_OF_CONTACT',
  'DISALLOWED_APP',
] as const;
export type NoncomplianceReason = (typeof NONCOMPLIANCE_REASONS)[number];

/** Violations serious enough for a quarantine compliance action; being out of date or out of contact is not. */
export const QUARANTINE_TRIGGERS: ReadonlySet<NoncomplianceReason> = new Set([
  'COMPROMISED',
  'DISALLOWED_APP',
  'PASSCODE_NOT_COMPLIANT',
  'DEVICE_ADMIN_DEACTIVE',
]);

/** How often a trigger other than a compromise leads the compliance action to quarantine the device. */
export const QUARANTINE_RATE = 0.4;

export interface ComplianceInputs {
  platform: Platform;
  status: DeviceStatus;
  osOutdated: boolean;
  outOfContact: boolean;
}

export interface ComplianceState {
  compromised: boolean;
  deviceAdminEnabled: boolean;
  dataProtectionEnabled: boolean;
  deviceEncrypted: boolean;
  noncomplianceReasons: NoncomplianceReason[];
  quarantined: boolean;
  quarantinedReasons: NoncomplianceReason[];
}

export function generateCompliance(rng: SeededRandom, input: ComplianceInputs): ComplianceState {
  const mobile = input.platform === 'iOS' || input.platform === 'Android';
  // Only devices under management are evaluated; pending and retired devices carry no violations.
  const evaluated = input.status === 'ACTIVE' || input.status === 'RETIRE_PENDING';
  const deviceAdminEnabled = evaluated && !rng.chance(0.03);
  const compromised = evaluated && mobile && rng.chance(0.02);
  const passcodeOk = !evaluated || !rng.chance(0.04);
  // Android 10+ is always encrypted; iOS data protection needs a passcode; laptops depend on FileVault/BitLocker.
  const deviceEncrypted = input.platform === 'Android' || (input.platform === 'iOS' ? passcodeOk : !rng.chance(0.1));
  const dataProtectionEnabled = mobile ? passcodeOk : deviceEncrypted;

  const reasons: NoncomplianceReason[] = [];
  if (evaluated) {
    if (compromised) reasons.push('COMPROMISED');
    if (!deviceAdminEnabled) reasons.push('DEVICE_ADMIN_DEACTIVE');
    if (input.osOutdated && rng.chance(0.3)) reasons.push('OS_VERSION_OUT_OF_DATE');
    if (!passcodeOk) reasons.push('PASSCODE_NOT_COMPLIANT');
    if (input.outOfContact) reasons.push('OUT_OF_CONTACT');
    if (mobile && rng.chance(0.03)) reasons.push('DISALLOWED_APP');
  }
  const triggers = reasons.filter((reason) => QUARANTINE_TRIGGERS.has(reason));
  const quarantined = triggers.length > 0 && (compromised || rng.chance(QUARANTINE_RATE));
  return {
    compromised,
    deviceAdminEnabled,
    dataProtectionEnabled,
    deviceEncrypted,
    noncomplianceReasons: reasons,
    quarantined,
    quarantinedReasons: quarantined ? triggers : [],
  };
}
