/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Where one device of an action stands. */
export type ActionProgressState =
  /** The action was not sent to this device (refused, skipped or a dry run), as its mutation reported. */
  | 'NOT_SENT'
  /** Sent; the MDM does not show the action done yet. */
  | 'PENDING'
  /** The MDM shows the device in the state the action leads to (locked, unlocked, retired, wiped). */
  | 'SUCCEEDED'
  /** The deadline passed without the MDM showing the action done; check the device before retrying. */
  | 'UNCONFIRMED';

/** The outcome of one requested item of a mutation. */
export type ActionStatus =
  /** Dry run: the change would be sent for this item. Nothing was changed. */
  | 'DRY_RUN'
  /** The MDM refused or failed the change for this item (see message and messageKey). */
  | 'FAILED'
  /** You may not do this to this item. Nothing was sent for it. */
  | 'FORBIDDEN'
  /** No such item is visible to you (missing, or in another device space). Nothing was sent for it. */
  | 'NOT_FOUND'
  /** The item's MDM has no such action (for example a Neurons device and an EPMM-only action). */
  | 'NOT_SUPPORTED'
  /** Not sent: the input had errors, the item did not qualify, or an earlier call of the same operation failed. */
  | 'SKIPPED'
  /** The MDM accepted the change for this item. */
  | 'SUCCEEDED'
  /** Sent, but the MDM's answer does not say what happened to this item (or the answer was lost): check it. */
  | 'UNCONFIRMED';

/** What an alert event reports. */
export type AlertEventKind =
  /** Events were lost before reaching this client; see `missed`. */
  | 'MISSED'
  /** A new alert was raised. */
  | 'RAISED'
  /** An alert was marked read or unread. */
  | 'READ_CHANGED';

/** Which alerts to return; every given condition must hold, and an omitted one does not filter. */
export type AlertFilter = {
  /** Only alerts raised after this instant (exclusive); alerts without a date are left out. */
  createdAfter?: string | null | undefined;
  /** Only alerts raised before this instant (exclusive); alerts without a date are left out. */
  createdBefore?: string | null | undefined;
  /**
   * Only alerts about the device with this phone number: 3 to 20 digits, with or without the country code; spaces, dots,
   * dashes, brackets and `+` are ignored.
   */
  phoneNumber?: string | null | undefined;
  /** true: only alerts marked read; false: only unread ones. */
  read?: boolean | null | undefined;
  /** Only alerts of one of these severities; empty: any. */
  severity?: Array<AlertSeverity> | null | undefined;
  /** Only alerts of one of these kinds; empty: any. */
  type?: Array<AlertType> | null | undefined;
  /** The recipient, by global id (from `users`, `user` or `Device.user`). Give this or `userPrincipal`, not both. */
  userId?: string | number | null | undefined;
  /** The recipient's login name. Give this or `userId`, not both. */
  userPrincipal?: string | null | undefined;
};

/** How serious an alert is. */
export type AlertSeverity =
  /** Something needs attention now. */
  | 'CRITICAL'
  /** For information; nothing needs to be done. */
  | 'INFORMATION'
  /** EPMM sent a severity this version of the gateway does not know. */
  | 'UNKNOWN'
  /** Something may need attention. */
  | 'WARNING';

/** What kind of event raised an alert (EPMM's alert definition). */
export type AlertType =
  /** The device is roaming in another country. */
  | 'INTERNATIONAL_ROAMING'
  /** The device's memory or storage use went past the set limit. */
  | 'MEMORY_SIZE_EXCEEDED'
  /** A kind of alert this version of the gateway does not know. */
  | 'OTHER'
  /** The device broke a rule of a policy that applies to it. */
  | 'POLICY_VIOLATIONS'
  /** The SIM card in the device was changed. */
  | 'SIM_CHANGED'
  /** An event of EPMM itself rather than of one device's usage. */
  | 'SYSTEM'
  /** A usage threshold set in the subscription (data, voice or messages) was reached. */
  | 'THRESHOLD_REACHED';

