// EPMM v1's `compliance`, `quarantinedStatus` and `blockReason` bitmaps (v1 guide, "Compliance values").
// The guide's table has two arithmetic errors: "Required app control" is printed as 8256 and "Policy is out of
// date" as 8272, but their hex values are 0x2000 (8192) and 0x10 (16); 8256 and 8272 are sums with other bits.
// The hex values are the flags; a printed decimal like 8272 decodes to the three reasons it contains.
import type { ComplianceReason } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type { ComplianceReason };

export const COMPLIANCE_BITS: ReadonlyArray<readonly [number, ComplianceReason]> = [
  [0x000001, 'COMPROMISED'],
  [0x000002, 'OS_VERSION_TOO_OLD'],
  [0x000004, 'HARDWARE_NOT_ALLOWED'],
  [0x000008, 'DATA_PROTECTION_DISABLED'],
  [0x000010, 'POLICY_OUT_OF_DATE'],
  [0x000020, 'OUT_OF_CONTACT'],
  [0x000040, 'APP_CONTROL'],
  [0x000080, 'MAILBOX_LIMIT_EXCEEDED'],
  [0x000100, 'NOT_REGISTERED'],
  [0x000200, 'MANUALLY_BLOCKED'],
  [0x000400, 'EXCHANGE_REPORTED'],
  [0x000800, 'DEVICE_ADMIN_DEACTIVATED'],
  [0x001000, 'DISALLOWED_APP'],
  [0x002000, 'REQUIRED_APP_MISSING'],
  [0x004000, 'ALLOWED_APP_VIOLATION'],
  [0x008000, 'USER_LOGGED_OUT'],
  [0x010000, 'ATTESTATION_FAILED'],
  [0x400000, 'UNKNOWN'],
];

const KNOWN_MASK = COMPLIANCE_BITS.reduce((mask, [bit]) => mask | bit, 0);

/** Decodes a bitmap into its reasons, in bit order; bits the guide does not assign read as UNKNOWN. */
export function decodeComplianceBitmap(value: number | string | null | undefined): ComplianceReason[] {
  const bits = typeof value === 'string' ? Number(value.trim()) : value;
  if (bits === null || bits === undefined || !Number.isSafeInteger(bits) || bits <= 0) return [];
  const reasons = COMPLIANCE_BITS.filter(([bit]) => (bits & bit) !== 0).map(([, reason]) => reason);
  if ((bits & ~KNOWN_MASK) !== 0 && !reasons.includes('UNKNOWN')) reasons.push('UNKNOWN');
  return reasons;
}

export function encodeComplianceReasons(reasons: readonly ComplianceReason[]): number {
  return COMPLIANCE_BITS.filter(([, reason]) => reasons.includes(reason)).reduce((sum, [bit]) => sum | bit, 0);
}
