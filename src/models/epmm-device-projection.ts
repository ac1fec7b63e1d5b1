// Projection: which EPMM v2 search `fields` a selection of Device fields needs. EPMM returns only the fields it is
// asked for, so a fleet page that shows a model and a user's e-mail need not carry storage, IMEI and 25 others.
// A Device field missing from this table falls back to every field (a new field is never served empty).
import type { DeviceOrderField } from './device-filter.js';
import { EPMM_DEVICE_FIELDS, EPMM_UUID_FIELD } from './epmm-device.js';

const USER_FIELDS = [
  'user.user_id',
  'user.display_name',
  'user.email_address',
  'user.first_name',
  'user.last_name',
] as const;

/** Per GraphQL Device field, the EPMM fields its resolver reads from the device row (beyond the uuid, always asked). */
export const EPMM_FIELDS_BY_DEVICE_FIELD: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  source: [],
  uuid: [],
  legacyId: ['common.id'],
  name: ['ios.DeviceName'],
  platform: ['common.platform'],
  platformName: ['common.platform_name'],
  osVersion: ['common.os_version'],
  model: ['common.model'],
  manufacturer: ['common.manufacturer'],
  status: ['common.status'],
  compliant: ['common.compliant'],
  noncomplianceReasons: ['common.noncompliance_reasons'],
  quarantined: ['common.quarantined'],
  compromised: ['common.device_is_compromised'],
  ownership: ['common.owner'],
  phoneNumber: ['common.current_phone_number'],
  imei: ['common.imei'],
  serialNumber: ['common.SerialNumber'],
  registeredAt: ['common.registration_date'],
  lastCheckInAt: ['common.last_connected_at'],
  storageCapacityBytes: ['common.storage_capacity'],
  storageFreeBytes: ['common.storage_free'],
  memoryCapacityBytes: ['common.memory_capacity'],
  memoryFreeBytes: ['common.memory_free'],
  batteryLevel: ['common.battery_level'],
  clientVersion: ['common.client_version'],
  deviceSpaceName: ['common.device_space_name'],
  // The User is built from the row's user fields whatever of it is selected (User's own resolvers read its principal).
  user: USER_FIELDS,
  // Name, else "<model> of <user>", else model (src/models/device-display-name.ts); the user needs its principal.
  displayName: ['ios.DeviceName', 'common.model', ...USER_FIELDS],
  // Posture: search fields, so a page reads them in its one search (docs/data-loading.md, "Device posture").
  encrypted: ['common.device_encrypted'],
  // EPMM reports no supervision flag: null for every EPMM device, no field to ask for.
  supervised: [],
  passcodeCompliant: ['ios.PasscodeIsCompliant', 'ios.PasscodeIsCompliantWithProfiles'],
  osBuild: ['ios.iPhone VERSION', 'android.os_build_number'],
  enrollmentType: ['android.registration_status'],
  carrier: ['common.home_operator_name', 'common.imsi'],
  securityPatchLevel: ['android.security_patch'],
  // Details and battery pick the V10 variant by platform and pass the platform name as `os`.
  details: ['common.platform', 'common.platform_name'],
  battery: ['common.platform', 'common.platform_name'],
  deviceSpace: ['common.device_space_name'],
  // Linked to Neurons by serial number.
  groups: ['common.SerialNumber'],
  // One device, one row: the twin lookup outside the merged list goes by serial number (resolvers/device-twins.ts);
  // `epmm { … }` is the EPMM record itself, whose sub-selection is not followed here, so it reads every field.
  sources: ['common.SerialNumber'],
  capabilities: ['common.SerialNumber'],
  neurons: ['common.SerialNumber'],
  epmm: EPMM_DEVICE_FIELDS,
  // Per-device reads keyed by the uuid alone.
  labels: [],
  policies: [],
  alerts: [],
  appCompliance: [],
  ruleCompliance: [],
  activeSync: [],
  simDetails: [],
  profiles: [],
  appSettings: [],
  complianceState: [],
};

/** The fields the gateway compares when it merges EPMM's page with Neurons' in an order. */
const SORT_KEY_FIELDS: Record<DeviceOrderField, readonly string[]> = {
  NAME: ['ios.DeviceName'],
  LAST_CHECK_IN: ['common.last_connected_at'],
  REGISTERED: ['common.registration_date'],
  PLATFORM: ['common.platform'],
  OS_VERSION: ['common.os_version'],
  USER_DISPLAY_NAME: ['user.display_name'],
  MODEL: ['common.model'],
};

/**
 * The EPMM fields for these Device fields, in EPMM_DEVICE_FIELDS order, the uuid always included; every field when
 * one of them is unknown. `orderField` adds the sort key the merged connection compares.
 */
export function epmmFieldsFor(deviceFields: Iterable<string>, orderField?: DeviceOrderField | null): readonly string[] {
  const wanted = new Set<string>([EPMM_UUID_FIELD, ...(orderField ? SORT_KEY_FIELDS[orderField] : [])]);
  for (const field of deviceFields) {
    const needs = EPMM_FIELDS_BY_DEVICE_FIELD[field];
    if (needs === undefined) return EPMM_DEVICE_FIELDS;
    for (const name of needs) wanted.add(name);
  }
  return EPMM_DEVICE_FIELDS.filter((name) => wanted.has(name));
}

/** Whether a row read with `had` carries every field of `needed` (undefined `had`: every field was read). */
export function carriesFields(had: readonly string[] | undefined, needed: readonly string[]): boolean {
  if (had === undefined || had === needed) return true;
  // A scan, not a Set: both lists are a few dozen names at most, and this runs for every row a page caches.
  for (const name of needed) if (!had.includes(name)) return false;
  return true;
}

export function isEveryField(fields: readonly string[]): boolean {
  return carriesFields(fields, EPMM_DEVICE_FIELDS);
}
