// Deleting retired devices (V05) and compliance checks (V23): the two device actions whose answers are not the
// usual deviceResults map.
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import type { DeviceModel } from '../models/device.js';
import { resolveDevices } from './device-targets.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import { readBulkAnswer } from './action-response.js';
import type { ActionOptions } from './device-actions.js';
import { runMutation, type Target } from './run-mutation.js';

export function deleteDevices(context: GatewayContext, options: ActionOptions) {
  const { v2Devices } = context.mutations.epmm;
  return runMutation<DeviceModel>(context, {
    operation: 'deleteDevices',
    scope: 'destructive',
    destructive: true,
    ids: options.ids,
    idsAt: { type: 'Device', field: ['input', 'ids'] },
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { ids: options.ids },
    // EPMM silently keeps devices that are not retired: say so up front instead of sending them.
    resolve: (ids) =>
      resolveDevices(
        context,
        ids,
        (device) =>
          device.status === 'RETIRED'
            ? undefined
            : outcome('SKIPPED', `Only retired devices can be deleted; this one is ${device.status}.`),
        ['status'],
      ),
    chunkSize: context.config.mutations.actionBatchSize,
    async send(targets) {
      const deleted = new Set(
        (await v2Devices.deleteRetiredDevices(context.epmm, { deviceUuids: targets.map((target) => target.key) })).map(
          (uuid) => uuid.toLowerCase(),
        ),
      );
      return new Map(
        targets.map((target): [string, ItemOutcome] => [
          target.id,
          deleted.has(target.key.toLowerCase())
            ? outcome('SUCCEEDED', 'Deleted from EPMM.')
            : outcome(
                'FAILED',
                'EPMM kept the device: it deletes only retired devices not modified for a day (its answer lists only the devices it deleted).',
              ),
        ]),
      );
    },
    invalidates: { upstream: 'epmm', resources: ['device', 'alerts', 'reference'] },
  });
}

/** The pseudo-item id of a compliance check of every device in the space. */
export const ALL_DEVICES = 'allDevices';

export function checkDevicesCompliance(
  context: GatewayContext,
  options: Omit<ActionOptions, 'ids'> & { ids?: readonly string[] | null; allDevices?: boolean | null },
) {
  const { v2Devices } = context.mutations.epmm;
  const all = options.allDevices === true;
  const given = options.ids ?? [];
  // Both is malformed input, like `device(id, uuid)` (docs/errors.md).
  if (all && given.length > 0)
    throw new GatewayError('BAD_USER_INPUT', 'Give either ids or allDevices, not both.', {
      field: ['input', 'allDevices'],
    });
  const ids = all ? [ALL_DEVICES] : given;
  return runMutation<DeviceModel | null>(context, {
    operation: 'checkDevicesCompliance',
    scope: 'act',
    destructive: false,
    ids,
    ...(all ? {} : { idsAt: { type: 'Device', field: ['input', 'ids'] } }),
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { ids: options.ids ?? null, allDevices: all },
    async resolve(requested) {
      if (all) return new Map([[ALL_DEVICES, { id: ALL_DEVICES, key: '*', value: null }]]);
      return resolveDevices(context, requested);
    },
    chunkSize: all ? 1 : context.config.mutations.actionBatchSize,
    async send(targets: ReadonlyArray<Target<DeviceModel | null>>) {
      if (all) {
        const answer = await v2Devices.checkCompliance(context.epmm, { allDevices: true });
        return new Map([
          [
            ALL_DEVICES,
            answer.successful
              ? outcome('SUCCEEDED', 'EPMM is checking every device in your space.')
              : outcome('FAILED', 'EPMM did not accept the check.'),
          ],
        ]);
      }
      const uuids = targets.map((target) => target.key);
      const read = readBulkAnswer(
        uuids,
        await v2Devices.checkCompliance(context.epmm, { deviceUuids: uuids }),
        'lists-failures',
      );
      return new Map(
        targets.map((target) => [
          target.id,
          read.get(target.key) ?? outcome('UNCONFIRMED', 'The MDM did not report this device.'),
        ]),
      );
    },
    invalidates: { upstream: 'epmm', resources: ['device', 'alerts'] },
  });
}
