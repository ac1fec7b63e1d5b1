// The `<details>` key/value pairs of a v1 device record (catalogue §A2.2 Android, §A2.3 iOS). Values are read from
// the same World device that v2 shows, in the spellings the v1 document lists for each platform.
import { COUNTRY_BY_CODE } from '../fleet/countries.js';
import { appleUdid, dataRoamingEnabled, iccid } from '../fleet/device-traits.js';
import type { SimDevice } from '../fleet/types.js';
import { peekV1DeviceState } from './device-state.js';

type Entry = readonly [string, string];

/** Pending registrations report nothing yet ("If device registration is pending, then the details section is empty"). */
export function v1DeviceDetails(device: SimDevice): Entry[] {
  if (device.status === 'PENDING') return [];
  const common = commonEntries(device);
  switch (device.platform) {
    case 'Android':
      return [...common, ...androidEntries(device)];
    case 'iOS':
    case 'macOS':
      return [...common, ...appleEntries(device)];
    case 'Windows':
      return common;
  }
}

function commonEntries(device: SimDevice): Entry[] {
  const entries: Entry[] = [
    ['device_manufacturer', device.manufacturer],
    ['device_model', device.model],
    ['locale', device.locale],
    ['wifi_mac_addr', device.wifiMac.replace(/:/g, '')],
    ['total_storage_size_bytes', String(device.storageCapacity)],
    ['free_storage_size_bytes', String(device.storageFree)],
  ];
  if (device.clientName !== null) entries.push(['client_name', device.clientName]);
  // The device samples spell this key with a capital C although the Android table does not.
  if (device.clientVersion !== null) entries.push(['Client_version', device.clientVersion]);
  if (device.batteryLevel !== null) entries.push(['battery_life', String(device.batteryLevel)]);
  if (device.imei !== null) entries.push(['imei', device.imei]);
  if (device.imsi !== null) entries.push(['imsi', device.imsi]);
  if (device.phoneNumber !== null) entries.push(['current_mobile_number', device.phoneNumber.replace(/\D/g, '')]);
  return entries;
}

function androidEntries(device: SimDevice): Entry[] {
  const operator = COUNTRY_BY_CODE.get(device.homeCountryCode)?.operators.find(
    (candidate) => candidate.name === device.homeOperatorName,
  );
  const entries: Entry[] = [
    ['platform_name', device.osVersion],
    ['security_state', device.compromised ? 'Compromised' : 'Ok'],
    ['mdm_enabled', String(device.mdmManaged)],
    ['admin_activated', String(device.deviceAdminEnabled)],
    ['prv_device_encryption', device.deviceEncrypted ? 'on' : 'off'],
    ['total_ram_size_bytes', String(device.memoryCapacity)],
    ['free_ram_size_bytes', String(device.memoryFree)],
  ];
  if (device.imsi !== null && operator) {
    entries.push(['home_operator', `${operator.name}::${operator.mccMnc}`], ['current_operator_name', operator.name]);
    entries.push(['device_roaming_flag', roaming(device).data ? 'on' : 'off']);
  }
  return entries;
}

function appleEntries(device: SimDevice): Entry[] {
  const entries: Entry[] = [
    ['platform_name', 'iPhone'],
    ['OSVersion', device.osVersion],
    ['DeviceName', device.deviceName],
    ['ModelName', device.model],
    ['WiFiMAC', device.wifiMac.replace(/:/g, '').toUpperCase()],
    ['iPhone UDID', appleUdid(device)],
    // iOS reports 1 when the device is not compromised (the opposite of what the name suggests, as documented).
    ['security_state', device.compromised ? '0' : '1'],
    ['DeviceCompromised', String(device.compromised)],
    ['PasscodePresent', String(device.dataProtectionEnabled)],
    ['PasscodeIsCompliant', String(!device.noncomplianceReasons.includes('PASSCODE_NOT_COMPLIANT'))],
  ];
  if (device.serialNumber !== null) entries.push(['SerialNumber', device.serialNumber]);
  const card = iccid(device, COUNTRY_BY_CODE.get(device.homeCountryCode)?.dialCode ?? '');
  if (card !== null) entries.push(['iPhone ICCID', card]);
  if (device.imsi !== null) {
    const { voice, data } = roaming(device);
    entries.push(['Voice Roaming Enabled', String(voice)], ['DataRoamingEnabled', String(data)]);
  }
  return entries;
}

/** E21's switches where set, else what the device reports; voice off forces data off (E21). */
export function roaming(device: SimDevice): { voice: boolean; data: boolean } {
  const state = peekV1DeviceState(device);
  const voice = state?.voiceRoaming ?? true;
  const data = state?.dataRoaming ?? dataRoamingEnabled(device) ?? false;
  return { voice, data: voice && data };
}
