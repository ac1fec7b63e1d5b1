// The v1 `compliance`, `quarantinedStatus` and `blockReason` bitmaps (catalogue S2.2), computed from the World's
// reasons. The document's decimals for two rows are sums (8256 = 0x2000 + 0x40, 8272 = 0x2000 + 0x40 + 0x10); the hex
// column is taken as the true single bits, and the 8256 sum is read as "EPMM sets the general app-control bit
// together with the specific one", which is what these bitmaps do.
import type { SimActiveSyncDevice } from '../fleet/activesync.js';
import type { SimDevice } from '../fleet/types.js';

export const V1_BIT = {
  compromised: 0x1,
  osTooOld: 0x2,
  hardwareNotAllowed: 0x4,
  dataProtectionDisabled: 0x8,
  policyOutOfDate: 0x10,
  outOfContact: 0x20,
  appControl: 0x40,
  mailboxLimit: 0x80,
  notRegistered: 0x100,
  manuallyBlocked: 0x200,
  exchangeReported: 0x400,
  deviceAdminDeactivated: 0x800,
  disallowedApp: 0x1000,
  requiredApp: 0x2000,
  allowedApp: 0x4000,
  userLoggedOut: 0x8000,
  attestationFailed: 0x10000,
  unknown: 0x400000,
} as const;

/** The World's non-compliance reasons (v2 `common.noncompliance_reasons`) as v1 bits. */
const REASON_BITS: Readonly<Record<string, number>> = {
  COMPROMISED: V1_BIT.compromised,
  OS_VERSION_OUT_OF_DATE: V1_BIT.osTooOld,
  // A passcode that violates the policy leaves iOS data protection off; v1 has no separate passcode bit.
  PASSCODE_NOT_COMPLIANT: V1_BIT.dataProtectionDisabled,
  OUT_OF_CONTACT: V1_BIT.outOfContact,
  DISALLOWED_APP: V1_BIT.appControl | V1_BIT.disallowedApp,
  DEVICE_ADMIN_DEACTIVE: V1_BIT.deviceAdminDeactivated,
};

export function reasonsToBitmap(reasons: readonly string[]): number {
  let bits = 0;
  for (const reason of reasons) bits |= REASON_BITS[reason] ?? V1_BIT.unknown;
  return bits;
}

/** Non-zero when the device is out of compliance. */
export function complianceBitmap(device: SimDevice): number {
  return reasonsToBitmap(device.noncomplianceReasons);
}

/** Non-zero when the violated setting's action includes quarantine. */
export function quarantineBitmap(device: SimDevice): number {
  return device.quarantined ? reasonsToBitmap(device.quarantinedReasons) : 0;
}

/**
 * Non-zero when ActiveSync is blocked: a compromised device is blocked by the default compliance action; a
 * partnership an administrator blocked (E32 BLOCK_DEVICE) is "manually blocked"; one Exchange blocked on its own is
 * "Exchange Reported".
 */
export function blockReasonBitmap(device: SimDevice, partnership?: SimActiveSyncDevice): number {
  let bits = device.compromised ? V1_BIT.compromised : 0;
  if (partnership?.syncStatus === 'Blocked') {
    if (partnership.actionSource === 'ADMIN') bits |= V1_BIT.manuallyBlocked;
    else if (partnership.actionSource === 'EXCHANGE') bits |= V1_BIT.exchangeReported;
  }
  return bits;
}
