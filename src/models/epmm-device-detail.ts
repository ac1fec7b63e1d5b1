// The one place that reads EPMM's per-device detail shapes (the V09 details as a Device, V10 battery entries, V11,
// V13, V24, v1 E02, E28, E30, E47) and turns them into gateway models. Unknown vendor words map to OTHER/UNKNOWN
// rather than failing.
import type {
  AppComplianceResponse,
  RuleComplianceResponse,
  SimDetailsResponse,
} from '../upstream/epmm/device-actions-dto.js';
import { ignoreDecodeWarnings } from '../upstream/decode-warnings.js';
import { decodeEpmmDeviceRows, type DeviceDetailsResponse, type EpmmDeviceRow } from '../upstream/epmm/dto.js';
import type { EasDevice, EpmmAppSetting } from '../upstream/epmm/v1-admin-dto.js';
import type { V1Device, V1ProfilesResponse } from '../upstream/epmm/v1-dto.js';
import { decodeComplianceBitmap } from './compliance-bitmap.js';
import { toDateTime } from './datetime.js';
import type { DeviceModel } from './device.js';
import { EPMM_DEVICE_FIELDS, epmmDeviceToModel, epmmPlatform } from './epmm-device.js';
import type {
  ActiveSyncAccess,
  ActiveSyncPartnershipModel,
  AndroidBatteryModel,
  AppSettingState,
  AppViolationModel,
  AppViolationType,
  BatteryChargingStatus,
  BatteryHealth,
  ComplianceActionKind,
  ComplianceStateModel,
  DeviceAppSettingModel,
  DeviceProfileModel,
  RuleViolationModel,
  SimSlotModel,
  ZebraBatteryModel,
} from './device-detail.js';

/** Lower-cased, separators removed: EPMM words the same value `Not charging`, `NOT_CHARGING` or `NotCharging`. */
function word(text: string | null | undefined): string {
  return (text ?? '').toLowerCase().replace(/[\s_-]+/g, '');
}

const APP_VIOLATION_TYPES: Readonly<Record<string, AppViolationType>> = {
  disallowed: 'DISALLOWED',
  required: 'REQUIRED',
  allowed: 'ALLOWED',
};

/** V13: violations grouped by type on the wire, flattened here in the order EPMM lists them. */
export function epmmAppViolations(response: AppComplianceResponse): AppViolationModel[] {
  return Object.values(response.results.appViolationsByType).flatMap((violations) =>
    violations.map((violation) => ({
      type: APP_VIOLATION_TYPES[word(violation.type)] ?? 'OTHER',
      vendorType: violation.type,
      appName: violation.appName,
      appVersion: violation.appVersion,
    })),
  );
}

const ACTION_KINDS: Readonly<Record<string, ComplianceActionKind>> = {
  alert: 'ALERT',
  blockactivesync: 'BLOCK_ACTIVESYNC',
  quarantine: 'QUARANTINE',
};

/** V24. `createdAt` is epoch milliseconds here, unlike the other dates of these APIs. */
export function epmmRuleViolations(response: RuleComplianceResponse): RuleViolationModel[] {
  return response.results.map((row) => ({
    id: row.id,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    actionName: row.actionName,
    actions: row.complianceActionNames.map((name) => ACTION_KINDS[word(name)] ?? 'OTHER'),
    vendorActions: row.complianceActionNames,
    quarantines: row.quarantineAction !== 0,
    detectedAt: toDateTime(row.createdAt),
  }));
}

const ACCESS: Readonly<Record<string, ActiveSyncAccess>> = {
  allowed: 'ALLOWED',
  blocked: 'BLOCKED',
  wiped: 'WIPED',
  quarantined: 'QUARANTINED',
};

/** E30 group a partnership was listed in, as a fallback when `activeSyncStatus` is absent. */
const GROUP_ACCESS: Readonly<Record<EasDevice['group'], ActiveSyncAccess>> = {
  registeredAllowed: 'ALLOWED',
  registeredBlocked: 'BLOCKED',
  unregisteredAllowed: 'ALLOWED',
  unregisteredBlocked: 'BLOCKED',
  wiped: 'WIPED',
};