/** Why a device is out of compliance, quarantined or blocked: one flag of EPMM v1's compliance bitmaps. */
export type ComplianceReason =
  /** An app outside the policy's allowed list is installed. */
  | 'ALLOWED_APP_VIOLATION'
  /** An app-control rule is broken (see `Device.appCompliance`). */
  | 'APP_CONTROL'
  /** The device failed hardware attestation (its integrity could not be proven). */
  | 'ATTESTATION_FAILED'
  /** The device is jailbroken or rooted. */
  | 'COMPROMISED'
  /** The device's data protection (its storage encryption) is not enabled. */
  | 'DATA_PROTECTION_DISABLED'
  /** The MDM's device administrator rights were turned off on the device (Android). */
  | 'DEVICE_ADMIN_DEACTIVATED'
  /** An app the policy forbids is installed. */
  | 'DISALLOWED_APP'
  /** The Exchange mail server reported the device. */
  | 'EXCHANGE_REPORTED'
  /** The hardware model is not allowed. */
  | 'HARDWARE_NOT_ALLOWED'
  /** A mailbox limit is exceeded (EPMM's guide names this reason without further detail). */
  | 'MAILBOX_LIMIT_EXCEEDED'
  /** An administrator blocked the device by hand. */
  | 'MANUALLY_BLOCKED'
  /** The device is not registered with EPMM (known only to the mail server). */
  | 'NOT_REGISTERED'
  /** The OS version is older than the security policy allows. */
  | 'OS_VERSION_TOO_OLD'
  /** The device has not checked in for longer than the policy allows. */
  | 'OUT_OF_CONTACT'
  /** The device has not received the latest version of its policies. */
  | 'POLICY_OUT_OF_DATE'
  /** An app the policy requires is missing. */
  | 'REQUIRED_APP_MISSING'
  /** A bit EPMM's guide does not assign. */
  | 'UNKNOWN'
  /** The user signed out of the device. */
  | 'USER_LOGGED_OUT';

/** The devices to act on, and how. */
export type DeviceActionInput = {
  /** When true, check the input and report each device as DRY_RUN if it would be sent, changing nothing (still audited). */
  dryRun?: boolean | null | undefined;
  /**
   * A key the client chooses: the same operation with the same key and input within IDEMPOTENCY_TTL_MS (24 hours by
   * default) answers the first result again (`replayed`) instead of acting twice.
   */
  idempotencyKey?: string | null | undefined;
  /**
   * The devices, by global id (from `devices`, `device` or `node`). Ids you cannot see are NOT_FOUND and Neurons
   * devices NOT_SUPPORTED; neither is sent.
   */
  ids: Array<string | number>;
  /** Why (kept in the audit trail and sent to EPMM as the action's note; at most 200 characters). */
  note?: string | null | undefined;
};

/**
 * Which devices to return. Every given condition must hold (AND); an omitted or null condition does not filter.
 * String values are matched as the MDM does: case-insensitively. Neurons can apply only the platform, status,
 * compliance, quarantine, compromise, ownership, manufacturer, model and user conditions: any other condition, when
 * Neurons devices are read (`source: NEURONS`, or the merged list), is an error (NOT_SUPPORTED_BY_SOURCE) naming it.
 */
