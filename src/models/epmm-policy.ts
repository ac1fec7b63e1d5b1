// The one mapper from EPMM v1 policies (E43 list, E44 by device) to PolicyModel.
import type { EpmmPolicy, EpmmPolicyRule } from '../upstream/epmm/v1-admin-dto.js';
import type { PolicyModel, PolicyRuleModel, PolicyStatus, PolicyType } from './policy.js';

const TYPES: ReadonlySet<string> = new Set<PolicyType>(['SECURITY', 'PRIVACY', 'LOCKDOWN', 'SYNC']);

function policyType(profileType: string | undefined): PolicyType {
  const upper = profileType?.trim().toUpperCase() ?? '';
  return TYPES.has(upper) ? (upper as PolicyType) : 'OTHER';
}

/** `active` is the boolean; `status` the same fact as text. Either may be missing from a v1 body. */
function policyStatus(policy: EpmmPolicy): PolicyStatus {
  if (policy.active !== undefined) return policy.active ? 'ACTIVE' : 'INACTIVE';
  return policy.status?.trim().toLowerCase() === 'inactive' ? 'INACTIVE' : 'ACTIVE';
}

/**
 * One entry per rule; a rule with resource entries (e.g. which data types to encrypt) gives one entry per
 * resource, named `TYPE/resource`. `clientValue` is deprecated ("ignore its values") and dropped.
 */
function ruleEntries(rule: EpmmPolicyRule): PolicyRuleModel[] {
  const entries: PolicyRuleModel[] = [];
  if (rule.value !== undefined || rule.resourceDTOs.length === 0)
    entries.push({ name: rule.type, value: rule.value ?? null });
  for (const resource of rule.resourceDTOs)
    entries.push({ name: `${rule.type}/${resource.name}`, value: resource.value ?? null });
  return entries;
}

/** `counted` is false for E44, whose counts are "not applicable for this request" (always 0). */
export function epmmPolicyToModel(policy: EpmmPolicy, counted: boolean): PolicyModel {
  return {
    kind: 'Policy',
    source: 'EPMM',
    legacyId: policy.id,
    name: policy.policyName,
    type: policyType(policy.profileType),
    builtIn: policy.id < 0 || policy.policyType?.trim().toUpperCase() === 'DEFAULT',
    status: policyStatus(policy),
    priority: policy.priority ?? null,
    description: policy.description === undefined || policy.description.trim() === '' ? null : policy.description,
    deviceCount: counted ? (policy.deviceCount ?? null) : null,
    pendingDeviceCount: counted ? (policy.pendingCount ?? null) : null,
    rules: policy.rules.flatMap(ruleEntries),
  };
}
