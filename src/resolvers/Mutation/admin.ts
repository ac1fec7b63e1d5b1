// Administration mutations (alerts, policies on labels, device spaces): each maps its input onto src/mutations.
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { markAlertsRead, markAlertsUnread } from '../../mutations/alerts.js';
import { applyPolicyToLabels, removePolicyFromLabels } from '../../mutations/policies.js';
import {
  changeDeviceSpacePriority,
  createDeviceSpace,
  deleteDeviceSpace,
  evaluateDeviceSpaces,
  updateDeviceSpace,
} from '../../mutations/device-spaces.js';
import {
  assignDeviceSpaceAdmins,
  removeDeviceSpaceAdmins,
  setDeviceSpacePolicyRestrictions,
} from '../../mutations/device-space-settings.js';

type R = Required<MutationResolvers>;

export const adminMutations: Pick<
  R,
  | 'markAlertsRead'
  | 'markAlertsUnread'
  | 'applyPolicyToLabels'
  | 'removePolicyFromLabels'
  | 'createDeviceSpace'
  | 'updateDeviceSpace'
  | 'deleteDeviceSpace'
  | 'assignDeviceSpaceAdmins'
  | 'removeDeviceSpaceAdmins'
  | 'changeDeviceSpacePriority'
  | 'setDeviceSpacePolicyRestrictions'
  | 'evaluateDeviceSpaces'
> = {
  markAlertsRead: (_, { input }, context) => markAlertsRead(context, input),
  markAlertsUnread: (_, { input }, context) => markAlertsUnread(context, input),
  applyPolicyToLabels: (_, { input }, context) => applyPolicyToLabels(context, input),
  removePolicyFromLabels: (_, { input }, context) => removePolicyFromLabels(context, input),
  createDeviceSpace: (_, { input }, context) => createDeviceSpace(context, input),
  updateDeviceSpace: (_, { input }, context) => updateDeviceSpace(context, input),
  deleteDeviceSpace: (_, { input }, context) => deleteDeviceSpace(context, input),
  assignDeviceSpaceAdmins: (_, { input }, context) => assignDeviceSpaceAdmins(context, input),
  removeDeviceSpaceAdmins: (_, { input }, context) => removeDeviceSpaceAdmins(context, input),
  changeDeviceSpacePriority: (_, { input }, context) => changeDeviceSpacePriority(context, input),
  setDeviceSpacePolicyRestrictions: (_, { input }, context) =>
    setDeviceSpacePolicyRestrictions(context, {
      ...input,
      restrictions: input.restrictions.map((restriction) => ({
        policyProfileType: restriction.profileType,
        creationAllowedInSpace: restriction.creationAllowedInSpace,
        overrideGlobalPolicies: restriction.overrideGlobalPolicies,
      })),
    }),
  evaluateDeviceSpaces: (_, { input }, context) => evaluateDeviceSpaces(context, input ?? {}),
};