export type DeviceFilter = {
  /** Only compliant devices (true) or only non-compliant ones (false). */
  compliant?: boolean | null | undefined;
  /** Only jailbroken or rooted devices (true), or only devices reported as not compromised (false). */
  compromised?: boolean | null | undefined;
  /** Devices in the device space of this name, ignoring case (EPMM only). */
  deviceSpaceName?: string | null | undefined;
  /**
   * Devices in this label, by its global id (from `labels` or `label`). Labels are EPMM's: with `source: NEURONS`, or
   * without `source` when Neurons is configured (the merged list), the condition is NOT_SUPPORTED_BY_SOURCE; ask
   * for `source: EPMM`. It cannot be combined with other conditions (EPMM
   * answers label searches separately from field filters).
   */
  labelId?: string | number | null | undefined;
  /** Devices that last checked in after this instant (EPMM only). */
  lastCheckInAfter?: string | null | undefined;
  /** Devices that last checked in before this instant, e.g. to find devices out of contact (EPMM only). */
  lastCheckInBefore?: string | null | undefined;
  /** Devices whose manufacturer is exactly this (e.g. `Apple`), ignoring case. */
  manufacturer?: string | null | undefined;
  /** Devices whose model is exactly this (e.g. `iPhone 15`), ignoring case. */
  model?: string | null | undefined;
  /**
   * Devices whose OS version is at least this dotted version (`13`, `17.4`, `10.0.22631`); versions compare
   * component by component. The major version must have two digits (10-99): EPMM compares versions as text, see
   * docs/decisions.md.
   */
  osVersionAtLeast?: string | null | undefined;
  /** Devices whose OS version is below this dotted version (the same form as `osVersionAtLeast`). */
  osVersionBelow?: string | null | undefined;
  /** Only devices of this ownership. */
  ownership?: Ownership | null | undefined;
  /** Devices of any of these platforms; omitted or empty: every platform. */
  platform?: Array<Platform> | null | undefined;
  /** Only quarantined devices (true) or only devices not quarantined (false). */
  quarantined?: boolean | null | undefined;
  /**
   * An EPMM advanced-search expression for what the other conditions cannot say, e.g.
   * `"common.os_version" starts with "17" OR "android.security_patch" < "2025-01-01"`. It is accepted only if the
   * gateway's own parser accepts it, and is sent re-written from its parse tree (every field and value quoted).
   */
  query?: string | null | undefined;
  /**
   * Free text: devices whose name, model, user display name or serial number contains it, case-insensitively. Text
   * made only of digits and phone separators searches the phone number (by its digits) instead of the user's name.
   */
  search?: string | null | undefined;
  /** Devices in any of these states; omitted or empty: every state. */
  status?: Array<DeviceStatus> | null | undefined;
  /** Devices whose user has exactly this e-mail address, ignoring case. */
  userEmail?: string | null | undefined;
  /** The user, by global id (from `users`, `user` or `Device.user`). Give this or `userPrincipal`, not both. */
  userId?: string | number | null | undefined;
  /** The user's login name (`user.user_id`), matched as EPMM matches text. Give this or `userId`, not both. */
  userPrincipal?: string | null | undefined;
};

/** A message to show to devices' users. */
export type DeviceMessageInput = {
  /** How the message reaches the device. */
  mode: MessageMode;
  /** Required for EMAIL, and in every mode through performDeviceAction (EPMM's generic call needs one). */
  subject?: string | null | undefined;
  /** The message text; not blank. */
  text: string;
};

/** Where a device is in its management life cycle. */
export type DeviceStatus =
  /** Enrolled and managed: the device checks in and receives policies. */
  | 'ACTIVE'
  /** Locked by the MDM (EPMM only; a locked Neurons device stays ACTIVE). */
  | 'LOCKED'
  /** Registered but not enrolled yet: waiting for the user to complete enrolment on the device. */
  | 'PENDING'
  /** No longer managed: management and company data were removed. Only retired devices can be deleted. */
  | 'RETIRED'
  /** A retire was sent but the device has not yet checked in to acknowledge it (see `retireDevices(force:)`). */
  | 'RETIRE_PENDING'
  /** A state the gateway does not recognise; `details` holds the MDM's own word. */
  | 'UNKNOWN'
  /** Erased to factory settings by a wipe. */
  | 'WIPED';

/** Alerts to mark read or unread, and the comment to record. */
export type MarkAlertsInput = {
  /** Required: why, 1 to 255 characters and not blank. EPMM keeps it on every alert; it is also the audit note. */
  comments: string;
  /** When true, check the input and report each item as DRY_RUN if it would be sent, changing nothing (still audited). */
  dryRun?: boolean | null | undefined;
  /**
   * A key the client chooses: the same operation with the same key and input within IDEMPOTENCY_TTL_MS (24 hours by
   * default) answers the first result again (`replayed`) instead of acting twice.
   */
  idempotencyKey?: string | null | undefined;
  /** Alert ids (from `alerts`). Alerts you cannot see are reported NOT_FOUND and never sent. */
  ids: Array<string | number>;
};

