// Device action mutations: each maps its input onto src/mutations, where the shared pipeline lives.
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import type { DeviceMessage } from '../../models/device-operations.js';
import { checkDevicesCompliance, deleteDevices } from '../../mutations/device-lifecycle.js';
import { applyLabelsToDevices, removeLabelsFromDevices } from '../../mutations/device-labels.js';
import {
  lockDevices as lock,
  performDeviceAction as perform,
  retireDevices as retire,
  sendMessageToDevices as sendMessage,
  unlockDevices as unlock,
  wakeUpDevices as wakeUp,
  wipeDevices as wipe,
} from '../../mutations/device-actions.js';

type R = Required<MutationResolvers>;

const MODE = { PUSH: 'pns', SMS: 'sms', EMAIL: 'email' } as const;

function message(input: { text: string; mode: keyof typeof MODE; subject?: string | null }): DeviceMessage {
  return { message: input.text, mode: MODE[input.mode], subject: input.subject ?? undefined };
}

export const deviceActionMutations: Pick<
  R,
  | 'lockDevices'
  | 'unlockDevices'
  | 'wakeUpDevices'
  | 'wipeDevices'
  | 'retireDevices'
  | 'deleteDevices'
  | 'sendMessageToDevices'
  | 'applyLabelsToDevices'
  | 'removeLabelsFromDevices'
  | 'checkDevicesCompliance'
  | 'performDeviceAction'
> = {
  lockDevices: (_, { input }, context) => lock(context, input),
  unlockDevices: (_, { input }, context) => unlock(context, input),
  wakeUpDevices: (_, { input }, context) => wakeUp(context, input),
  wipeDevices: (_, { input }, context) => wipe(context, input),
  retireDevices: (_, { input }, context) => retire(context, input),
  deleteDevices: (_, { input }, context) => deleteDevices(context, input),
  sendMessageToDevices: (_, { input }, context) => sendMessage(context, { ...input, message: message(input.message) }),
  applyLabelsToDevices: (_, { input }, context) => applyLabelsToDevices(context, input),
  removeLabelsFromDevices: (_, { input }, context) => removeLabelsFromDevices(context, input),
  checkDevicesCompliance: (_, { input }, context) => checkDevicesCompliance(context, input),
  performDeviceAction: (_, { input }, context) =>
    perform(context, { ...input, message: input.message ? message(input.message) : null }),
};
