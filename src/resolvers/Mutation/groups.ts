// Neurons group mutations: each maps its input onto src/mutations/groups.ts, where the pipeline specs live.
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { neuronsPartitionKey } from '../../ids.js';
import {
  addDevicesToGroup,
  createDeviceGroup,
  createUserGroup,
  deleteUserGroup,
  removeDevicesFromGroup,
  setUserGroupAccounts,
} from '../../mutations/groups.js';

type R = Required<MutationResolvers>;

export const groupMutations: Pick<
  R,
  | 'createUserGroup'
  | 'setUserGroupAccounts'
  | 'deleteUserGroup'
  | 'createDeviceGroup'
  | 'addDevicesToGroup'
  | 'removeDevicesFromGroup'
> = {
  createUserGroup: (_, { input }, context) => createUserGroup(context, input),
  setUserGroupAccounts: (_, { input }, context) => setUserGroupAccounts(context, input),
  deleteUserGroup: (_, { input }, context) => deleteUserGroup(context, input),
  createDeviceGroup: (_, { input }, context) =>
    createDeviceGroup(context, {
      ...input,
      partitionId: input.partitionId == null ? null : neuronsPartitionKey(input.partitionId, ['input', 'partitionId']),
    }),
  addDevicesToGroup: (_, { input }, context) => addDevicesToGroup(context, input),
  removeDevicesFromGroup: (_, { input }, context) => removeDevicesFromGroup(context, input),
};