/** How a message reaches the device. */
export type MessageMode =
  /** An e-mail to the device's user; needs a subject. */
  | 'EMAIL'
  /** A notification shown on the device through the MDM's client app. */
  | 'PUSH'
  /** A text message to the device's phone number. */
  | 'SMS';

/** Why events were lost. */
export type MissedEventsReason =
  /** The client resumed from an event the gateway no longer keeps (SUBSCRIPTION_RETENTION events per scope). */
  | 'RETENTION'
  /**
   * The client read more slowly than events came: its queue (SUBSCRIPTION_QUEUE events) was full, so the oldest were
   * dropped.
   */
  | 'SLOW_CONSUMER';

/** Who owns a device. */
export type Ownership =
  /** Company-owned. */
  | 'COMPANY'
  /** Owned by the employee (bring your own device). */
  | 'EMPLOYEE'
  /** The MDM does not say. */
  | 'UNKNOWN';

/** A device's operating system family. */
export type Platform =
  /** Android phones, tablets and rugged devices. */
  | 'ANDROID'
  /** iPhone and iPad (iOS, iPadOS). */
  | 'IOS'
  /** Mac computers (macOS). */
  | 'MACOS'
  /** Any other platform, or one the MDM does not name. */
  | 'OTHER'
  /** Windows computers and phones. */
  | 'WINDOWS';

/** Whether a policy is switched on. */
export type PolicyStatus =
  /** The policy is in force on the devices it reaches. */
  | 'ACTIVE'
  /** The policy is switched off: it is kept, but not enforced. */
  | 'INACTIVE';

/** What a policy governs. */
export type PolicyType =
  /** Device features that are turned off or restricted, such as the camera or Bluetooth. */
  | 'LOCKDOWN'
  /** A policy type this version of the gateway does not know. */
  | 'OTHER'
  /** What EPMM may collect from the device, such as its location or its installed apps. */
  | 'PRIVACY'
  /** Device security, such as passcode and encryption rules. */
  | 'SECURITY'
  /** How, and how often, the device checks in with EPMM. */
  | 'SYNC';

/** The devices to send a message to, and the message. */
export type SendMessageToDevicesInput = {
  /** When true, check the input and report each device as DRY_RUN if it would be sent, changing nothing (still audited). */
  dryRun?: boolean | null | undefined;
  /**
   * A key the client chooses: the same operation with the same key and input within IDEMPOTENCY_TTL_MS (24 hours by
   * default) answers the first result again (`replayed`) instead of acting twice.
   */
  idempotencyKey?: string | null | undefined;
  /**
   * The devices, by global id (from `devices`, `device` or `node`). Ids you cannot see are NOT_FOUND and Neurons
   * devices NOT_SUPPORTED; neither is sent.
   */
  ids: Array<string | number>;
  /** The message and how to send it. */
  message: DeviceMessageInput;
  /** Why the change is made; kept in the audit trail and sent to EPMM (at most 200 characters). Optional. */
  note?: string | null | undefined;
};

/** Which MDM an object comes from. */
export type Source =
  /** Ivanti Endpoint Manager Mobile (EPMM, formerly MobileIron Core), the on-premises MDM. */
  | 'EPMM'
  /** Ivanti Neurons for MDM (formerly MobileIron Cloud), the cloud MDM. */
  | 'NEURONS';

export type PortalAlertInboxQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: AlertFilter | null | undefined;
}>;


export type PortalAlertInboxQuery = { alerts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, type: AlertType, severity: AlertSeverity, read: boolean, createdAt: string | null, message: string, device: { id: string, displayName: string } | null, user: { id: string, displayName: string | null, principal: string } | null }> } | null };

export type PortalInboxAlertFragment = { id: string, type: AlertType, severity: AlertSeverity, read: boolean, createdAt: string | null, message: string, device: { id: string, displayName: string } | null, user: { id: string, displayName: string | null, principal: string } | null };

