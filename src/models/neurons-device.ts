// The one place that reads Neurons device records (NG13 rows, the device detail) and turns them into a
// DeviceModel with `source: NEURONS`. Extra keys of the 100-odd-key record are read only here.
import type { NeuronsDevice, NeuronsDeviceDetail } from '../upstream/neurons/dto.js';
import { toDateTime } from './datetime.js';
import type { DeviceModel, DeviceStatus, Ownership, Platform } from './device.js';

const PLATFORMS: Record<string, Platform> = {
  IOS: 'IOS',
  ANDROID: 'ANDROID',
  OSX: 'MACOS',
  MACOS: 'MACOS',
  WINDOWS: 'WINDOWS',
  WINDOWS_PHONE: 'WINDOWS',
};
const STATUSES: Record<string, DeviceStatus> = {
  ACTIVE: 'ACTIVE',
  PENDING: 'PENDING',
  RETIRE_PENDING: 'RETIRE_PENDING',
  RETIRED: 'RETIRED',
  WIPED: 'WIPED',
};

/** `partitionId`: the partition the record was read in, which (with `id`) is how Neurons reads it again. */
export function neuronsDeviceToModel(device: NeuronsDevice, partitionId: number): DeviceModel {
  const extra = device as Record<string, unknown>;
  return {
    kind: 'Device',
    source: 'NEURONS',
    neurons: { partitionId, id: device.id },
    // `guid` is the device's UUID (the real-world fixtures' shape); without one, the numeric id is the only key.
    uuid: device.guid ? device.guid.toLowerCase() : String(device.id),
    legacyId: device.id,
    // The same datum under its other name (docs/decisions.md "Tolerant decoding"): real records carry
    // `deviceName: null` beside `entityName`.
    name: device.deviceName ?? text(extra.entityName),
    platform: PLATFORMS[device.platformType?.toUpperCase() ?? ''] ?? 'OTHER',
    platformName:
      device.platformType && device.platformVersion
        ? `${device.platformType} ${device.platformVersion}`
        : device.platformType,
    osVersion: device.platformVersion,
    model: device.prettyModel ?? device.deviceModel,
    manufacturer: device.manufacturer,
    status: STATUSES[device.registrationState?.toUpperCase() ?? ''] ?? 'UNKNOWN',
    compliant: device.complianceState,
    noncomplianceReasons: device.violatedPolicies ?? [],
    quarantined: bool(extra.quarantined),
    compromised: bool(extra.jailbroken),
    ownership: ownership(device.ownershipType),
    phoneNumber: text(extra.phoneNumber),
    imei: device.imei,
    serialNumber: device.serialNumber,
    registeredAt: toDateTime(device.lastRegistrationTime),
    lastCheckInAt: toDateTime(device.lastCheckin),
    storageCapacityBytes: gigabytes(extra.totalCapacity),
    storageFreeBytes: gigabytes(extra.availableCapacity),
    memoryCapacityBytes: null,
    memoryFreeBytes: null,
    batteryLevel: null,
    clientVersion: text(extra.clientVersion),
    deviceSpaceName: device.dmPartitionName ?? null,
    // Neurons' record has no device-encryption flag (`secureAppsEncryption*` are about AppConnect's app container).
    encrypted: null,
    supervised: device.supervised ?? null,
    // `passcodeCompliant` covers every passcode rule but is iOS-only; Android reports only the profiles' rules.
    passcodeCompliant: device.passcodeCompliant ?? device.passcodeCompliantWithProfiles ?? null,
    osBuild: text(device.osBuildVersion),
    enrollmentType: neuronsEnrollmentType(device),
    carrier: carrierName(device.subscriberCarrierNetwork),
    securityPatchLevel: null,
    user: device.uid
      ? {
          kind: 'User',
          source: 'NEURONS',
          principal: device.uid,
          displayName: device.displayName,
          email: device.emailAddress,
          firstName: text(extra.firstName),
          lastName: text(extra.lastName),
        }
      : null,
  };
}

/**
 * `Device.details` of a Neurons device: every key of its record as Neurons names it (as EPMM's details are
 * EPMM's names), structured values as JSON. `groups` is left out: `Device.groups` models it.
 */
export function neuronsDeviceDetailEntries(record: NeuronsDeviceDetail): Array<{ name: string; value: string | null }> {
  return Object.entries(record)
    .filter(([name, value]) => name !== 'groups' && value !== undefined)
    .map(([name, value]) => ({
      name,
      value: value === null ? null : typeof value === 'object' ? JSON.stringify(value) : String(value),
    }));
}

/**
 * The enrolment mode the record flags, in the words EPMM uses for the same modes (`Work Profile`, `Device Owner`), so
 * one screen reads both MDMs alike; null when no flag is set (a legacy Android device admin, an Apple device enrolled
 * by hand): the record does not say which.
 */
function neuronsEnrollmentType(device: NeuronsDevice): string | null {
  if (device.userEnrolled === true) return 'User Enrollment';
  if (device.depEnrolled === true) return 'Automated Device Enrollment';
  if (device.androidDeviceOwnerModeEnabled === true) return 'Device Owner';
  if (device.androidWorkContainerEnabled === true) return 'Work Profile';
  return null;
}

/** Neurons writes `UNKNOWN` (no SIM read) and `Not Present` (no SIM) where it has no carrier. */
const NO_CARRIER: ReadonlySet<string> = new Set(['unknown', 'not present']);

function carrierName(value: string | null | undefined): string | null {
  const name = value?.trim();
  return name && !NO_CARRIER.has(name.toLowerCase()) ? name : null;
}

function ownership(value: string | null): Ownership {
  const upper = value?.toUpperCase();
  return upper === 'COMPANY' || upper === 'EMPLOYEE' ? upper : 'UNKNOWN';
}

function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Neurons reports capacities in (decimal) gigabytes with fractions. */
function gigabytes(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1e9) : null;
}
