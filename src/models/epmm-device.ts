// The one place that reads EPMM v2 device field names (`common.*`, `user.*`, `ios.*`) and turns a search
// row into a DeviceModel. Keys may contain dots and spaces and are never split; any field may be missing.
import type { EpmmDeviceRow } from '../upstream/epmm/dto.js';
import { toBoolean } from '../upstream/decode-warnings.js';
import { toDateTime } from './datetime.js';
import type { DeviceModel, DeviceStatus, Ownership, Platform } from './device.js';
import type { UserModel } from './user.js';

/** The fields the gateway asks EPMM for when it fetches devices. */
export const EPMM_DEVICE_FIELDS = [
  'common.uuid',
  'common.id',
  'common.platform',
  'common.platform_name',
  'common.os_version',
  'common.model',
  'common.manufacturer',
  'common.status',
  'common.compliant',
  'common.noncompliance_reasons',
  'common.quarantined',
  'common.device_is_compromised',
  'common.owner',
  'common.current_phone_number',
  'common.imei',
  'common.SerialNumber',
  'common.registration_date',
  'common.last_connected_at',
  'common.storage_capacity',
  'common.storage_free',
  'common.memory_capacity',
  'common.memory_free',
  'common.battery_level',
  'common.client_version',
  'common.device_space_name',
  'ios.DeviceName',
  // Posture (docs/decisions.md "Device posture"): search fields too, so a fleet page reads them in its one search.
  'common.device_encrypted',
  'common.home_operator_name',
  'common.imsi',
  'ios.PasscodeIsCompliant',
  'ios.PasscodeIsCompliantWithProfiles',
  'ios.iPhone VERSION',
  'android.os_build_number',
  'android.registration_status',
  'android.security_patch',
  'user.user_id',
  'user.display_name',
  'user.email_address',
  'user.first_name',
  'user.last_name',
] as const;

export const EPMM_UUID_FIELD = 'common.uuid';

/** A row of a search that asked for `fields`: a subset of EPMM_DEVICE_FIELDS is recorded on the model. */
export function epmmProjectedDeviceToModel(row: EpmmDeviceRow, fields: readonly string[]): DeviceModel | null {
  return withProjection(epmmDeviceToModel(row), projectionMarker(fields));
}

/**
 * The rows of one search that asked for `fields`, rows without a uuid left out. The projection is worked out once
 * per page, not per row, and its rows share one (frozen) field list: copying the model and the list per row cost
 * as much as the mapping itself.
 */
export function epmmProjectedDevicesToModels(rows: readonly EpmmDeviceRow[], fields: readonly string[]): DeviceModel[] {
  const marker = projectionMarker(fields);
  const devices: DeviceModel[] = [];
  for (const row of rows) {
    const device = withProjection(epmmDeviceToModel(row), marker);
    if (device) devices.push(device);
  }
  return devices;
}

/** The `epmmFields` a row read with `fields` carries: undefined when they include every field. */
function projectionMarker(fields: readonly string[]): readonly string[] | undefined {
  return EPMM_DEVICE_FIELDS.some((name) => !fields.includes(name)) ? Object.freeze([...fields]) : undefined;
}

function withProjection(device: DeviceModel | null, marker: readonly string[] | undefined): DeviceModel | null {
  if (device && marker) device.epmmFields = marker;
  return device;
}

/**
 * The DeviceModel property each non-user EPMM field fills (the `user.*` fields fill `user` together). Exported for
 * the CSV export, which names a column as the Device field it fills (src/export/export-columns.ts).
 */
