// Turns the group and device ids of a group mutation into Neurons keys, with reads only (through the loaders).
// A malformed id or an id of another type is malformed input: the whole mutation is refused.
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { decodeId } from '../ids.js';
import type { DeviceModel } from '../models/device.js';
import { groupKeyOfId } from '../models/group-id.js';
import type { GroupModel } from '../models/group.js';
import { UUID } from '../models/uuid.js';
import { fqAny, fqEq } from '../upstream/neurons/fq.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import type { Target } from './run-mutation.js';

/** Serial numbers per NG13 search (as the loaders' device-to-group link): well inside `fq`'s 4,000 characters. */
const SERIALS_PER_SEARCH = 50;

/** User groups by id (NG02, cached). `onDeviceGroup` says what a device group id gets (this acts on user groups). */
export async function resolveUserGroups(context: GatewayContext, ids: readonly string[], onDeviceGroup: ItemOutcome): Promise<Map<string, Target<GroupModel> | ItemOutcome>> {
  const keys = ids.map((id) => [id, groupKeyOfId(id, ['input', 'ids'])] as const);
  const resolved = new Map<string, Target<GroupModel> | ItemOutcome>();
  const userGroups = keys.some(([, key]) => key?.kind === 'USER_GROUP') ? await context.loaders.groups.userGroups() : [];
  for (const [id, key] of keys) {
    const group = key?.kind === 'USER_GROUP' ? userGroups.find((candidate) => candidate.legacyId === key.id) : undefined;
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
 * Neurons device ids of a partition. A Neurons Device id carries the device's UUID (or, without one, its numeric
 * id). Neurons cannot search by UUID, so a UUID is found as the gateway links devices everywhere: through the
 * EPMM record with that UUID to its serial number, an NG13 search by serial, and the matching `guid`. A device
 * without a serial number is still found among `knownMembers` (the group's static members, read one by one).
 */
export async function resolveNeuronsDevices(
  context: GatewayContext,
  partitionId: number,
  ids: readonly string[],
  knownMembers: readonly number[],
): Promise<Map<string, Target<number> | ItemOutcome>> {
  const resolved = new Map<string, Target<number> | ItemOutcome>();
  const numeric: Array<[string, number]> = [];
  const byUuid: Array<[string, string]> = [];
  for (const id of ids) {
    const { type, source, key } = decodeId(id);
    if (type !== 'Device') throw new GatewayError('BAD_USER_INPUT', `'${id.slice(0, 64)}' is a ${type} id, not a Device id.`, { field: ['input', 'ids'] });
    if (source === 'EPMM') resolved.set(id, outcome('NOT_SUPPORTED', 'An EPMM device: Neurons groups hold Neurons devices (use the id from group.devices or devices(source: NEURONS)).'));
    else if (/^\d{1,15}$/.test(key)) numeric.push([id, Number(key)]);
    else if (UUID.test(key)) byUuid.push([id, key.toLowerCase()]);
    else resolved.set(id, outcome('NOT_FOUND', 'No such device is visible to you.'));
  }
  const details = await context.loaders.groups.neuronsDevice.loadMany(numeric.map(([, legacyId]) => ({ partitionId, id: legacyId })));
  numeric.forEach(([id, legacyId], index) => {
    const device = details[index];
    if (device instanceof Error) throw device;
    resolved.set(id, device ? { id, key: String(legacyId), value: legacyId } : notInPartition(partitionId));
  });
  const found = await legacyIdsByUuid(context, partitionId, byUuid.map(([, uuid]) => uuid));
  if (byUuid.some(([, uuid]) => !found.has(uuid)) && knownMembers.length > 0) {
    const members = await context.loaders.groups.neuronsDevice.loadMany(knownMembers.map((id) => ({ partitionId, id })));
    for (const member of members) {
      if (member instanceof Error) throw member;
      if (member) matchTwin(member, new Set(byUuid.map(([, uuid]) => uuid)), found);
    }
  }
  for (const [id, uuid] of byUuid) {
    const legacyId = found.get(uuid);
    resolved.set(id, legacyId === undefined ? unlinked(partitionId) : { id, key: String(legacyId), value: legacyId });
  }
  return resolved;
}

const notInPartition = (partitionId: number) => outcome('NOT_FOUND', `No such device is visible to you in the group's partition (${partitionId}).`);
const unlinked = (partitionId: number) =>
  outcome('NOT_FOUND', `No such device was found in the group's partition (${partitionId}); a device named by UUID is found by its serial number, which it must report.`);

async function legacyIdsByUuid(context: GatewayContext, partitionId: number, uuids: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (uuids.length === 0) return found;
  const twins = await context.loaders.deviceByUuid.loadMany([...uuids]);
  const serials = new Set<string>();
  for (const twin of twins) {
    if (twin instanceof Error) throw twin;
    if (twin?.serialNumber) serials.add(twin.serialNumber);
  }
  const wanted = new Set(uuids);
  const list = [...serials];
  for (let index = 0; index < list.length; index += SERIALS_PER_SEARCH) {
    const chunk = list.slice(index, index + SERIALS_PER_SEARCH);
    const fq = fqAny(chunk.map((serial) => fqEq('SERIALNUMBER', serial))).text;
    const page = await context.loaders.groups.groupDevices(partitionId, fq, 0, chunk.length * 2);
    for (const device of page.devices) matchTwin(device, wanted, found);
  }
  return found;
}

/** A Neurons record is the device's only when its `guid` is the device's UUID (serial numbers can repeat). */
function matchTwin(device: DeviceModel, wanted: ReadonlySet<string>, found: Map<string, number>): void {
  if (device.legacyId !== null && wanted.has(device.uuid)) found.set(device.uuid, device.legacyId);
}