export function epmmActiveSyncPartnership(device: EasDevice): ActiveSyncPartnershipModel {
  const status = word(device.activeSyncStatus);
  return {
    easUuid: device.uuid,
    deviceUuid: device.miDeviceUuid ? device.miDeviceUuid : null,
    exchangeDeviceId: device.deviceId || null,
    mailbox: device.mailboxId || null,
    userName: device.userName || null,
    domain: device.domain || null,
    phoneNumber: device.phoneNumber || null,
    model: device.model || null,
    platform: device.platform || null,
    registered: device.status ? word(device.status) === 'registered' : device.group.startsWith('registered'),
    access: status === '' ? GROUP_ACCESS[device.group] : (ACCESS[status] ?? 'UNKNOWN'),
    firstSyncAt: device.firstSyncTime === undefined ? null : toDateTime(device.firstSyncTime),
    lastSyncAt: device.lastSyncTime === undefined ? null : toDateTime(device.lastSyncTime),
    actionSource: device.actionSource || null,
  };
}

/** V11 writes "N/A" for what iOS does not expose (a physical SIM's EID, an empty slot). */
function unlessNotAvailable(value: string): string | null {
  const text = value.trim();
  return text === '' || text.toUpperCase() === 'N/A' ? null : text;
}

export function epmmSimSlots(response: SimDetailsResponse): SimSlotModel[] {
  return response.results.map((slot) => ({
    slot: slot.slot,
    eid: unlessNotAvailable(slot.eid),
    phoneNumber: unlessNotAvailable(slot.phoneNumber),
    carrierNetwork: unlessNotAvailable(slot.carrierNetwork),
    carrierSettingVersion: unlessNotAvailable(slot.carrierSettingVersion),
    label: unlessNotAvailable(slot.simLabel),
  }));
}

export function epmmDeviceProfiles(profiles: V1ProfilesResponse['profiles']): DeviceProfileModel[] {
  return profiles.map((profile) => {
    const type = word(profile.profileType);
    return {
      legacyId: profile.id,
      uuid: profile.uuid || null,
      name: profile.name,
      type: type === 'policy' ? 'POLICY' : type === 'app' ? 'APP' : 'OTHER',
      policyType: profile.policyType || null,
      status: profile.status || null,
      lastUpdatedAt: profile.lastUpdatedAt === undefined ? null : toDateTime(profile.lastUpdatedAt),
    };
  });
}

/** E47's `state` is a character code: 67 'C' current, 68 'D' deleted. */
function appSettingState(state: number | undefined): AppSettingState {
  if (state === 67) return 'CURRENT';
  if (state === 68) return 'DELETED';
  return 'UNKNOWN';
}

export function epmmDeviceAppSettings(settings: readonly EpmmAppSetting[]): DeviceAppSettingModel[] {
  return settings.map((setting) => ({
    legacyId: setting.id,
    name: setting.name,
    description: setting.description || null,
    appType: setting.appType,
    origin: setting.type || null,
    state: appSettingState(setting.state),
    properties: Object.entries(setting.properties).map(([name, value]) => ({
      name,
      value: value === '' ? null : value,
    })),
  }));
}

/** E02's three bitmaps; the decoder carries the guide's table with its arithmetic errors corrected. */
export function epmmComplianceState(device: V1Device): ComplianceStateModel {
  return {
    nonCompliance: decodeComplianceBitmap(device.compliance),
    quarantine: decodeComplianceBitmap(device.quarantinedStatus),
    block: decodeComplianceBitmap(device.blockReason),
    complianceBits: device.compliance,
    quarantineBits: device.quarantinedStatus,
    blockBits: device.blockReason,
  };
}

const CHARGING: Readonly<Record<string, BatteryChargingStatus>> = {
  charging: 'CHARGING',
  discharging: 'DISCHARGING',
  full: 'FULL',
  notcharging: 'NOT_CHARGING',
};

const HEALTH: Readonly<Record<string, BatteryHealth>> = {
  good: 'GOOD',
  overheat: 'OVERHEAT',
  cold: 'COLD',
  dead: 'DEAD',
  overvoltage: 'OVER_VOLTAGE',
  unspecifiedfailure: 'FAILURE',
  failure: 'FAILURE',
};

type DetailEntries = DeviceDetailsResponse['results'];
type DetailValue = DetailEntries[number]['value'];

const BATTERY = 'android.battery_';
const ZEBRA = 'android.battery_zebra_';

function text(value: DetailValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const result = String(value).trim();
  return result === '' ? null : result;
}

function integer(value: DetailValue | undefined): number | null {
  const result =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isSafeInteger(result) ? result : null;
}

function flag(value: DetailValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  const result = text(value)?.toLowerCase();
  return result === 'true' ? true : result === 'false' ? false : null;
}

/**
 * The Android battery variant of the V10 details: charging status and health, plus Zebra's OEM fields, which
 * only Zebra devices populate. Null when the device reports no battery statistics at all.
 */
