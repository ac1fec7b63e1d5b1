// The EPMM v2 device actions (V03, V05, V14-V23) on the shared pipeline. Each names its upstream call, how to
// read the answer, whether it is destructive, and what it makes stale.
import type { GatewayContext } from '../context.js';
import type { ResourceClass } from '../cache/shared-cache.js';
import type { DeviceModel } from '../models/device.js';
import type { DeviceActionType, DeviceMessage } from '../upstream/epmm/v2-devices-client.js';
import type { ActionResponse, LabelActionResponse } from '../upstream/epmm/device-actions-dto.js';
import { readBulkAnswer, type AnswerForm } from './action-response.js';
import { resolveDevices, type Qualifier } from './device-targets.js';
import { outcome } from './item-outcome.js';
import { runMutation, type MutationResult, type MutationUserError, type Target } from './run-mutation.js';

export interface ActionOptions {
  ids: readonly string[];
  note?: string | null;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

interface DeviceActionSpec {
  operation: string;
  destructive: boolean;
  options: ActionOptions;
  /** The input as recorded (idempotency, audit). */
  input: unknown;
  call(uuids: string[]): Promise<ActionResponse | LabelActionResponse>;
  form: AnswerForm;
  qualify?: Qualifier;
  validate?(): MutationUserError[] | Promise<MutationUserError[]>;
  /** Cache classes the action makes stale beyond the device's own (`device`, `alerts`). */
  alsoInvalidates?: readonly ResourceClass[];
}

export function runDeviceAction(context: GatewayContext, spec: DeviceActionSpec): Promise<MutationResult<DeviceModel>> {
  return runMutation<DeviceModel>(context, {
    operation: spec.operation,
    scope: spec.destructive ? 'destructive' : 'act',
    destructive: spec.destructive,
    ids: spec.options.ids,
    idsAt: { type: 'Device', field: ['input', 'ids'] },
    note: spec.options.note,
    dryRun: spec.options.dryRun,
    idempotencyKey: spec.options.idempotencyKey,
    input: spec.input,
    validate: spec.validate,
    resolve: (ids) => resolveDevices(context, ids, spec.qualify, spec.qualify ? ['status'] : []),
    chunkSize: context.config.mutations.actionBatchSize,
    async send(targets: ReadonlyArray<Target<DeviceModel>>) {
      const uuids = targets.map((target) => target.key);
      const read = readBulkAnswer(uuids, await spec.call(uuids), spec.form);
      return new Map(
        targets.map((target) => [
          target.id,
          read.get(target.key) ?? outcome('UNCONFIRMED', 'The MDM did not report this device.'),
        ]),
      );
    },
    // Status, compliance, check-in, labels and counts all move: every device-class entry, and the alerts an
    // action may raise.
    invalidates: { upstream: 'epmm', resources: ['device', 'alerts', ...(spec.alsoInvalidates ?? [])] },
  });
}

const note = (options: ActionOptions) => options.note ?? undefined;

export function lockDevices(context: GatewayContext, options: ActionOptions) {
  const { v2Devices } = context.mutations.epmm;
  return runDeviceAction(context, {
    operation: 'lockDevices',
    destructive: false,
    options,
    input: { ids: options.ids },
    form: 'lists-successes',
    call: (uuids) => v2Devices.lock(context.epmm, uuids, note(options)),
  });
}

export function unlockDevices(context: GatewayContext, options: ActionOptions) {
  const { v2Devices } = context.mutations.epmm;
  return runDeviceAction(context, {
    operation: 'unlockDevices',
    destructive: false,
    options,
    input: { ids: options.ids },
    form: 'lists-successes',
    call: (uuids) => v2Devices.unlock(context.epmm, uuids, note(options)),
  });
}

export function wakeUpDevices(context: GatewayContext, options: ActionOptions) {
  const { v2Devices } = context.mutations.epmm;
  return runDeviceAction(context, {
    operation: 'wakeUpDevices',
    destructive: false,
    options,
    input: { ids: options.ids },
    form: 'lists-successes',
    call: (uuids) => v2Devices.wakeUp(context.epmm, uuids, note(options)),
  });
}

export function wipeDevices(context: GatewayContext, options: ActionOptions & { preserveDataPlan?: boolean | null }) {
  const { v2Devices } = context.mutations.epmm;
  const preserveDataPlan = options.preserveDataPlan ?? undefined;
  return runDeviceAction(context, {
    operation: 'wipeDevices',
    destructive: true,
    options,
    input: { ids: options.ids, preserveDataPlan: preserveDataPlan ?? null },
    form: 'lists-successes',
    call: (uuids) => v2Devices.wipe(context.epmm, uuids, { note: note(options), preserveDataPlan }),
  });
}

export function retireDevices(context: GatewayContext, options: ActionOptions & { force?: boolean | null }) {
  const { v2Devices } = context.mutations.epmm;
  const force = options.force === true;
  return runDeviceAction(context, {
    operation: 'retireDevices',
    destructive: true,
    options,
    input: { ids: options.ids, force },
    form: 'lists-successes',
    // Retiring twice does nothing useful and EPMM answers it inconsistently: report it instead of sending.
    qualify: (device) =>
      device.status === 'RETIRED' ? outcome('SKIPPED', 'The device is already retired.') : undefined,
    call: (uuids) => v2Devices.retire(context.epmm, uuids, { note: note(options), force: force || undefined }),
  });
}

export function sendMessageToDevices(context: GatewayContext, options: ActionOptions & { message: DeviceMessage }) {
  const { v2Devices } = context.mutations.epmm;
  return runDeviceAction(context, {
    operation: 'sendMessageToDevices',
    destructive: false,
    options,
    input: { ids: options.ids, message: options.message },
    form: 'lists-successes',
    validate: () => messageErrors(options.message, ['input', 'message']),
    call: (uuids) => v2Devices.sendMessage(context.epmm, uuids, options.message, note(options)),
  });
}

export function performDeviceAction(
  context: GatewayContext,
  options: ActionOptions & { action: DeviceActionType; message?: DeviceMessage | null },
) {
  const { v2Devices } = context.mutations.epmm;
  const message = options.message ?? undefined;
  return runDeviceAction(context, {
    operation: 'performDeviceAction',
    destructive: false,
    options,
    input: { ids: options.ids, action: options.action, message: message ?? null },
    form: 'lists-successes',
    validate: () => {
      const errors: MutationUserError[] = [];
      // The note is sent as given, so its untrimmed length is what EPMM checks.
      if ((options.note?.trim() ?? '') === '')
        errors.push({
          message: 'EPMM requires a note of 1 to 200 characters for this call.',
          field: ['input', 'note'],
          code: 'NOTE_REQUIRED',
        });
      else if (options.note!.length > 200)
        errors.push({
          message: 'EPMM requires a note of 1 to 200 characters for this call.',
          field: ['input', 'note'],
          code: 'NOTE_TOO_LONG',
        });
      if (options.action === 'SEND_MESSAGE' && !message)
        errors.push({
          message: 'SEND_MESSAGE needs a message.',
          field: ['input', 'message'],
          code: 'MESSAGE_REQUIRED',
        });
      if (message && options.action !== 'SEND_MESSAGE') {
        errors.push({
          message: `A message only goes with SEND_MESSAGE, not ${options.action}.`,
          field: ['input', 'message'],
          code: 'MESSAGE_NOT_APPLICABLE',
        });
      } else if (message) {
        errors.push(...messageErrors(message, ['input', 'message']));
        // V03 marks the subject Required for every mode (V15 only for e-mail, which messageErrors checks).
        if (options.action === 'SEND_MESSAGE' && message.mode !== 'email' && !message.subject?.trim())
          errors.push({
            message: 'EPMM requires a subject for SEND_MESSAGE in every mode.',
            field: ['input', 'message', 'subject'],
            code: 'SUBJECT_REQUIRED',
          });
      }
      return errors;
    },
    call: (uuids) => v2Devices.actOnDevices(context.epmm, options.action, uuids, { note: note(options), message }),
  });
}

export function messageErrors(message: DeviceMessage, field: string[]): MutationUserError[] {
  const errors: MutationUserError[] = [];
  if (message.message.trim() === '')
    errors.push({
      message: 'The message text must not be empty.',
      field: [...field, 'text'],
      code: 'MESSAGE_REQUIRED',
    });
  if (message.mode === 'email' && !message.subject?.trim())
    errors.push({ message: 'An e-mail needs a subject.', field: [...field, 'subject'], code: 'SUBJECT_REQUIRED' });
  return errors;
}