export const PROPERTY_OF_FIELD: Readonly<Record<string, keyof DeviceModel>> = {
  'common.id': 'legacyId',
  'common.platform': 'platform',
  'common.platform_name': 'platformName',
  'common.os_version': 'osVersion',
  'common.model': 'model',
  'common.manufacturer': 'manufacturer',
  'common.status': 'status',
  'common.compliant': 'compliant',
  'common.noncompliance_reasons': 'noncomplianceReasons',
  'common.quarantined': 'quarantined',
  'common.device_is_compromised': 'compromised',
  'common.owner': 'ownership',
  'common.current_phone_number': 'phoneNumber',
  'common.imei': 'imei',
  'common.SerialNumber': 'serialNumber',
  'common.registration_date': 'registeredAt',
  'common.last_connected_at': 'lastCheckInAt',
  'common.storage_capacity': 'storageCapacityBytes',
  'common.storage_free': 'storageFreeBytes',
  'common.memory_capacity': 'memoryCapacityBytes',
  'common.memory_free': 'memoryFreeBytes',
  'common.battery_level': 'batteryLevel',
  'common.client_version': 'clientVersion',
  'common.device_space_name': 'deviceSpaceName',
  'ios.DeviceName': 'name',
  'common.device_encrypted': 'encrypted',
  'common.home_operator_name': 'carrier',
  'common.imsi': 'carrier',
  'ios.PasscodeIsCompliant': 'passcodeCompliant',
  'ios.PasscodeIsCompliantWithProfiles': 'passcodeCompliant',
  'ios.iPhone VERSION': 'osBuild',
  'android.os_build_number': 'osBuild',
  'android.registration_status': 'enrollmentType',
  'android.security_patch': 'securityPatchLevel',
};

/**
 * One device read twice with different projections, neither a superset of the other (a list page's row, then a
 * device page's): the newer row plus the older row's fields it lacks, so both readers are served from one cache
 * entry. The user comes whole from the row that read more `user.*` fields (the newer on a tie).
 */
export function mergeProjectedDevices(older: DeviceModel, newer: DeviceModel): DeviceModel {
  const olderFields = older.epmmFields ?? EPMM_DEVICE_FIELDS;
  const newerFields = new Set(newer.epmmFields ?? EPMM_DEVICE_FIELDS);
  const merged: Record<string, unknown> = { ...newer };
  for (const field of olderFields) {
    const property = PROPERTY_OF_FIELD[field];
    if (property && !newerFields.has(field)) merged[property] = older[property];
  }
  const userFields = (fields: Iterable<string>) => [...fields].filter((field) => field.startsWith('user.'));
  const olderUser = userFields(olderFields);
  const userFrom =
    olderUser.length > userFields(newerFields).length
      ? { fields: olderUser, user: older.user }
      : { fields: userFields(newerFields), user: newer.user };
  merged.user = userFrom.user;
  const carried = new Set(
    [...newerFields, ...olderFields].filter((field) => !field.startsWith('user.')).concat(userFrom.fields),
  );
  const fields = EPMM_DEVICE_FIELDS.filter((field) => carried.has(field));
  if (fields.length === EPMM_DEVICE_FIELDS.length) delete merged.epmmFields;
  else merged.epmmFields = fields;
  return merged as unknown as DeviceModel;
}

