import type { Platform, SimDevice, SimUser, World } from './types.js';
import { COUNTRY_BY_CODE } from './countries.js';
import {
  androidAttestation,
  androidSecurityPatch,
  appleUdid,
  batteryHealth,
  batteryStatus,
  dataRoamingEnabled,
  iccid,
  osBuild,
  passcodeCompliant,
  zebraBattery,
  type ZebraBattery,
} from './device-traits.js';

// The EPMM v2 wire field catalogue: the only file that knows names like `common.os_version` or `ios.iPhone UDID`.
// Search (V01), sorting, the query language, search_fields (V08) and details (V09/V10) all read devices through it.

export type DeviceFieldValue = string | number | boolean | null | readonly string[];

export interface DeviceField {
  name: string;
  type: 'STRING' | 'NUMBER' | 'DATE' | 'BOOLEAN';
  /** Set for platform-specific fields, which read as null on other platforms. */
  platforms?: Platform[];
  get(device: SimDevice, world: World): DeviceFieldValue;
}

/**
 * `common.platform` values. "iOS" and "Android" are in the samples; macOS is "OS X" because the V05 text lists
 * the platforms as "iOS, OS X, Win8, Android"; Windows is "Windows" (the modern-Windows name rather than "Win8").
 */
const WIRE_PLATFORM: Record<Platform, string> = { iOS: 'iOS', Android: 'Android', macOS: 'OS X', Windows: 'Windows' };

type Getter = (device: SimDevice, world: World) => DeviceFieldValue;

function field(name: string, type: DeviceField['type'], get: Getter): DeviceField {
  return { name, type, get };
}

function platformField(name: string, type: DeviceField['type'], platforms: Platform[], get: Getter): DeviceField {
  return {
    name,
    type,
    platforms,
    get: (device, world) => (platforms.includes(device.platform) ? get(device, world) : null),
  };
}

function userField(name: string, read: (user: SimUser) => string | null): DeviceField {
  return field(name, 'STRING', (device, world) => {
    const user = world.usersByUuid.get(device.userUuid);
    return user === undefined ? null : read(user);
  });
}

function zebraField(
  name: string,
  type: 'STRING' | 'NUMBER',
  read: (battery: ZebraBattery) => string | number,
): DeviceField {
  return platformField(name, type, ['Android'], (device) => {
    const battery = zebraBattery(device);
    return battery === null ? null : read(battery);
  });
}

const COMMON_FIELDS: DeviceField[] = [
  field('common.id', 'NUMBER', (d) => d.id),
  field('common.uuid', 'STRING', (d) => d.uuid),
  field('common.platform', 'STRING', (d) => WIRE_PLATFORM[d.platform]),
  field('common.platform_name', 'STRING', (d) => `${WIRE_PLATFORM[d.platform]} ${d.osVersion}`),
  field('common.os_version', 'STRING', (d) => d.osVersion),
  field('common.model', 'STRING', (d) => d.model),
  field('common.manufacturer', 'STRING', (d) => d.manufacturer),
  field('common.status', 'STRING', (d) => d.status),
  field('common.owner', 'STRING', (d) => d.ownership),
  field('common.compliant', 'BOOLEAN', (d) => d.noncomplianceReasons.length === 0),
  field('common.quarantined', 'BOOLEAN', (d) => d.quarantined),
  field('common.quarantined_reasons', 'STRING', (d) => d.quarantinedReasons),
  field('common.noncompliance_reasons', 'STRING', (d) => d.noncomplianceReasons),
  field('common.device_is_compromised', 'BOOLEAN', (d) => d.compromised),
  // "Ok" is the fixtures' value; the compromised wording is an assumption.
  field('common.security_state', 'STRING', (d) => (d.compromised ? 'Compromised' : 'Ok')),
  field('common.current_phone_number', 'STRING', (d) => d.phoneNumber),
  field('common.imei', 'STRING', (d) => d.imei),
  field('common.imsi', 'STRING', (d) => d.imsi),
  field('common.SerialNumber', 'STRING', (d) => d.serialNumber),
  field('common.wifi_mac_address', 'STRING', (d) => d.wifiMac),
  field('common.ip_address', 'STRING', (d) => d.ipAddress),
  field('common.language', 'STRING', (d) => d.language),
  field('common.locale', 'STRING', (d) => d.locale),
  field('common.home_country_name', 'STRING', (d) => d.homeCountryName),
  field('common.home_country_code', 'STRING', (d) => d.homeCountryCode),
  field('common.home_operator_name', 'STRING', (d) => d.homeOperatorName),
  field('common.registration_date', 'DATE', (d) => d.registeredAt),
  field('common.creation_date', 'DATE', (d) => d.createdAt),
  field('common.last_connected_at', 'DATE', (d) => d.lastCheckinAt),
  field('common.miclient_last_connected_at', 'DATE', (d) => d.clientLastCheckinAt),
  field('common.storage_capacity', 'NUMBER', (d) => d.storageCapacity),
  field('common.storage_free', 'NUMBER', (d) => d.storageFree),
  field('common.memory_capacity', 'NUMBER', (d) => d.memoryCapacity),
  field('common.memory_free', 'NUMBER', (d) => d.memoryFree),
  field('common.battery_level', 'NUMBER', (d) => d.batteryLevel),
  field('common.client_name', 'STRING', (d) => d.clientName),
  field('common.client_version', 'STRING', (d) => d.clientVersion),
  field('common.device_space_name', 'STRING', (d, w) => w.spaces.find((space) => space.id === d.spaceId)?.name ?? null),
  field('common.mdm_managed', 'BOOLEAN', (d) => d.mdmManaged),
  field('common.device_admin_enabled', 'BOOLEAN', (d) => d.deviceAdminEnabled),
  field('common.data_protection_enabled', 'BOOLEAN', (d) => d.dataProtectionEnabled),
  field('common.device_encrypted', 'BOOLEAN', (d) => d.deviceEncrypted),
  field('common.apns_capable', 'BOOLEAN', (d) => d.platform === 'iOS' || d.platform === 'macOS'),
  field('common.background_status', 'NUMBER', () => 0),
  field('common.ccm_migration_status', 'STRING', () => 'None'),
];

