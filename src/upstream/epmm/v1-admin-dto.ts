// EPMM v1 administration wire shapes (catalogue E30-E47), validated at the boundary through the tolerant v1
// readers (v1-json.ts): any key casing, root element or none, one item as an object or an array. Only the keys
// the documents name are read; anything the samples omit is optional.
import { z } from 'zod';
import { asV1Array, v1Bool, v1EntryMap, v1Int, v1List, v1Messages, v1Object, v1String } from './v1-json.js';

/** A directly repeated element (`<roles>`, `<labels>`, `<resourceDTOs>`): absent, one value or an array. */
function repeated<T extends z.ZodType>(item: T) {
  return z.preprocess(asV1Array, z.array(item));
}

/** Enum-like text the PDF line-wraps (`MEMORY_SIZE_EXCEEDED_ ALERT`, `PRIVACY_SYNC_ CALLLOGS`): whitespace removed. */
const v1Constant = v1String.transform((text) => text.replace(/\s+/g, ''));

/** Text that may be missing; an empty XML element that a mapper made `{}` reads as absent. */
const optionalText = z.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
      ? undefined
      : value,
  v1String.optional(),
);

export const V1MessagesOnly = v1Object({ messages: v1Messages });

// E30-E32 ActiveSync

const EasDeviceSummary = v1Object({
  uuid: v1String,
  domain: optionalText,
  deviceId: optionalText,
  mailboxId: optionalText,
  userName: optionalText,
  phoneNumber: optionalText,
  model: optionalText,
  platform: optionalText,
  platformCode: v1Int.optional(),
  status: optionalText,
  activeSyncStatus: optionalText,
  firstSyncTime: v1Int.optional(),
  lastSyncTime: v1Int.optional(),
  miDeviceUuid: optionalText,
  actionSource: optionalText,
});
export type EasDeviceSummary = z.output<typeof EasDeviceSummary>;

export const EAS_GROUPS = [
  'registeredAllowed',
  'registeredBlocked',
  'unregisteredAllowed',
  'unregisteredBlocked',
  'wiped',
] as const;
export type EasGroup = (typeof EAS_GROUPS)[number];
/** One E30 partnership, flattened by the client with the group it was listed in. */
export type EasDevice = EasDeviceSummary & { group: EasGroup };

export const EasDevicesResponse = v1Object({
  messages: v1Messages,
  registeredAllowedDevices: v1List('registeredAllowedDevice', EasDeviceSummary),
  registeredBlockedDevices: v1List('registeredBlockedDevice', EasDeviceSummary),
  unregisteredAllowedDevices: v1List('unregisteredAllowedDevice', EasDeviceSummary),
  unregisteredBlockedDevices: v1List('unregisteredBlockedDevice', EasDeviceSummary),
  wipedDevices: v1List('wipedDevice', EasDeviceSummary),
});

export const EasDeviceDetailsResponse = v1Object({ uuid: v1String, details: v1EntryMap });
export type EasDeviceDetails = z.output<typeof EasDeviceDetailsResponse>;

// E33-E36 users

const SmUser = v1Object({
  id: v1Int.optional(),
  uuid: optionalText,
  principal: v1String,
  createdAt: v1Int.optional(),
  displayName: optionalText,
  email: optionalText,
  enabled: v1Bool.optional(),
  firstName: optionalText,
  forcePasswordChange: v1Bool.optional(),
  googleAppsEncryptionAlgVersion: v1Int.optional(),
  lastAdminPortalLoginTime: v1Int.optional(),
  lastName: optionalText,
  opaque: v1Bool.optional(),
  roles: repeated(v1String),
  /** 76 = 'L' local, 68 = 'D' LDAP. */
  userSource: v1Int.optional(),
});
export type SmUser = z.output<typeof SmUser>;

export const SmUserResponse = v1Object({ userName: optionalText, messages: v1Messages, user: SmUser });

const LdapUser = v1Object({
  principal: v1String,
  displayName: optionalText,
  email: optionalText,
  enabled: v1Bool.optional(),
  firstName: optionalText,
  forcePasswordChange: v1Bool.optional(),
  lastName: optionalText,
  opaque: v1Bool.optional(),
  userSource: v1Int.optional(),
});
export type LdapUser = z.output<typeof LdapUser>;

export const LdapSearchResponse = v1Object({
  userName: optionalText,
  messages: v1Messages,
  users: v1List('user', LdapUser),
});

export const PasswordChangeResponse = v1Object({ userName: optionalText, messages: v1Messages });

// E37-E42 alerts

const Alert = v1Object({
  id: v1Int,
  deviceUuid: v1String.transform((text) => text.replace(/\s+/g, '')),
  dispatchDeviceUuid: optionalText,
  userUuid: optionalText,
  labelId: v1Int.optional(),
  eventSubscriptionName: optionalText,
  alertDate: v1String,
  alertText: v1String,
  /** EPMM's inverted flag: true = UNREAD. */
  isActive: v1Bool,
  retries: v1Int.optional(),
  updateBy: optionalText,
  updatedAt: optionalText,
  userName: optionalText,
  alertDefnName: v1Constant,
  severity: v1Constant,
  transport: v1Constant,
  status: v1Constant,
  /** "Not used": never read for the read state. */
  isAlertRead: v1Bool.optional(),
}).transform((alert) => ({ ...alert, read: !alert.isActive }));
export type EpmmAlert = z.output<typeof Alert>;

export const AlertsResponse = v1Object({ messages: v1Messages, alerts: v1List('alert', Alert) });

// E43-E45 policies

const PolicyRule = v1Object({
  type: v1Constant,
  value: optionalText,
  clientValue: optionalText,
  resourceDTOs: repeated(v1Object({ name: v1String, resourceType: optionalText, value: optionalText })),
});
export type EpmmPolicyRule = z.output<typeof PolicyRule>;

const Policy = v1Object({
  id: v1Int,
  policyName: v1String,
  policyType: optionalText,
  profileType: optionalText,
  status: optionalText,
  active: v1Bool.optional(),
  defaultPolicy: v1Bool.optional(),
  description: optionalText,
  deviceCount: v1Int.optional(),
  pendingCount: v1Int.optional(),
  priority: v1Int.optional(),
  rules: v1List('rule', PolicyRule),
});
export type EpmmPolicy = z.output<typeof Policy>;

export const PoliciesResponse = v1Object({ messages: v1Messages, policies: v1List('policy', Policy) });

// E46-E47 application settings

const AppSetting = v1Object({
  id: v1Int,
  name: v1String,
  description: optionalText,
  appType: v1Constant,
  deviceCount: v1Int.optional(),
  pendingCount: v1Int.optional(),
  quarantinedCount: v1Int.optional(),
  /** SYSTEM or admin-generated. */
  type: optionalText,
  /** E47 only: 67 'C' current, 68 'D' deleted. */
  state: v1Int.optional(),
  clearCertificateCacheForScepSetting: v1Bool.optional(),
  labels: repeated(v1Int),
  labelNames: repeated(v1String),
  properties: v1EntryMap,
});
export type EpmmAppSetting = z.output<typeof AppSetting>;

export const AppSettingsResponse = v1Object({ messages: v1Messages, appSettings: v1List('appSetting', AppSetting) });
