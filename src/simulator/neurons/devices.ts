// A World device as Neurons for MDM shows it: the record shape of the real-world fixtures
// (get_devices_response_page*.json, device_response.json), epoch-millisecond timestamps, numeric ids.
import { createHash } from 'node:crypto';
import type { Platform, SimDevice, World } from '../fleet/types.js';
import { appleAutomatedEnrollment, osBuild } from '../fleet/device-traits.js';
import { groupNamesByAccount } from './accounts.js';
import { compileFilter } from './filter/evaluate.js';
import { neuronsDeviceId, partitionOf, type NeuronsDeviceGroup, type NeuronsWorld } from './world.js';

const PLATFORM_TYPES: Record<Platform, string> = {
  iOS: 'IOS',
  Android: 'ANDROID',
  macOS: 'OSX',
  Windows: 'WINDOWS_PHONE',
};
const REGISTRATION_STATES: Record<SimDevice['status'], string> = {
  ACTIVE: 'ACTIVE',
  PENDING: 'PENDING',
  RETIRE_PENDING: 'RETIRE_PENDING',
  RETIRED: 'RETIRED',
  WIPED: 'WIPED',
  LOCKED: 'ACTIVE',
};
/** Neurons reports violated policies by name (NG13); EPMM's reason codes map to the policies that raise them. */
const POLICY_NAMES: Record<string, string> = {
  DEVICE_ADMIN_DEACTIVE: 'MDM / Device Administration Disabled',
  OS_VERSION_OUT_OF_DATE: 'OS Version Out of Date',
  PASSCODE_NOT_COMPLIANT: 'Passcode Not Compliant',
  COMPROMISED: 'Jailbroken / Rooted Devices',
  OUT_OF_CONTACT: 'Out of Contact',
  DISALLOWED_APP: 'Disallowed Apps',
};

/** Per-request context: account ids and (lazily) each account's user-group names. */
export interface DeviceView {
  world: World;
  neurons: NeuronsWorld;
  groupNames(accountId: number): readonly string[];
}

export function deviceView(world: World, neurons: NeuronsWorld): DeviceView {
  let names: Map<number, string[]> | undefined;
  return {
    world,
    neurons,
    groupNames(accountId) {
      names ??= groupNamesByAccount(world, neurons);
      return names.get(accountId) ?? [];
    },
  };
}

const ms = (iso: string) => Date.parse(iso);
const gb = (bytes: number) => Math.round((bytes / 1e9) * 1e6) / 1e6;

