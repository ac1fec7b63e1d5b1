// Policies (EPMM v1 E43-E45): a fixed catalogue, like the labels, so tests and docs can name them. Default
// policies (negative ids) cover every device; enterprise policies reach devices through the labels they are
// applied to, and E45 changes those label sets in place.
import type { LABEL_ID } from './label-catalog.js';

export type PolicyProfileType = 'PRIVACY' | 'SECURITY' | 'LOCKDOWN' | 'SYNC';

export interface PolicyRule {
  type: string;
  value?: string;
  /** Deprecated ("Ignore its values"), kept because the samples carry it. */
  clientValue?: string;
  resourceDTOs?: Array<{ name: string; resourceType: string; value: string }>;
}

export interface SimPolicy {
  id: number;
  name: string;
  policyType: 'DEFAULT' | 'ENTERPRISE';
  profileType: PolicyProfileType;
  active: boolean;
  description: string;
  /** Lower number wins when several enterprise policies of one type reach a device. */
  priority: number;
  rules: PolicyRule[];
  /** Labels the policy is applied to (E45). Ignored for default policies, which apply everywhere. */
  labelIds: Set<number>;
}

export const POLICY_ID = {
  defaultSecurity: -1,
  defaultPrivacy: -2,
  defaultLockdown: -3,
  defaultSync: -4,
  corporateSecurity: 101,
  byodPrivacy: 102,
  executiveSecurity: 103,
  kioskLockdown: 104,
  fieldSync: 105,
  lostDeviceLockdown: 106,
  legacySync: 107,
} as const;

type LabelIds = typeof LABEL_ID;

const SECURITY_RULES: PolicyRule[] = [
  { type: 'SECURITY_REQUIRE_PWD', value: 'on' },
  { type: 'SECURITY_PWD_TYPE', value: 'alphanumeric' },
  { type: 'SECURITY_PWD_LENGTH', value: '6' },
  { type: 'SECURITY_PWD_MAX_FAILED_ATTEMPTS', value: '10' },
  { type: 'SECURITY_INACTIVITY_TIMEOUT', value: '5 minutes' },
  { type: 'SECURITY_ENCRYPT_DEVICE', value: 'on' },
  {
    type: 'SECURITY_ENCRYPT_DATA_TYPE',
    resourceDTOs: [
      { name: 'Email', resourceType: 'Email', value: 'on' },
      { name: 'PIM', resourceType: 'PIM', value: 'on' },
      { name: 'MY_DOCUMENTS', resourceType: 'MY_DOCUMENTS', value: 'off' },
    ],
  },
  { type: 'SEC_NCA_IOS_JAILBROKEN', value: '2' },
  { type: 'SEC_NCA_ANDROID_ROOTED', value: '2' },
  { type: 'SEC_NCA_OOC_DAYS', value: '1' },
  { type: 'EAS_BLOCK_IPHONE_JAILBROKEN', value: 'true' },
  { type: 'EAS_BLOCK_ANDROID_ROOTED', value: 'true' },
];

const PRIVACY_RULES: PolicyRule[] = [
  { type: 'PRIVACY_SYNC_CALLLOGS', value: 'store', clientValue: 'off' },
  { type: 'PRIVACY_SYNC_SMSLOGS', value: 'off' },
  { type: 'PRIVACY_SYNC_LOCATION', value: 'celltower' },
  { type: 'PRIVACY_SYNC_APPS', value: 'track' },
  { type: 'PRIVACY_EXCLUDE_DIR', resourceDTOs: [{ name: '/Windows', resourceType: 'DIR', value: 'on' }] },
];

const LOCKDOWN_RULES: PolicyRule[] = [
  { type: 'LOCKDOWN_BLUETOOTH', value: 'on' },
  { type: 'LOCKDOWN_CAMERA', value: 'on' },
  { type: 'LOCKDOWN_WIFI', value: 'on' },
  { type: 'LOCKDOWN_SDCARD', value: 'on' },
];

const SYNC_RULES: PolicyRule[] = [
  { type: 'SYNC_HEARTBEAT_INTERVAL', value: '14', clientValue: '840' },
  { type: 'SYNC_MULTITASK_INTERVAL', value: '15', clientValue: '15' },
  { type: 'SYNC_INTERVAL', value: '240' },
  { type: 'SYNC_REQUIRE_TLS', value: 'on' },
  { type: 'SYNC_BLOCK_WHEN_ROAMING', value: 'mai' },
];

