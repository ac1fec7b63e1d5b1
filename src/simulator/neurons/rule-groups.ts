// The device-group (rule group) shape of NG10-NG12, with the documented "not included" quirk: switched-off
// parts come back as 0 / null rather than being omitted.
import type { DeviceView } from './devices.js';
import { deviceGroupMembers } from './devices.js';
import { toTreeView } from './filter/evaluate.js';
import type { NeuronsDeviceGroup } from './world.js';

export interface GroupReadOptions {
  assignedPoliciesAndConfigs: boolean;
  memberCount: boolean;
}

/** Built-in placeholders as NG10 shows them on system groups (ids and uuids null, disabled). */
function placeholder(name: string, policyType: string, policyRuleType: string) {
  return {
    id: null,
    dmPartitionId: null,
    name,
    systemName: null,
    description: null,
    dmPartitionDistributionType: null,
    policyType,
    policyRuleType,
    uuid: null,
    enabled: false,
    priority: null,
    configurationMutable: false,
    distributionMutable: false,
    priorityMutable: false,
    deletable: false,
    totalDeviceCount: 0,
    installedDeviceCount: 0,
    violationDeviceCount: 0,
    modifiedAt: null,
    modifiedBy: null,
    actions: null,
    systemDefault: false,
  };
}

export function deviceGroupRecord(
  view: DeviceView,
  group: NeuronsDeviceGroup,
  options: GroupReadOptions,
): Record<string, unknown> {
  const partition = view.neurons.partitions.find((candidate) => candidate.id === group.partitionId);
  const system = group.systemName === 'ALL_DEVICES';
  return {
    id: group.id,
    createdAt: group.createdAt,
    createdBy: group.createdBy,
    modifiedAt: group.modifiedAt,
    modifiedBy: group.modifiedBy,
    visible: true,
    dmPartitionId: group.partitionId,
    name: group.name,
    description: group.description,
    type: 'DEVICE',
    definition: group.definition,
    mutable: group.mutable,
    memberCount: options.memberCount ? deviceGroupMembers(view, group).length : 0,
    systemName: group.systemName,
    membershipStatic: group.membershipStatic,
    dmPartitionName: partition?.name ?? null,
    treeView: toTreeView(group.filter),
    actionExceptionCodes: null,
    assignedConfigs: options.assignedPoliciesAndConfigs
      ? system
        ? [placeholder('Privacy', 'PRIVACY', 'NONE')]
        : []
      : null,
    assignedPolicies: options.assignedPoliciesAndConfigs
      ? system
        ? [placeholder('Out of Contact ', 'POLICY', 'OUT_OF_CONTACT')]
        : []
      : null,
    applicationCount: 0,
    // The element shape is undocumented; the simulator lists the member device ids.
    staticMembers: [...group.staticMembers].sort((a, b) => a - b),
  };
}