function derivedUuid(seed: string): string {
  const hex = createHash('md5').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function accountIdOf(view: DeviceView, device: SimDevice): number {
  return view.neurons.accountIdByUserUuid.get(device.userUuid) ?? 0;
}

/** The filter/facet fields (UPPERCASE), as NG13's facet keys and the documents' expressions name them. */
const FIELD_GETTERS: Record<string, (device: SimDevice, view: DeviceView) => readonly string[]> = {
  PLATFORMTYPE: (device) => [PLATFORM_TYPES[device.platform]],
  OSVERSION: (device) => [device.osVersion],
  PRETTYMODEL: (device) => [device.model],
  DEVICEMODEL: (device) => [device.model],
  MANUFACTURER: (device) => [device.manufacturer],
  DEVICENAME: (device) => [device.deviceName],
  REGISTRATIONSTATE: (device) => [REGISTRATION_STATES[device.status]],
  COMPLIANCESTATE: (device) => [String(device.noncomplianceReasons.length === 0)],
  OWNERSHIPTYPE: (device) => [device.ownership],
  QUARANTINED: (device) => [String(device.quarantined)],
  JAILBROKEN: (device) => [String(device.compromised)],
  SERIALNUMBER: (device) => (device.serialNumber ? [device.serialNumber] : []),
  SUBSCRIBERCARRIERNETWORK: (device) => [device.homeOperatorName],
  HOMECOUNTRYCODE: (device) => [device.homeCountryCode],
  UID: (device, view) => [view.world.usersByUuid.get(device.userUuid)?.email ?? ''],
  EMAILADDRESS: (device, view) => [view.world.usersByUuid.get(device.userUuid)?.email ?? ''],
  ACCOUNTGROUP: (device, view) => view.groupNames(accountIdOf(view, device)),
  KIOSKSTATE: () => ['NOT_CONFIGURED'],
  ROAMING: () => ['false'],
  MULTIUSER: () => ['false'],
  LOSTMODEENABLED: () => ['false'],
};
export const DEVICE_FIELDS: ReadonlySet<string> = new Set(Object.keys(FIELD_GETTERS));

export function deviceFieldValues(view: DeviceView) {
  return (device: SimDevice, field: string): readonly string[] => FIELD_GETTERS[field]?.(device, view) ?? [];
}

/** Facets in the real-world fixture's style: ACCOUNTGROUP and KIOSKSTATE terms are lower-cased, booleans are strings. */
const FACETS: readonly { key: string; field: string; lower?: boolean }[] = [
  { key: 'PLATFORMTYPE', field: 'PLATFORMTYPE' },
  { key: 'REGISTRATIONSTATE', field: 'REGISTRATIONSTATE' },
  { key: 'COMPLIANCESTATE', field: 'COMPLIANCESTATE' },
  { key: 'OWNERSHIPTYPE', field: 'OWNERSHIPTYPE' },
  { key: 'PRETTYMODEL', field: 'PRETTYMODEL' },
  { key: 'ACCOUNTGROUP', field: 'ACCOUNTGROUP', lower: true },
  { key: 'KIOSKSTATE', field: 'KIOSKSTATE', lower: true },
  { key: 'JAILBROKEN', field: 'JAILBROKEN' },
  { key: 'SUBSCRIBERCARRIERNETWORK', field: 'SUBSCRIBERCARRIERNETWORK' },
  { key: 'ROAMING', field: 'ROAMING' },
];

export function facets(view: DeviceView, devices: readonly SimDevice[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const values = deviceFieldValues(view);
  for (const facet of FACETS) {
    const counts: Record<string, number> = {};
    for (const device of devices) {
      for (const raw of values(device, facet.field)) {
        const term = facet.lower ? raw.toLowerCase() : raw;
        counts[term] = (counts[term] ?? 0) + 1;
      }
    }
    out[facet.key] = counts;
  }
  return out;
}

/** A membership test for a device group: its partition's devices that match its rule, or its static list. */
export function deviceGroupTest(view: DeviceView, group: NeuronsDeviceGroup): (device: SimDevice) => boolean {
  const inPartition = (device: SimDevice) => partitionOf(view.neurons, device)?.id === group.partitionId;
  if (group.membershipStatic)
    return (device) => group.staticMembers.has(neuronsDeviceId(device)) && inPartition(device);
  const test = compileFilter(group.filter, deviceFieldValues(view));
  return (device) => inPartition(device) && test(device);
}

/** Members of a device group now. */
export function deviceGroupMembers(view: DeviceView, group: NeuronsDeviceGroup): SimDevice[] {
  return view.world.devices.filter(deviceGroupTest(view, group));
}

/** The 108/109-key search record of get_devices_response_page*.json, in the same key order. */
export function deviceRecord(view: DeviceView, device: SimDevice): Record<string, unknown> {
  const user = view.world.usersByUuid.get(device.userUuid);
  const partition = partitionOf(view.neurons, device);
  const mobile = device.platform === 'iOS' || device.platform === 'Android';
  const ios = device.platform === 'iOS';
  const android = device.platform === 'Android';
  const enrolled = device.status !== 'PENDING';
  return {
    id: neuronsDeviceId(device),
    guid: device.uuid,
    mdmChannelId: derivedUuid(`channel:${device.uuid}`),
    phoneNumber: device.phoneNumber,
    deviceModel: device.model,
    deviceName: device.deviceName,
    platformType: PLATFORM_TYPES[device.platform],
    platformVersion: device.osVersion,
    osBuildVersion: osBuild(device),
    lastCheckin: ms(device.lastCheckinAt),
    registrationState: REGISTRATION_STATES[device.status],
    displayName: user?.displayName ?? null,
    firstName: user?.firstName ?? null,
    lastName: user?.lastName ?? null,
    uid: user?.email ?? null,
    emailAddress: user?.email ?? null,
    clientVersion: device.clientVersion,
    manufacturer: device.manufacturer,
    imei: device.imei,
    imei2: null,
    imsi: device.imsi,
    locatorServiceEnabled: false,
    meid: null,
    wifiMacAddress: device.wifiMac,
    wifiMacAddressForInventory: null,
    systemUpdateInformation: null,
    serialNumber: device.serialNumber,
    altSerialNumber: null,
    cellularTechnology: mobile ? 'device__p_cellular_technology' : null,
    currentCarrierNetwork: device.imsi ? device.homeOperatorName : 'Not Present',
    subscriberCarrierNetwork: device.imsi ? device.homeOperatorName : 'UNKNOWN',
    locale: device.locale,
    ownershipType: device.ownership,
    complianceState: device.noncomplianceReasons.length === 0,
    roaming: false,
    // Automated enrolment supervises a Mac too; iPhones and iPads the company owns are supervised either way.
    supervised: ios ? device.ownership === 'COMPANY' : appleAutomatedEnrollment(device),
    udid: ios || device.platform === 'macOS' ? derivedUuid(`udid:${device.uuid}`).toUpperCase() : null,
    clientLastCheckin: device.clientName ? ms(device.clientLastCheckinAt) : null,
    iccid: null,
    currentMcc: null,
    currentMnc: null,
    subscriberMcc: device.imsi ? device.imsi.slice(0, 3) : null,
    subscriberMnc: device.imsi ? device.imsi.slice(3, 5) : null,
    prettyModel: device.model,
    policyViolationCount: device.noncomplianceReasons.length,
    latitude: null,
    longitude: null,
    locationLastCapturedAt: null,
    lastRegistrationTime: ms(device.registeredAt),
    lostModeEnabled: ios ? false : null,
    multiUser: ios ? false : null,
    maxResidentUsers: null,
    clientDeviceIdentifier: device.clientName ? derivedUuid(`client:${device.uuid}`).toUpperCase() : null,
    availableCapacity: enrolled ? gb(device.storageFree) : null,
    totalCapacity: gb(device.storageCapacity),
    clusterIdentifier: 'CLOUD',
    deviceSource: 'CLOUD',
    quarantined: device.quarantined,
    jailbroken: device.compromised,
    passcodeCompliant: ios ? !device.noncomplianceReasons.includes('PASSCODE_NOT_COMPLIANT') : null,
    passcodeCompliantWithProfiles: mobile ? !device.noncomplianceReasons.includes('PASSCODE_NOT_COMPLIANT') : null,
    blocked: false,
    locationStatusDetail: null,
    androidBuildFingerprint: android ? '' : null,
    androidBuildId: android ? (osBuild(device) ?? '') : null,
    androidZebraPatchLevel: android ? '' : null,
    androidSystemUpdateStatus: android ? 'UNKNOWN' : null,
    salesCode: android ? '' : null,
    firmwareVersion: android ? '' : null,
    uptime: null,
    androidWorkContainerEnabled: device.androidRegistrationStatus === 'Work Profile',
    androidWorkUid: null,
    androidManagedByGoogle: false,
    fcmEnabled: android,
    actionExceptionCodes: [],
    violatedPolicies: device.noncomplianceReasons.map((reason) => POLICY_NAMES[reason] ?? reason),
    supportLockMessage: ios,
    ownerId: accountIdOf(view, device),
    kioskState: 'NOT_CONFIGURED',
    customAttributes: { attrs: {} },
    easDeviceIdentifiers: [],
    appEasIdentifiers: null,
    androidDeviceOwnerModeEnabled: device.androidRegistrationStatus === 'Device Owner',
    windowsDeviceType: device.platform === 'Windows' ? 'WINDOWS_DESKTOP' : null,
    secureAppsStatus: null,
    secureAppsEncryptionStatus: null,
    secureAppsEncryptionMode: null,
    tpmSpecificationVersion: null,
    bridgeVersion: null,
    bridgeDeviceDataLastCapturedAt: null,
    lastHotfixId: null,
    lastHotfixInstalledOn: null,
    mamOnly: false,
    authOnly: false,
    ipAddress: device.ipAddress,
    depEnrolled: appleAutomatedEnrollment(device) ?? false,
    depEligible: appleAutomatedEnrollment(device) ?? false,
    mobileThreatDefenseGeneralStatus: 'NA',
    antiPhishingGeneralStatus: 'NA',
    samsungEfotaCapable: false,
    currentCountryName: null,
    currentCountryCode: null,
    homeCountryName: device.homeCountryName,
    homeCountryCode: device.homeCountryCode,
    userPreferenceCSVHeader: null,
    dmPartitionId: partition?.id ?? null,
    dmPartitionName: partition?.name ?? null,
    entityName: device.deviceName,
  };
}
