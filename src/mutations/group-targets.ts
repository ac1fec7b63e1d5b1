// Turns the group and device ids of a group mutation into Neurons keys, with reads only (through the loaders).
// A malformed id or an id of another type is malformed input: the whole mutation is refused (docs/errors.md).
import type { GatewayContext } from '../context.js';
import { decodeIdOf, neuronsDeviceRefOf } from '../ids.js';
import type { NeuronsDeviceRef } from '../models/device.js';
import { groupKeyOfId } from '../models/group-id.js';
import type { GroupModel } from '../models/group.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import type { Target } from './run-mutation.js';

/** User groups by id (NG02, cached). `onDeviceGroup` says what a device group id gets (this acts on user groups). */
export async function resolveUserGroups(
  context: GatewayContext,
  ids: readonly string[],
  onDeviceGroup: ItemOutcome,
): Promise<Map<string, Target<GroupModel> | ItemOutcome>> {
  const keys = ids.map((id, index) => [id, groupKeyOfId(id, ['input', 'ids', index])] as const);
  const resolved = new Map<string, Target<GroupModel> | ItemOutcome>();
  const userGroups = keys.some(([, key]) => key?.kind === 'USER_GROUP')
    ? await context.loaders.groups.userGroups()
    : [];
  for (const [id, key] of keys) {
    const group =
      key?.kind === 'USER_GROUP' ? userGroups.find((candidate) => candidate.legacyId === key.id) : undefined;
    if (key?.kind === 'DEVICE_GROUP') resolved.set(id, onDeviceGroup);
    else if (group) resolved.set(id, { id, key: String(group.legacyId), value: group });
    else resolved.set(id, outcome('NOT_FOUND', 'No such user group is visible to you.'));
  }
  return resolved;
}

/** A device group by id (NG11, cached); null when unknown or not visible. */
export async function loadDeviceGroup(context: GatewayContext, id: string): Promise<GroupModel | null> {
  const key = groupKeyOfId(id, ['input', 'groupId']);
  return key?.kind === 'DEVICE_GROUP' ? context.loaders.groups.deviceGroup(key.partitionId, key.id) : null;
}

/**
 * Neurons device ids of a partition. A Neurons Device id carries the device's partition and numeric id (ids.ts),
 * so no lookup is needed: a device of another partition cannot join the group, and the others are confirmed with
 * one cached detail read each (batched), so a device Neurons does not know is never sent.
 */
export async function resolveNeuronsDevices(
  context: GatewayContext,
  partitionId: number,
  ids: readonly string[],
): Promise<Map<string, Target<number> | ItemOutcome>> {
  const resolved = new Map<string, Target<number> | ItemOutcome>();
  const inPartition: Array<[string, NeuronsDeviceRef]> = [];
  for (const [index, id] of ids.entries()) {
    const decoded = decodeIdOf(id, 'Device', ['input', 'ids', index]);
    if (decoded.source === 'EPMM') {
      resolved.set(
        id,
        outcome(
          'NOT_SUPPORTED',
          'An EPMM device: Neurons groups hold Neurons devices (use the id from group.devices or devices(source: NEURONS)).',
        ),
      );
      continue;
    }
    const ref = neuronsDeviceRefOf(decoded);
    if (ref.partitionId === partitionId) inPartition.push([id, ref]);
    else resolved.set(id, notInPartition(partitionId));
  }
  const devices = await context.loaders.groups.neuronsDevice.loadMany(inPartition.map(([, ref]) => ref));
  inPartition.forEach(([id, ref], index) => {
    const device = devices[index];
    if (device instanceof Error) throw device;
    resolved.set(id, device ? { id, key: String(ref.id), value: ref.id } : notInPartition(partitionId));
  });
  return resolved;
}

const notInPartition = (partitionId: number) =>
  outcome('NOT_FOUND', `No such device is visible to you in the group's partition (${partitionId}).`);