const USER_FIELDS: DeviceField[] = [
  userField('user.user_id', (u) => u.userId),
  userField('user.uuid', (u) => u.uuid),
  userField('user.display_name', (u) => u.displayName),
  userField('user.email_address', (u) => u.email),
  userField('user.first_name', (u) => u.firstName),
  userField('user.last_name', (u) => u.lastName),
  userField('user.sam_account_name', (u) => u.samAccountName),
];

/** V10's opt-in battery statistics; `deviceDetails` leaves these out unless asked. */
const BATTERY_PREFIX = 'android.battery_';

const ANDROID_FIELDS: DeviceField[] = [
  platformField('android.registration_status', 'STRING', ['Android'], (d) => d.androidRegistrationStatus),
  platformField('android.attestation', 'STRING', ['Android'], (d) => androidAttestation(d)),
  // Every Android 12+ device can run a work profile; only legacy Device Admin enrolments report otherwise.
  platformField('android.afw_capable', 'BOOLEAN', ['Android'], (d) => d.androidRegistrationStatus !== 'Device Admin'),
  platformField('android.security_patch', 'STRING', ['Android'], (d) => androidSecurityPatch(d)),
  platformField('android.manufacturer_os_version', 'STRING', ['Android'], (d) => d.osVersion),
  platformField('android.os_build_number', 'STRING', ['Android'], (d) => osBuild(d)),
  platformField('android.battery_status', 'STRING', ['Android'], (d) => batteryStatus(d)),
  platformField('android.battery_health', 'STRING', ['Android'], (d) => batteryHealth(d)),
  zebraField('android.battery_zebra_base_cumulative_charge', 'NUMBER', (b) => b.baseCumulativeChargeMah),
  zebraField('android.battery_zebra_bkvoltage', 'NUMBER', (b) => b.backupVoltageMv),
  zebraField('android.battery_zebra_decommission', 'STRING', (b) => String(b.decommissioned)),
  zebraField('android.battery_zebra_health_percentage', 'NUMBER', (b) => b.healthPercentage),
  zebraField('android.battery_zebra_mfd', 'STRING', (b) => b.manufactureDate),
  zebraField('android.battery_zebra_partnumber', 'STRING', (b) => b.partNumber),
  zebraField('android.battery_zebra_present_capacity', 'NUMBER', (b) => b.presentCapacityMah),
  zebraField('android.battery_zebra_present_charge', 'NUMBER', (b) => b.presentChargeMah),
  zebraField('android.battery_zebra_ratedcapacity', 'NUMBER', (b) => b.ratedCapacityMah),
  zebraField('android.battery_zebra_seconds_since_first_use', 'NUMBER', (b) => b.secondsSinceFirstUse),
  zebraField('android.battery_zebra_serialnumber', 'STRING', (b) => b.serialNumber),
  zebraField('android.battery_zebra_time_to_empty', 'NUMBER', (b) => b.timeToEmptyMinutes),
  zebraField('android.battery_zebra_time_to_full', 'NUMBER', (b) => b.timeToFullMinutes),
  zebraField('android.battery_zebra_total_cumulative_charge', 'NUMBER', (b) => b.totalCumulativeChargeMah),
  zebraField('android.battery_zebra_usage_numb', 'NUMBER', (b) => b.chargeCycles),
];

