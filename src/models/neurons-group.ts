// The one place that reads Neurons group records (NG02 user groups, NG10-NG12 device groups).
import { GatewayError } from '../errors.js';
import type { DeviceGroup, UserGroup } from '../upstream/neurons/dto.js';
import { fqFromTreeView } from '../upstream/neurons/fq.js';
import type { GroupAssignmentModel, GroupMembership, GroupModel } from './group.js';

type AssignedItem = NonNullable<DeviceGroup['assignedConfigs']>[number];

export function neuronsUserGroupToModel(group: UserGroup): GroupModel {
  return {
    kind: 'Group',
    groupKind: 'USER_GROUP',
    legacyId: group.id,
    name: group.name,
    description: group.description ?? null,
    static: group.membershipStatic,
    definition: group.definition ?? null,
    partitionId: null,
    partitionName: null,
    // NG02 carries no member count, and no Neurons read lists a user group's accounts.
    memberCount: null,
    membership: { kind: 'unsupported', reason: 'Neurons has no call that lists the accounts of a user group.' },
    assignedConfigurations: null,
    assignedPolicies: null,
  };
}

/** `memberCounted`: whether the read asked for counts (with `memberCount=false` Neurons answers 0, meaning "not counted"). */
export function neuronsDeviceGroupToModel(group: DeviceGroup, memberCounted: boolean): GroupModel {
  const isStatic =
    group.membershipStatic ?? (group.treeView === null && group.definition === null && group.systemName === null);
  return {
    kind: 'Group',
    groupKind: 'DEVICE_GROUP',
    legacyId: group.id,
    name: group.name,
    description: group.description,
    static: isStatic,
    definition: group.definition,
    partitionId: group.dmPartitionId,
    partitionName: group.dmPartitionName ?? null,
    memberCount: memberCounted ? group.memberCount : null,
    membership: isStatic ? staticMembership(group.staticMembers) : ruleMembership(group),
    assignedConfigurations: group.assignedConfigs ? group.assignedConfigs.map(assignment) : null,
    assignedPolicies: group.assignedPolicies ? group.assignedPolicies.map(assignment) : null,
  };
}

/** The element shape of `staticMembers` is undocumented: numeric device ids (or their digit strings) are read, anything else is not a member id. */
function staticMembership(members: readonly unknown[] | null | undefined): GroupMembership {
  if (!members) return { kind: 'unsupported', reason: 'Neurons did not list the static members of this group.' };
  const ids = members
    .map((member) => (typeof member === 'string' && /^\d+$/.test(member) ? Number(member) : member))
    .filter((member): member is number => typeof member === 'number' && Number.isSafeInteger(member));
  return { kind: 'static', deviceIds: ids };
}

function ruleMembership(group: DeviceGroup): GroupMembership {
  try {
    return { kind: 'rule', fq: fqFromTreeView(group.treeView)?.text ?? null };
  } catch (error) {
    if (error instanceof GatewayError) return { kind: 'unsupported', reason: error.message };
    throw error;
  }
}

function assignment(item: AssignedItem): GroupAssignmentModel {
  return {
    legacyId: item.id,
    name: item.name.trim(),
    type: item.policyType,
    ruleType: item.policyRuleType,
    enabled: item.enabled,
  };
}
