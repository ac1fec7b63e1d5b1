// Device operations outside the v2 bulk actions (schema/device-operations.graphql): each maps its input onto
// src/mutations, where the shared pipeline lives.
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { activeSyncAction } from '../../mutations/activesync-actions.js';
import { locateDevice, openRemoteSession, repushProfiles } from '../../mutations/device-operations.js';
import { registerDevice, registerDeviceForUser } from '../../mutations/device-registration.js';
import { updateUserPassword } from '../../mutations/user-password.js';

type R = Required<MutationResolvers>;

export const deviceOperationMutations: Pick<
  R,
  | 'locateDevice'
  | 'repushProfiles'
  | 'registerDevice'
  | 'registerDeviceForUser'
  | 'openRemoteSession'
  | 'blockActiveSyncDevices'
  | 'reinstateActiveSyncDevices'
  | 'wipeActiveSyncDevices'
  | 'updateUserPassword'
> = {
  locateDevice: (_, { input }, context) => locateDevice(context, input),
  repushProfiles: (_, { input }, context) => repushProfiles(context, input),
  registerDevice: (_, { input }, context) => registerDevice(context, input),
  registerDeviceForUser: (_, { input }, context) => registerDeviceForUser(context, input),
  openRemoteSession: (_, { input }, context) => openRemoteSession(context, input),
  blockActiveSyncDevices: (_, { input }, context) => activeSyncAction(context, 'BLOCK_DEVICE', input),
  reinstateActiveSyncDevices: (_, { input }, context) => activeSyncAction(context, 'REINSTATE_DEVICE', input),
  wipeActiveSyncDevices: (_, { input }, context) => activeSyncAction(context, 'WIPE', input),
  updateUserPassword: (_, { input }, context) => updateUserPassword(context, input),
};
