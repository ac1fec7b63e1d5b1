// The one place that reads Neurons device records (NG13 rows, the device detail) and turns them into a
// DeviceModel with `source: NEURONS`. Extra keys of the 100-odd-key record are read only here.
import type { NeuronsDevice } from '../upstream/neurons/dto.js';
import { toDateTime } from './datetime.js';
import type { DeviceModel, DeviceStatus, Ownership, Platform } from './device.js';

const PLATFORMS: Record<string, Platform> = { IOS: 'IOS', ANDROID: 'ANDROID', OSX: 'MACOS', MACOS: 'MACOS', WINDOWS: 'WINDOWS', WINDOWS_PHONE: 'WINDOWS' };
const STATUSES: Record<string, DeviceStatus> = { ACTIVE: 'ACTIVE', PENDING: 'PENDING', RETIRE_PENDING: 'RETIRE_PENDING', RETIRED: 'RETIRED', WIPED: 'WIPED' };

export function neuronsDeviceToModel(device: NeuronsDevice): DeviceModel {
  const extra = device as Record<string, unknown>;
  return {
    source: 'NEURONS',
    // `guid` is the device's UUID (the real-world fixtures' shape); without one, the numeric id is the only key.
    uuid: device.guid ? device.guid.toLowerCase() : String(device.id),
    legacyId: device.id,
    name: device.deviceName,
    platform: PLATFORMS[device.platformType.toUpperCase()] ?? 'OTHER',
    platformName: device.platformVersion ? `${device.platformType} ${device.platformVersion}` : device.platformType,
    osVersion: device.platformVersion,
    model: device.prettyModel ?? device.deviceModel,
    manufacturer: device.manufacturer,
    status: STATUSES[device.registrationState.toUpperCase()] ?? 'UNKNOWN',
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
    user: device.uid
      ? {
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