export function epmmDeviceToModel(row: EpmmDeviceRow): DeviceModel | null {
  const uuid = text(row['common.uuid']);
  if (!uuid) return null; // a row without its key cannot be refetched or acted on
  return {
    kind: 'Device',
    source: 'EPMM',
    uuid: uuid.toLowerCase(),
    legacyId: integer(row['common.id']),
    name: text(row['ios.DeviceName']),
    platform: epmmPlatform(text(row['common.platform'])),
    platformName: text(row['common.platform_name']),
    osVersion: text(row['common.os_version']),
    model: text(row['common.model']),
    manufacturer: text(row['common.manufacturer']),
    status: epmmStatus(text(row['common.status'])),
    compliant: bool(row['common.compliant']),
    noncomplianceReasons: list(row['common.noncompliance_reasons']),
    quarantined: bool(row['common.quarantined']),
    compromised: bool(row['common.device_is_compromised']),
    ownership: epmmOwnership(text(row['common.owner'])),
    phoneNumber: text(row['common.current_phone_number']),
    imei: text(row['common.imei']),
    serialNumber: text(row['common.SerialNumber'] ?? row['common.serial_number']),
    registeredAt: toDateTime(row['common.registration_date']),
    lastCheckInAt: toDateTime(row['common.last_connected_at']),
    storageCapacityBytes: number(row['common.storage_capacity']),
    storageFreeBytes: number(row['common.storage_free']),
    memoryCapacityBytes: number(row['common.memory_capacity']),
    memoryFreeBytes: number(row['common.memory_free']),
    batteryLevel: integer(row['common.battery_level']),
    clientVersion: text(row['common.client_version']),
    deviceSpaceName: text(row['common.device_space_name']),
    user: epmmRowUser(row),
    encrypted: bool(row['common.device_encrypted']),
    // EPMM's records carry no supervision flag (docs/decisions.md "Device posture").
    supervised: null,
    // All of the passcode rules where the device reports it, else the rules of the MDM's profiles (iOS's two keys).
    passcodeCompliant: bool(row['ios.PasscodeIsCompliant']) ?? bool(row['ios.PasscodeIsCompliantWithProfiles']),
    // iOS reports its build as `iPhone VERSION` (`8J3`), Android as `os_build_number`.
    osBuild: text(row['android.os_build_number']) ?? text(row['ios.iPhone VERSION']),
    enrollmentType: text(row['android.registration_status']),
    carrier: epmmCarrier(row),
    securityPatchLevel: text(row['android.security_patch']),
  };
}

/**
 * The home operator only when the device has a SIM (an IMSI): EPMM asks for an operator at registration, so laptops
 * and Wi-Fi tablets carry one too, which is no carrier of theirs.
 */
function epmmCarrier(row: EpmmDeviceRow): string | null {
  return text(row['common.imsi']) === null ? null : text(row['common.home_operator_name']);
}

/** The device's user as far as the search row describes them (EPMM v2 has no user lookup). */
function epmmRowUser(row: EpmmDeviceRow): UserModel | null {
  const principal = text(row['user.user_id']);
  if (!principal) return null;
  return {
    kind: 'User',
    source: 'EPMM',
    principal,
    displayName: text(row['user.display_name']),
    email: text(row['user.email_address']),
    firstName: text(row['user.first_name']),
    lastName: text(row['user.last_name']),
  };
}

export function epmmPlatform(value: string | null): Platform {
  switch (value?.toLowerCase().replace(/[\s_]/g, '')) {
    case 'ios':
    case 'iphone':
    case 'ipados':
      return 'IOS';
    case 'android':
      return 'ANDROID';
    case 'osx':
    case 'macos':
    case 'mac':
      return 'MACOS';
    case 'windows':
    case 'windowsphone':
    case 'win8':
    case 'win10':
    case 'windowsdesktop':
      return 'WINDOWS';
    default:
      return 'OTHER';
  }
}

/** Inverse of epmmPlatform, for filters: the value EPMM stores in `common.platform`. */
export const EPMM_PLATFORM_VALUE: Record<Exclude<Platform, 'OTHER'>, string> = {
  IOS: 'iOS',
  ANDROID: 'Android',
  MACOS: 'OS X',
  WINDOWS: 'Windows',
};

function epmmStatus(value: string | null): DeviceStatus {
  const normalised = value?.toUpperCase().replace(/[\s-]+/g, '_');
  switch (normalised) {
    case 'ACTIVE':
    case 'PENDING':
    case 'RETIRE_PENDING':
    case 'RETIRED':
    case 'WIPED':
    case 'LOCKED':
      return normalised;
    default:
      return 'UNKNOWN';
  }
}

function epmmOwnership(value: string | null): Ownership {
  const upper = value?.toUpperCase();
  if (upper === 'COMPANY') return 'COMPANY';
  if (upper === 'EMPLOYEE' || upper === 'PERSONAL') return 'EMPLOYEE';
  return 'UNKNOWN';
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return String(value);
  return null;
}

function number(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function integer(value: unknown): number | null {
  const n = number(value);
  return n === null ? null : Math.trunc(n);
}

function bool(value: unknown): boolean | null {
  return toBoolean(value);
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  if (typeof value === 'string' && value.trim() !== '')
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return [];
}