// macOS is enrolled through the same Apple MDM protocol, so it reports the ios.* name and UDID too.
const IOS_FIELDS: DeviceField[] = [
  platformField('ios.DeviceName', 'STRING', ['iOS', 'macOS'], (d) => d.deviceName),
  platformField('ios.iPhone UDID', 'STRING', ['iOS', 'macOS'], (d) => appleUdid(d)),
  platformField('ios.iPhone ICCID', 'STRING', ['iOS'], (d) =>
    iccid(d, COUNTRY_BY_CODE.get(d.homeCountryCode)?.dialCode ?? ''),
  ),
  platformField('ios.DataRoamingEnabled', 'BOOLEAN', ['iOS'], (d) => dataRoamingEnabled(d)),
  // The OS build under v1's `iPhone VERSION` name (`8J3`); Macs report it through the same Apple MDM query.
  platformField('ios.iPhone VERSION', 'STRING', ['iOS', 'macOS'], (d) => osBuild(d)),
  // v1's `PasscodeIsCompliant` / `…WithProfiles` under the ios. prefix; the simulator's rules are all profile rules.
  platformField('ios.PasscodeIsCompliant', 'BOOLEAN', ['iOS', 'macOS'], (d) => passcodeCompliant(d)),
  platformField('ios.PasscodeIsCompliantWithProfiles', 'BOOLEAN', ['iOS', 'macOS'], (d) => passcodeCompliant(d)),
];

export const DEVICE_FIELDS: readonly DeviceField[] = [
  ...COMMON_FIELDS,
  ...USER_FIELDS,
  ...ANDROID_FIELDS,
  ...IOS_FIELDS,
];

export const FIELD_BY_NAME: ReadonlyMap<string, DeviceField> = new Map(DEVICE_FIELDS.map((f) => [f.name, f]));

/** V08 names from another naming scheme (`details.APNS Capable`), mapped to the field they read. */
const FIELD_ALIASES: ReadonlyMap<string, string> = new Map([
  ['details.APNS Capable', 'common.apns_capable'],
  ['detail.APNS Capable', 'common.apns_capable'], // the V08 description's singular spelling
]);

const GROUP_PREFIXES = ['common.', 'user.', 'android.', 'ios.', 'details.', 'detail.'];

const FIELD_BY_LOWER_NAME: ReadonlyMap<string, string> = new Map(
  [...DEVICE_FIELDS.map((f): [string, string] => [f.name, f.name]), ...FIELD_ALIASES].map(([written, name]) => [
    written.toLowerCase(),
    name,
  ]),
);

/**
 * Canonical field name for a name as a client wrote it, or undefined. Exact names win; a bare name
 * (`manufacturer`, `uuid`, as in the V07/V08 samples) means `common.<name>`. Names are case-sensitive like the
 * documents, but an all-lower-case miss may match case-insensitively (`common.serialnumber`), since that
 * spelling is unambiguous and a common hand-typed mistake.
 */
export function resolveFieldName(written: string): string | undefined {
  const candidates = [written];
  if (!GROUP_PREFIXES.some((prefix) => written.startsWith(prefix))) candidates.push(`common.${written}`);
  for (const candidate of candidates) {
    if (FIELD_BY_NAME.has(candidate)) return candidate;
    const alias = FIELD_ALIASES.get(candidate);
    if (alias !== undefined) return alias;
  }
  if (written !== written.toLowerCase()) return undefined;
  for (const candidate of candidates) {
    const name = FIELD_BY_LOWER_NAME.get(candidate);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** V08 `search_fields`: common fields unprefixed, booleans as STRING (V08 knows no boolean type). */
export function searchFieldList(): Array<{ name: string; type: 'STRING' | 'NUMBER' | 'DATE' }> {
  const listed = DEVICE_FIELDS.map((f) => ({
    name: f.name.startsWith('common.') ? f.name.slice('common.'.length) : f.name,
    type: f.type === 'BOOLEAN' ? ('STRING' as const) : f.type,
  }));
  return [...listed, { name: 'details.APNS Capable', type: 'STRING' }];
}

/**
 * V09/V10 details: every field that applies to the device's platform, nulls included (unlike V01, which omits
 * them); arrays comma-joined. Battery entries appear only when asked for and only on Android.
 */
export function deviceDetails(
  device: SimDevice,
  world: World,
  options: { batteryStats: boolean },
): Array<{ name: string; value: string | number | boolean | null }> {
  const entries: Array<{ name: string; value: string | number | boolean | null }> = [];
  for (const f of DEVICE_FIELDS) {
    if (f.platforms !== undefined && !f.platforms.includes(device.platform)) continue;
    if (f.name.startsWith(BATTERY_PREFIX) && !options.batteryStats) continue;
    const value = f.get(device, world);
    entries.push({ name: f.name, value: typeof value === 'object' && value !== null ? value.join(',') : value });
  }
  return entries;
}
