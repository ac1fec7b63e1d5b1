// The simulator's in-memory world: one consistent fleet behind every simulated endpoint.
// Field names of the EPMM wire format live only in fleet/device-fields.ts; everything else uses these types.
import type { SimActiveSyncDevice } from './activesync.js';
import type { SimAlert } from './alerts.js';
import type { SimAppSetting } from './app-settings.js';
import type { SimPolicy } from './policies.js';

export type Platform = 'iOS' | 'Android' | 'macOS' | 'Windows';
export type DeviceStatus = 'ACTIVE' | 'PENDING' | 'RETIRE_PENDING' | 'RETIRED' | 'WIPED' | 'LOCKED';
export type Ownership = 'COMPANY' | 'EMPLOYEE' | 'UNKNOWN';

export interface SimDeviceSpace {
  id: number;
  name: string;
  description: string | null;
  parentId: number | null;
  /** "/1/" for Global, "/1/2/" for a child: ancestor ids, as the DS10 sample shows. */
  path: string;
  priority: number;
  /** Advanced-search criteria text ("" for Global). */
  criteria: string;
  /** ISO country codes whose devices fall in this space (the generator's reading of the criteria). */
  countryCodes: string[];
  status: 'ACTIVE' | 'PENDING';
}

export type AdminRole =
  | 'VIEW_DEVICES' // Device Management / View dashboard, device page, device details
  | 'MANAGE_DEVICES' // Device Management / Manage devices
  | 'MANAGE_DEVICES_RESTRICTED'
  | 'LOCK_UNLOCK' // Lock & unlock device
  | 'SEND_MESSAGE' // Send message to device
  | 'FORCE_CHECKIN'
  | 'APPLY_LABEL'
  | 'WIPE'
  | 'RETIRE'
  | 'DELETE_RETIRED'
  | 'MANAGE_ACTIVESYNC'
  | 'MOBILE_APP'
  | 'MANAGE_COMPLIANCE_ACTION'
  | 'MANAGE_SPACES' // Admin Management / Manage administrators and device spaces
  | 'VIEW_POLICY';

export interface SimAdmin {
  name: string;
  password: string;
  roles: ReadonlySet<AdminRole>;
  /** Ids of the device spaces this admin may act in. */
  spaceIds: number[];
}

export interface SimUser {
  uuid: string;
  /** Login name, `user.user_id` on the wire. */
  userId: string;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
  source: 'LOCAL' | 'LDAP';
  /** LDAP users only. */
  samAccountName: string | null;
  distinguishedName: string | null;
}

export interface SimLabel {
  id: number;
  name: string;
  description: string;
  /** Built-in labels (negative ids, like the documents' `-1`) are computed from device attributes. */
  builtIn: boolean;
}

export interface SimDevice {
  /** `common.id`: small integer, unique. */
  id: number;
  uuid: string;
  platform: Platform;
  osVersion: string;
  manufacturer: string;
  model: string;
  deviceName: string;
  status: DeviceStatus;
  ownership: Ownership;
  userUuid: string;
  spaceId: number;
  homeCountryCode: string;
  homeCountryName: string;
  homeOperatorName: string;
  phoneNumber: string | null;
  imei: string | null;
  imsi: string | null;
  serialNumber: string | null;
  wifiMac: string;
  ipAddress: string;
  language: string;
  locale: string;
  /** ISO-8601 with milliseconds and Z. */
  registeredAt: string;
  createdAt: string;
  lastCheckinAt: string;
  clientLastCheckinAt: string;
  storageCapacity: number;
  storageFree: number;
  memoryCapacity: number;
  memoryFree: number;
  batteryLevel: number | null;
  clientName: string | null;
  clientVersion: string | null;
  compromised: boolean;
  quarantined: boolean;
  quarantinedReasons: string[];
  /** Empty when compliant. */
  noncomplianceReasons: string[];
  mdmManaged: boolean;
  deviceAdminEnabled: boolean;
  dataProtectionEnabled: boolean;
  deviceEncrypted: boolean;
  /** Android only, else null. */
  androidRegistrationStatus: string | null;
  /** Explicit (non-built-in) label ids applied to the device. */
  labelIds: Set<number>;
  /** Epoch ms of the last change, for the V05 "not modified in the last day" rule. */
  modifiedAt: number;
}

export interface World {
  seed: number;
  /** Epoch ms the fleet's dates are relative to (the generator's `now`); the live clock starts here (live/state.ts). */
  generatedAt: number;
  spaces: SimDeviceSpace[];
  admins: SimAdmin[];
  users: SimUser[];
  labels: SimLabel[];
  devices: SimDevice[];
  /** Indexes kept in step with `devices`. */
  devicesByUuid: Map<string, SimDevice>;
  usersByUuid: Map<string, SimUser>;
  /** Exchange ActiveSync partnerships (V12 report, v1 `/eas/devices`); see fleet/activesync.ts. */
  activeSyncDevices: SimActiveSyncDevice[];
  /** Event Center alerts (v1 `/alerts`), ids ascending; see fleet/alerts.ts. */
  alerts: SimAlert[];
  alertsById: Map<number, SimAlert>;
  /** Policies and the labels they are applied to (v1 `/policies`); see fleet/policies.ts. */
  policies: SimPolicy[];
  /** Application settings and their labels (v1 `/appsettings`); see fleet/app-settings.ts. */
  appSettings: SimAppSetting[];
  /** Passwords changed through v1 E33, by login; a user absent here still has the initial password (the login). */
  userPasswords: Map<string, string>;
}