export type PortalAlertRaisedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type PortalAlertRaisedSubscription = { alertRaised: { eventId: string, kind: AlertEventKind, alert: { id: string, type: AlertType, severity: AlertSeverity, read: boolean, createdAt: string | null, message: string, device: { id: string, displayName: string } | null, user: { id: string, displayName: string | null, principal: string } | null } | null, missed: { count: number | null, reason: MissedEventsReason } | null } };

export type PortalMarkAlertsReadMutationVariables = Exact<{
  input: MarkAlertsInput;
}>;


export type PortalMarkAlertsReadMutation = { markAlertsRead: { dryRun: boolean, replayed: boolean, results: Array<{ id: string, status: ActionStatus, message: string }>, userErrors: Array<{ code: string, field: Array<string> | null, message: string }> } };

export type PortalLockDevicesMutationVariables = Exact<{
  input: DeviceActionInput;
}>;


export type PortalLockDevicesMutation = { lockDevices: { dryRun: boolean, replayed: boolean, auditId: string | null, results: Array<{ id: string, status: ActionStatus, message: string, device: { id: string, displayName: string, status: DeviceStatus } | null }>, userErrors: Array<{ code: string, field: Array<string> | null, message: string }> } };

export type PortalUnlockDevicesMutationVariables = Exact<{
  input: DeviceActionInput;
}>;


export type PortalUnlockDevicesMutation = { unlockDevices: { dryRun: boolean, replayed: boolean, auditId: string | null, results: Array<{ id: string, status: ActionStatus, message: string, device: { id: string, displayName: string, status: DeviceStatus } | null }>, userErrors: Array<{ code: string, field: Array<string> | null, message: string }> } };

export type PortalSendMessageMutationVariables = Exact<{
  input: SendMessageToDevicesInput;
}>;


export type PortalSendMessageMutation = { sendMessageToDevices: { dryRun: boolean, replayed: boolean, auditId: string | null, results: Array<{ id: string, status: ActionStatus, message: string, device: { id: string, displayName: string, status: DeviceStatus } | null }>, userErrors: Array<{ code: string, field: Array<string> | null, message: string }> } };

export type PortalActionPayloadFragment = { dryRun: boolean, replayed: boolean, auditId: string | null, results: Array<{ id: string, status: ActionStatus, message: string, device: { id: string, displayName: string, status: DeviceStatus } | null }>, userErrors: Array<{ code: string, field: Array<string> | null, message: string }> };

export type PortalActionProgressSubscriptionVariables = Exact<{
  auditId: string | number;
}>;


export type PortalActionProgressSubscription = { actionProgress: { eventId: string, deviceId: string | null, state: ActionProgressState | null, completed: boolean, device: { id: string, displayName: string, status: DeviceStatus } | null, missed: { count: number | null, reason: MissedEventsReason } | null } };

export type PortalDevicePageQueryVariables = Exact<{
  id: string | number;
}>;


export type PortalDevicePageQuery = { device: { id: string, displayName: string, uuid: string, sources: Array<Source>, platform: Platform, osVersion: string | null, model: string | null, manufacturer: string | null, status: DeviceStatus, ownership: Ownership, serialNumber: string | null, phoneNumber: string | null, deviceSpaceName: string | null, registeredAt: string | null, lastCheckInAt: string | null, compliant: boolean | null, noncomplianceReasons: Array<string>, quarantined: boolean | null, compromised: boolean | null, encrypted: boolean | null, supervised: boolean | null, passcodeCompliant: boolean | null, osBuild: string | null, securityPatchLevel: string | null, enrollmentType: string | null, carrier: string | null, complianceState: { nonCompliance: Array<ComplianceReason>, quarantine: Array<ComplianceReason>, block: Array<ComplianceReason> } | null, user: { id: string, displayName: string | null, principal: string, email: string | null } | null, labels: Array<{ id: string, name: string, static: boolean | null }> | null, policies: Array<{ id: string, name: string, type: PolicyType, status: PolicyStatus }> | null } | null };

export type PortalFleetPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: DeviceFilter | null | undefined;
  source?: Source | null | undefined;
}>;


