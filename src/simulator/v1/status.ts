// v1 `status`/`statusCode` (catalogue S2.1) for the World's device states. v1 and v2 show the same devices, so the
// state lives in the World (v2 vocabulary) and v1 only renames it.
import type { DeviceStatus } from '../fleet/types.js';

export const V1_STATUS_CODE = {
  ACTIVE: 97,
  BLOCKED: 98,
  IENROLL_VERIFIED: 100,
  IENROLL_INPROGRESS: 101,
  IENROLL_COMPLETE: 102,
  INFECTED: 105,
  LOST: 108,
  VERIFICATION_PENDING: 112,
  RETIRED: 114,
  RETIRE_PENDING: 117,
  VERIFIED: 118,
  WIPED: 119,
  EXPIRED: 120,
} as const;
export type V1Status = keyof typeof V1_STATUS_CODE;

/**
 * World → v1. v1 has no LOCKED status: a passcode lock leaves the device registered and in use, so a locked device
 * is ACTIVE in v1 (E01's default list includes it). A device still enrolling is VERIFICATION_PENDING.
 */
const FROM_WORLD: Record<DeviceStatus, V1Status> = {
  ACTIVE: 'ACTIVE',
  LOCKED: 'ACTIVE',
  PENDING: 'VERIFICATION_PENDING',
  RETIRE_PENDING: 'RETIRE_PENDING',
  RETIRED: 'RETIRED',
  WIPED: 'WIPED',
};

export function v1Status(status: DeviceStatus): V1Status {
  return FROM_WORLD[status];
}

export function isV1Status(value: string): value is V1Status {
  return Object.hasOwn(V1_STATUS_CODE, value);
}
