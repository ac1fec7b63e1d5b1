// A World device as a v1 `<device>` record (catalogue §A2.1). The document lists different fields per endpoint:
// E01 (by status), E02 (one device: `currentPhoneNumber` instead of `phoneNumber`, no country or EAS fields) and
// E04-E07 (lookups: `registeredAt`, no `userSource`). Each variant emits exactly the fields its endpoint lists.
import type { Platform, SimDevice, World } from '../fleet/types.js';
import { blockReasonBitmap, complianceBitmap, quarantineBitmap } from './bitmaps.js';
import { v1DeviceDetails } from './device-details.js';
import { v1EasPartnership } from './eas-link.js';
import { v1Date, v1Entries, type V1Object } from './json.js';
import { PDA_OPERATOR, PDA_OPERATOR_ID, v1CountryOf, v1OperatorOf } from './reference.js';
import { v1Phone } from './scope.js';
import { V1_STATUS_CODE, v1Status } from './status.js';

export type V1RecordVariant = 'byStatus' | 'single' | 'lookup';

/** The platform names v2 uses (`common.platform`), so `platform` reads "Android 14" as in the v1 samples. */
const PLATFORM_NAME: Record<Platform, string> = { iOS: 'iOS', Android: 'Android', macOS: 'OS X', Windows: 'Windows' };

const LANGUAGES = ['English', 'German', 'French', 'Dutch', 'Spanish', 'Italian', 'Swedish', 'Portuguese', 'Japanese'];

/** "For Ivanti EPMM internal use"; the sample's 1073741831 is 2^30 + 7, read here as 2^30 + the device id. */
const CLIENT_ID_BASE = 1_073_741_824;

/** 76 = 'L' local, 68 = 'D' directory (LDAP). */
export function v1UserSource(source: 'LOCAL' | 'LDAP'): number {
  return source === 'LOCAL' ? 76 : 68;
}

export function v1PlatformName(device: SimDevice): string {
  return `${PLATFORM_NAME[device.platform]} ${device.osVersion}`;
}

/** "principal:platform:phone", the form of the E13 sample (`jdoe:Android:6505551212`); PDA when there is no phone. */
export function v1DeviceName(world: World, device: SimDevice): string {
  const principal = world.usersByUuid.get(device.userUuid)?.userId ?? '';
  return `${principal}:${PLATFORM_NAME[device.platform]}:${v1Phone(device) ?? PDA_OPERATOR}`;
}

export function v1DeviceRecord(world: World, device: SimDevice, variant: V1RecordVariant): V1Object {
  const user = world.usersByUuid.get(device.userUuid);
  const country = v1CountryOf(device);
  const operator = v1OperatorOf(device);
  const status = v1Status(device.status);
  const phone = v1Phone(device);
  const eas = v1EasPartnership(world, device);
  const record: V1Object = {
    id: device.id,
    uuid: device.uuid,
    principal: user?.userId ?? '',
    blockReason: blockReasonBitmap(device, eas),
    clientId: CLIENT_ID_BASE + device.id,
    compliance: complianceBitmap(device),
    countryCode: country ? String(country.countryCode) : '',
  };
  if (variant !== 'single' && country) {
    record.countryId = country.countryId;
    record.countryName = country.countryName;
  }
  record.details = v1Entries(v1DeviceDetails(device));
  // "Not used. Always 0."
  record.deviceCount = 0;
  if (variant === 'byStatus' && eas) {
    record.easLastSyncAttempt = v1Date(eas.lastSyncTime);
    record.easUuid = eas.uuid;
  }
  if (variant === 'single' && phone !== undefined) record.currentPhoneNumber = phone;
  record.emailAddress = user?.email ?? '';
  record.employeeOwned = device.ownership === 'EMPLOYEE';
  if (variant !== 'single') record.homeOperator = device.phoneNumber === null ? PDA_OPERATOR : device.homeOperatorName;
  record.languageCountryId = country?.countryId ?? 0;
  record.languageId = LANGUAGES.indexOf(device.language) + 1;
  record.lastConnectedAt = v1Date(device.lastCheckinAt);
  record.manufacturer = device.manufacturer;
  // "MDM profile enabled (iOS only; always false for others)"; macOS enrols through the same Apple MDM protocol.
  record.mdmManaged = (device.platform === 'iOS' || device.platform === 'macOS') && device.mdmManaged;
  record.mdmProfileUrlId = '';
  record.model = device.model;
  record.name = v1DeviceName(world, device);
  record.notifyUser = true;
  record.operator = operator?.carrierShortName ?? PDA_OPERATOR;
  record.operatorId = operator?.id ?? PDA_OPERATOR_ID;
  if (variant !== 'single' && phone !== undefined) record.phoneNumber = phone;
  record.platform = v1PlatformName(device);
  record.quarantinedStatus = quarantineBitmap(device);
  record.regCount = 0;
  record.regType = 'DEFAULT';
  if (variant === 'lookup') record.registeredAt = v1Date(device.registeredAt);
  record.status = status;
  record.statusCode = V1_STATUS_CODE[status];
  record.userDisplayName = user?.displayName ?? '';
  record.userFirstName = user?.firstName ?? '';
  record.userLastName = user?.lastName ?? '';
  if (variant !== 'lookup' && user) record.userSource = v1UserSource(user.source);
  record.userUuid = device.userUuid;
  return record;
}