export type PortalFleetPageQuery = { devices: { totalCount: number, totalCountIsEstimate: boolean, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, displayName: string, platform: Platform, osVersion: string | null, model: string | null, status: DeviceStatus, compliant: boolean | null, lastCheckInAt: string | null, sources: Array<Source>, user: { id: string, displayName: string | null, principal: string } | null }> } | null };

export type PortalViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalViewerQuery = { viewer: { name: string, activeDeviceSpace: { name: string } | null } };

export const PortalInboxAlertFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalInboxAlert"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Alert"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}}]}}]}}]} as unknown as DocumentNode<PortalInboxAlertFragment, unknown>;
export const PortalActionPayloadFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalActionPayload"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeviceActionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"auditId"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<PortalActionPayloadFragment, unknown>;
export const PortalAlertInboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalAlertInbox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AlertFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalInboxAlert"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalInboxAlert"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Alert"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}}]}}]}}]} as unknown as DocumentNode<PortalAlertInboxQuery, PortalAlertInboxQueryVariables>;
export const PortalAlertRaisedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PortalAlertRaised"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertRaised"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeReadChanges"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"alert"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalInboxAlert"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalInboxAlert"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Alert"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}}]}}]}}]} as unknown as DocumentNode<PortalAlertRaisedSubscription, PortalAlertRaisedSubscriptionVariables>;
export const PortalMarkAlertsReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalMarkAlertsRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkAlertsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markAlertsRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PortalMarkAlertsReadMutation, PortalMarkAlertsReadMutationVariables>;
export const PortalLockDevicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalLockDevices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeviceActionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lockDevices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalActionPayload"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalActionPayload"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeviceActionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"auditId"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<PortalLockDevicesMutation, PortalLockDevicesMutationVariables>;
export const PortalUnlockDevicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalUnlockDevices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeviceActionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlockDevices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalActionPayload"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalActionPayload"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeviceActionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"auditId"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<PortalUnlockDevicesMutation, PortalUnlockDevicesMutationVariables>;
export const PortalSendMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalSendMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendMessageToDevicesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendMessageToDevices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalActionPayload"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalActionPayload"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeviceActionPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"auditId"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<PortalSendMessageMutation, PortalSendMessageMutationVariables>;
export const PortalActionProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PortalActionProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"auditId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actionProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"auditId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"auditId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"deviceId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<PortalActionProgressSubscription, PortalActionProgressSubscriptionVariables>;
export const PortalDevicePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalDevicePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"device"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"osVersion"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"manufacturer"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ownership"}},{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"deviceSpaceName"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckInAt"}},{"kind":"Field","name":{"kind":"Name","value":"compliant"}},{"kind":"Field","name":{"kind":"Name","value":"noncomplianceReasons"}},{"kind":"Field","name":{"kind":"Name","value":"quarantined"}},{"kind":"Field","name":{"kind":"Name","value":"compromised"}},{"kind":"Field","name":{"kind":"Name","value":"encrypted"}},{"kind":"Field","name":{"kind":"Name","value":"supervised"}},{"kind":"Field","name":{"kind":"Name","value":"passcodeCompliant"}},{"kind":"Field","name":{"kind":"Name","value":"osBuild"}},{"kind":"Field","name":{"kind":"Name","value":"securityPatchLevel"}},{"kind":"Field","name":{"kind":"Name","value":"enrollmentType"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"complianceState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nonCompliance"}},{"kind":"Field","name":{"kind":"Name","value":"quarantine"}},{"kind":"Field","name":{"kind":"Name","value":"block"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"labels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"static"}}]}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<PortalDevicePageQuery, PortalDevicePageQueryVariables>;
export const PortalFleetPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalFleetPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DeviceFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"devices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCountIsEstimate"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"osVersion"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"compliant"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckInAt"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"principal"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalFleetPageQuery, PortalFleetPageQueryVariables>;
export const PortalViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"activeDeviceSpace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<PortalViewerQuery, PortalViewerQueryVariables>;