export function epmmAndroidBattery(entries: DetailEntries): AndroidBatteryModel | null {
  const values = new Map<string, DetailValue>();
  for (const entry of entries)
    if (entry.name.startsWith(BATTERY)) values.set(entry.name.slice(BATTERY.length), entry.value);
  const status = text(values.get('status'));
  const health = text(values.get('health'));
  if (status === null && health === null) return null;
  return {
    status: CHARGING[word(status)] ?? 'UNKNOWN',
    health: HEALTH[word(health)] ?? 'UNKNOWN',
    zebra: zebraBattery(values),
  };
}

function zebraBattery(values: ReadonlyMap<string, DetailValue>): ZebraBatteryModel | null {
  const zebra = (name: string) => values.get(`${ZEBRA.slice(BATTERY.length)}${name}`);
  const model: ZebraBatteryModel = {
    partNumber: text(zebra('partnumber')),
    serialNumber: text(zebra('serialnumber')),
    manufactureDate: text(zebra('mfd')),
    ratedCapacityMah: integer(zebra('ratedcapacity')),
    presentCapacityMah: integer(zebra('present_capacity')),
    presentChargeMah: integer(zebra('present_charge')),
    healthPercent: integer(zebra('health_percentage')),
    chargeCycles: integer(zebra('usage_numb')),
    baseCumulativeChargeMah: integer(zebra('base_cumulative_charge')),
    totalCumulativeChargeMah: integer(zebra('total_cumulative_charge')),
    secondsSinceFirstUse: integer(zebra('seconds_since_first_use')),
    backupVoltageMv: integer(zebra('bkvoltage')),
    timeToEmptyMinutes: integer(zebra('time_to_empty')),
    timeToFullMinutes: integer(zebra('time_to_full')),
    decommissioned: flag(zebra('decommission')),
  };
  return Object.values(model).every((value) => value === null) ? null : model;
}

/** A field the device mapper also reads under another name (epmmDeviceToModel). */
const FIELD_VARIANTS: Readonly<Record<string, string>> = { 'common.SerialNumber': 'common.serial_number' };

/** What the V09 details of one device give for a selection: the Device, or the EPMM fields the answer lacks. */
export type DetailsDevice = { device: DeviceModel } | { device: null; missing: readonly string[] };

/**
 * The Device that V09's details describe, when they carry every EPMM field in `fields` (the selection's fields, as
 * for a projected search: src/models/epmm-device-projection.ts). V09 names its entries as the search names its
 * fields (`common.model`, `user.user_id`) and lists a field the device has no value for with a null value, so a name
 * that is absent is a field this server's details do not carry: then `missing` names them and the caller searches.
 * `ios.*` fields are excused on a device whose `common.platform` is Android or Windows, `android.*` fields on one whose
 * platform is another known one: EPMM leaves them out there and the search reads them as null too. The row goes through the search rows' decoding step (masked keys removed, epoch
 * seconds converted), so a Device read either way is the same; a bag about another uuid (or a masked one) is refused
 * with nothing missing. The Device records the EPMM fields it carries (`epmmFields`), as a projected search row does.
 */
export function epmmDetailsToDevice(entries: DetailEntries, uuid: string, fields: readonly string[]): DetailsDevice {
  const row: EpmmDeviceRow = {};
  for (const entry of entries) if (!Object.hasOwn(row, entry.name)) row[entry.name] = entry.value;
  // Presence is read before decoding, which removes masked values: a masked field was answered (and reads as null).
  const names = new Set(Object.keys(row));
  decodeEpmmDeviceRows([row], ignoreDecodeWarnings);
  const platform = row['common.platform'];
  const os = typeof platform === 'string' ? epmmPlatform(platform) : 'OTHER';
  const notApple = os === 'ANDROID' || os === 'WINDOWS';
  const notAndroid = os === 'IOS' || os === 'MACOS' || os === 'WINDOWS';
  const carried = (name: string) =>
    names.has(name) ||
    (FIELD_VARIANTS[name] !== undefined && names.has(FIELD_VARIANTS[name])) ||
    (notApple && name.startsWith('ios.')) ||
    (notAndroid && name.startsWith('android.'));
  const missing = fields.filter((name) => !carried(name));
  if (missing.length > 0) return { device: null, missing };
  const device = epmmDeviceToModel(row);
  if (!device || device.uuid !== uuid.toLowerCase()) return { device: null, missing: [] };
  const kept = EPMM_DEVICE_FIELDS.filter(carried);
  if (kept.length < EPMM_DEVICE_FIELDS.length) device.epmmFields = Object.freeze(kept);
  return { device };
}