/** Overrides one rule's value, keeping the rest: enterprise policies differ from defaults in a few rules. */
function withRule(rules: PolicyRule[], type: string, value: string): PolicyRule[] {
  return rules.map((rule) => (rule.type === type ? { ...rule, value } : rule));
}

export function buildPolicies(labels: LabelIds): SimPolicy[] {
  const policy = (
    id: number,
    name: string,
    profileType: PolicyProfileType,
    priority: number,
    rules: PolicyRule[],
    labelIds: number[] = [],
    active = true,
  ): SimPolicy => ({
    id,
    name,
    policyType: id < 0 ? 'DEFAULT' : 'ENTERPRISE',
    profileType,
    active,
    description: name,
    priority,
    rules,
    labelIds: new Set(labelIds),
  });
  return [
    policy(
      POLICY_ID.defaultSecurity,
      'Default Security Policy',
      'SECURITY',
      1,
      withRule(SECURITY_RULES, 'SECURITY_REQUIRE_PWD', 'off'),
    ),
    policy(POLICY_ID.defaultPrivacy, 'Default Privacy Policy', 'PRIVACY', 1, PRIVACY_RULES),
    policy(POLICY_ID.defaultLockdown, 'Default Lockdown Policy', 'LOCKDOWN', 1, LOCKDOWN_RULES),
    policy(POLICY_ID.defaultSync, 'Default Sync Policy', 'SYNC', 1, SYNC_RULES),
    policy(
      POLICY_ID.executiveSecurity,
      'Executive Security Policy',
      'SECURITY',
      1,
      withRule(SECURITY_RULES, 'SECURITY_PWD_LENGTH', '10'),
      [labels.executives],
    ),
    policy(POLICY_ID.corporateSecurity, 'Corporate Security Policy', 'SECURITY', 2, SECURITY_RULES, [
      labels.companyOwned,
    ]),
    policy(
      POLICY_ID.byodPrivacy,
      'BYOD Privacy Policy',
      'PRIVACY',
      1,
      withRule(PRIVACY_RULES, 'PRIVACY_SYNC_LOCATION', 'off'),
      [labels.employeeOwned],
    ),
    policy(
      POLICY_ID.kioskLockdown,
      'Kiosk Lockdown Policy',
      'LOCKDOWN',
      2,
      withRule(LOCKDOWN_RULES, 'LOCKDOWN_CAMERA', 'off'),
      [labels.kiosk],
    ),
    policy(
      POLICY_ID.lostDeviceLockdown,
      'Lost Device Lockdown Policy',
      'LOCKDOWN',
      1,
      withRule(LOCKDOWN_RULES, 'LOCKDOWN_WIFI', 'off'),
    ),
    policy(POLICY_ID.fieldSync, 'Field Sync Policy', 'SYNC', 1, withRule(SYNC_RULES, 'SYNC_INTERVAL', '60'), [
      labels.fieldEngineering,
    ]),
    policy(POLICY_ID.legacySync, 'Legacy Sync Policy', 'SYNC', 2, SYNC_RULES, [], false),
  ];
}

/**
 * The policies in force on a device: per profile type, the active enterprise policy with the lowest priority
 * number among those applied to one of the device's labels, else that type's default policy (EPMM applies one
 * policy of each type to a device).
 */
export function effectivePolicies(policies: readonly SimPolicy[], inLabel: (labelId: number) => boolean): SimPolicy[] {
  const chosen = new Map<PolicyProfileType, SimPolicy>();
  for (const policy of policies) {
    if (policy.policyType !== 'ENTERPRISE' || !policy.active) continue;
    if (!reaches(policy, inLabel)) continue;
    const current = chosen.get(policy.profileType);
    if (
      !current ||
      policy.priority < current.priority ||
      (policy.priority === current.priority && policy.id < current.id)
    ) {
      chosen.set(policy.profileType, policy);
    }
  }
  for (const policy of policies) {
    if (policy.policyType === 'DEFAULT' && !chosen.has(policy.profileType)) chosen.set(policy.profileType, policy);
  }
  return policies.filter((policy) => chosen.get(policy.profileType) === policy);
}

/** A loop rather than spreading the set: this runs for every device when E43 counts devices. */
function reaches(policy: SimPolicy, inLabel: (labelId: number) => boolean): boolean {
  for (const labelId of policy.labelIds) if (inLabel(labelId)) return true;
  return false;
}
