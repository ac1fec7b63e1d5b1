// The one place that reads EPMM's device-space list record (DS01) and policy restrictions (DS08).
import type { DeviceSpaceListItem, PolicyRestriction } from '../upstream/epmm/device-spaces-dto.js';
import type { DeviceSpaceModel, DeviceSpacePolicyRestrictionModel, DeviceSpaceStatus } from './device-space.js';

export function epmmDeviceSpaceToModel(item: DeviceSpaceListItem): DeviceSpaceModel {
  return {
    kind: 'DeviceSpace',
    id: item.id,
    name: item.name,
    // DS01 has no description; /device_spaces/mine has one and resolvers prefer it there.
    description: null,
    listing: {
      criteria: item.criteria,
      priority: item.priority,
      status: epmmSpaceStatus(item.status),
      deviceCount: item.deviceCount,
      admins: epmmAdmins(item.admins),
    },
  };
}

function epmmSpaceStatus(status: string): DeviceSpaceStatus {
  const upper = status.trim().toUpperCase();
  return upper === 'ACTIVE' || upper === 'PENDING' ? upper : 'UNKNOWN';
}

/** DS01 gives one string for all admins ("miadmin"); several are comma-separated. */
export function epmmAdmins(admins: string): string[] {
  return admins
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export function epmmPolicyRestrictionToModel(restriction: PolicyRestriction): DeviceSpacePolicyRestrictionModel {
  return {
    profileType: restriction.policyProfileType,
    creationAllowedInSpace: restriction.creationAllowedInSpace,
    overrideGlobalPolicies: restriction.overrideGlobalPolicies,
  };
}
